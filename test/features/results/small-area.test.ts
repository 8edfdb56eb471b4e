// Small-area estimates in the results API (docs/statistics.md#small-area-estimates): every village's and grid's model
// estimate, MSE, interval, γ, model rank and rank range, and the fitted models, against R (metafor's REML fit and the
// hand formulas, test/kit/fay-herriot-r.ts) run on the direct estimates the same API reports.
import t, { type Test } from 'tap';
import { build, bearer, issueToken } from '../../kit/app.js';
import { isResultsReply, type UnitJson } from '../../kit/results.js';
import { answerBigRound, bigRound } from '../../kit/small-area-domain.js';
import type { SmallRound } from '../../kit/results-domain.js';
import { fitInR, type RFit } from '../../kit/fay-herriot-r.js';

async function setup(t: Test) {
  let s: SmallRound | undefined;
  let secret = '';
  const built = await build(t, {
    seed: (repos) => {
      s = bigRound(repos, t);
      answerBigRound(repos, s);
      secret = issueToken(repos, null);
    },
  });
  if (!s) throw new Error('fixture');
  const round = s.round.code;
  const get = async (unit: string) => {
    const res = await built.app.inject({ method: 'GET', url: `/api/rounds/${round}/results?unit=${unit}`, headers: bearer(secret) });
    const body: unknown = res.json();
    if (res.statusCode !== 200 || !isResultsReply(body)) throw new Error(`results of ${unit}: ${res.statusCode}`);
    return body;
  };
  return { ...built, s, get };
}

const townshipOf = (code: string): string => code.split('-').slice(0, 2).join('-');

function compareLevel(t: Test, units: UnitJson[], r: RFit, estimate: (u: UnitJson) => UnitJson['composite'] | undefined, rankSlack: number | null): void {
  for (const u of units) {
    const e = estimate(u);
    const theirs = r.units.get(u.code);
    if (!e || (e.value === null || e.n === 0)) {
      t.equal(e?.smallArea ?? null, null, `${u.code}: no interviews, no model estimate`);
      if (rankSlack !== null) t.equal(u.smallAreaRank, null, `${u.code}: and no model rank`);
      continue;
    }
    const sa = e.smallArea;
    if (!sa || !theirs) {
      t.fail(`${u.code}: model estimate missing`);
      continue;
    }
    for (const f of ['value', 'mse', 'gamma', 'lo', 'hi'] as const) t.ok(Math.abs(sa[f] - theirs[f]) < 1e-8, `${u.code} ${f}: ${sa[f]} vs R ${theirs[f]}`);
    if (rankSlack === null) continue;
    t.equal(u.smallAreaRank, theirs.rank, `${u.code}: model rank as R ranks`);
    const range = u.smallAreaRankRange;
    const r2 = theirs.range;
    if (r2 === null) {
      t.equal(range, null, `${u.code}: under the minimum sample, no model rank range`);
      continue;
    }
    t.ok(
      range && Math.abs(range[0] - r2[0]) <= rankSlack && Math.abs(range[1] - r2[1]) <= rankSlack,
      `${u.code}: rank range ${JSON.stringify(range)} vs R's draws ${JSON.stringify(theirs.range)} (±${rankSlack})`,
    );
  }
}

const rUnits = (units: UnitJson[], estimate: (u: UnitJson) => UnitJson['composite'] | undefined) =>
  units.map((u) => {
    const e = estimate(u);
    return { key: u.code, group: townshipOf(u.code), y: e?.value ?? null, se: e?.se ?? null, n: e && e.value !== null ? e.n : 0, eligible: !u.insufficient };
  });

t.test('villages and grids: model estimates, ranks and models as R computes them from the direct estimates', async (t) => {
  const { s, get } = await setup(t);
  const district = await get('B01');
  t.notOk('smallAreaRank' in district.unit, 'the district has no model rank');
  t.notOk('smallArea' in district.unit.composite, 'nor do its estimates');
  t.notOk('smallArea' in district.children[0].composite, 'nor the townships’');
  const villages = (await Promise.all(s.townships.map((x) => get(x.code)))).flatMap((r) => r.children);
  const grids = (await Promise.all(s.villages.map((x) => get(x.code)))).flatMap((r) => r.children);
  t.equal(villages.length, 12);
  t.equal(grids.length, 24);
  const models = district.smallAreaModels;
  if (!models) throw new Error('no models');

  const composite = (u: UnitJson) => u.composite;
  for (const [level, units, slack] of [['village', villages, 1], ['grid', grids, 3]] as const) {
    const r = fitInR(rUnits(units, composite), [0, 100]);
    const m = models[level].composite;
    if (!('c' in m)) throw new Error(`${level}: no model`);
    t.ok(Math.abs(m.c - r.c) < 1e-8, `${level} c ${m.c} vs ${r.c}`);
    t.ok(Math.abs(m.sigma2u - r.tau2) < 1e-8, `${level} σ²_u ${m.sigma2u} vs ${r.tau2}`);
    for (const [k, b] of Object.entries(r.beta)) t.ok(Math.abs(m.beta[k] - b) < 1e-8, `${level} β ${k}`);
    compareLevel(t, units, r, composite, slack);
  }
  // An index on the rate scale, at grid level: intervals clipped to [0, 1].
  const rate = (u: UnitJson) => u.indices.b;
  compareLevel(t, grids, fitInR(rUnits(grids, rate), [0, 1]), rate, null);
  t.ok(
    grids.some((u) => u.insufficient && u.composite.smallArea && u.smallAreaRank === null),
    'a grid under the minimum sample has a model estimate but, as in the direct ranking, no rank',
  );
  const g = grids.find((u) => u.code === 'B01-T1-V1-G1');
  t.equal(g?.n, 0, 'a grid without interviews');
  t.equal(g?.smallAreaRank, null);
  t.same(g?.smallAreaRankRange, null);
});

t.test('too few units with 10 or more interviews: the level says it has no model and ranks nobody by it', async (t) => {
  let s: SmallRound | undefined;
  let secret = '';
  const { app } = await build(t, {
    seed: (repos) => {
      s = bigRound(repos, t);
      secret = issueToken(repos, null);
    },
  });
  if (!s) throw new Error('fixture');
  const res = await app.inject({ method: 'GET', url: `/api/rounds/${s.round.code}/results?unit=B01-T1-V1`, headers: bearer(secret) });
  const body: unknown = res.json();
  if (!isResultsReply(body)) throw new Error('reply');
  t.same(body.smallAreaModels?.grid.composite, { model: 'none', reason: '样本不足以建模' });
  t.equal(body.children[0].composite.smallArea, null);
  t.equal(body.children[0].smallAreaRank, null);
});
