// The results API: the bulletin's numbers as JSON, checked against a recomputation from the raw response export with
// docs/statistics.md's formulas (the statistics module's record-level references, sharing no code with the SQL aggregation).
import t, { type Test } from 'tap';
import { parse } from 'csv-parse/sync';
import { appOn, logIn, build, bearer, issueToken, PASSWORD } from '../../../kit/app.js';
import { R_DATA, answerGrids, screenOut, smallRound, type SmallRound } from '../../../kit/results-domain.js';
import { isResultsReply as isReply, type ResultsReply, type UnitJson } from '../../../kit/results.js';
import { cliKit } from '../../../kit/cli.js';
import { openDatabase } from '../../../../server/platform/db.js';
import { compositeFromRecords, meanFromRecords, rateFromRecords } from '../../../../server/core/stats/index.js';
import { closeRoundById, createRound, openRoundById } from '../../../../server/features/rounds/rounds-service.js';

async function setup(t: Parameters<typeof build>[0]) {
  let s: SmallRound | undefined;
  let secret = '';
  const built = await build(t, { seed: (repos) => {
    s = smallRound(repos, t);
    answerGrids(repos, s, R_DATA);
    screenOut(repos, s, s.grids[1]);
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    secret = issueToken(repos, null);
  } });
  if (!s) throw new Error('fixture');
  return { ...built, s, auth: bearer(secret) };
}

function near(t: Test, a: number | null | undefined, b: number | null, what: string): void {
  t.ok(a !== null && a !== undefined && b !== null && Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} ≈ ${b}`);
}

t.test('a unit and its children, with the numbers a recomputation from the raw export gives', async (t) => {
  const { app, s, auth } = await setup(t);
  const res = await app.inject({ method: 'GET', url: `/api/rounds/${s.round.code}/results`, headers: auth });
  t.equal(res.statusCode, 200);
  const body: unknown = res.json();
  if (!isReply(body)) throw new Error('unexpected reply');
  t.equal(body.round.code, s.round.code);
  t.equal(body.round.state, 'open');
  t.equal(body.round.survey.key, 'test-small');
  t.equal(body.unit.code, 'D01', 'the round’s top unit by default');
  t.equal(body.unit.n, 18);
  t.same(body.children.map((c) => c.code).sort(), ['D01-T1', 'D01-T2']);
  t.same(body.children.map((c) => c.rank), [1, 2], 'children in rank order');
  // R (see test/core/results/results.test.ts): district composite.
  near(t, body.unit.composite.value, 60.2544117647, 'district composite as R computes it');

  const s2 = await logIn(app, 'committee', PASSWORD);
  const csv = await s2.get(`/rounds/${s.round.code}/responses.csv?unit=D01`);
  t.equal(csv.statusCode, 200);
  const rows: Array<Record<string, string>> = parse(csv.body, { columns: true, bom: true });
  const complete = rows.filter((r) => r['状态'] === '完成');
  t.equal(complete.length, 18, 'one row per completed response');
  t.equal(rows.length, 19, 'and the screened-out one');

  const q1: Record<string, number> = { A: 100, B: 80, C: 50, D: 20, E: 0 };
  const q2: Record<string, number> = { A: 100, B: 60, C: 0 };
  const q3: Record<string, number> = { Y: 100, N: 0 };
  const recompute = (selected: Array<Record<string, string>>) => {
    const rec = selected.map((r) => ({ grid: r['网格编码'], g: Number(r['权重g']), q1: r['Q1_代码'], q2: r['Q2_代码'], q3: r['Q3_代码'] }));
    const score = (map: Record<string, number>, code: string): number | null => (code in map ? map[code] : null);
    const rateOf = (code: string): number | null => (code === 'X' ? null : code === 'A' || code === 'B' ? 1 : 0);
    return {
      q1: meanFromRecords(rec.map((r) => ({ y: score(q1, r.q1), g: r.g, grid: r.grid, excluded: r.q1 === 'X' }))),
      rate: rateFromRecords(rec.map((r) => ({ y: rateOf(r.q1), g: r.g, grid: r.grid, excluded: r.q1 === 'X' }))),
      composite: compositeFromRecords(
        [0.5, 0.2, 0.15, 0.15],
        rec.map((r) => {
          const hit = rateOf(r.q1);
          return { grid: r.grid, g: r.g, scores: [score(q1, r.q1), hit === null ? null : 100 * hit, score(q2, r.q2), score(q3, r.q3)] };
        }),
      ),
    };
  };
  const check = (unit: UnitJson, selected: Array<Record<string, string>>) => {
    const x = recompute(selected);
    near(t, unit.indices.a.value, x.q1.value, `${unit.code} item a`);
    near(t, unit.indices.a.se, x.q1.se, `${unit.code} item a se`);
    near(t, unit.indices.a.dontKnow, x.q1.dontKnow, `${unit.code} item a don't-know share`);
    near(t, unit.indices.b.value, x.rate.value, `${unit.code} rate b`);
    near(t, unit.indices.b.lo, x.rate.lo, `${unit.code} rate b Wilson lower bound`);
    near(t, unit.composite.value, x.composite.value, `${unit.code} composite`);
    near(t, unit.composite.se, x.composite.se, `${unit.code} composite se`);
    near(t, unit.composite.hi, x.composite.hi, `${unit.code} composite upper bound`);
  };
  check(body.unit, complete);
  for (const child of body.children) check(child, complete.filter((r) => r['网格编码'].startsWith(child.code)));
});

t.test('a unit lower down, an empty round, and bad requests', async (t) => {
  const { app, repos, s, auth } = await setup(t);
  const grid = await app.inject({ method: 'GET', url: `/api/rounds/${s.round.code}/results?unit=D01-T2-V1`, headers: auth });
  t.equal(grid.statusCode, 200);
  const body: unknown = grid.json();
  if (!isReply(body)) throw new Error('unexpected reply');
  t.equal(body.unit.level, 'village');
  const thin = body.children.find((c) => c.code === 'D01-T2-V1-G2');
  t.equal(thin?.insufficient, true, 'three interviews, minimum four');
  t.equal(thin?.rank, null, 'not ranked');

  const empty = openRoundById(repos, createRound(repos, { surveyVersionId: s.round.surveyVersionId, period: '2025-04', unitIds: [s.district.id], minSample: 4 }).id);
  const none = await app.inject({ method: 'GET', url: `/api/rounds/${empty.code}/results`, headers: auth });
  t.equal(none.statusCode, 200, 'an empty round answers, it does not fail');
  t.notMatch(none.body, /NaN/);
  const nb: unknown = none.json();
  if (!isReply(nb)) throw new Error('unexpected reply');
  t.equal(nb.unit.n, 0);
  t.equal(nb.unit.composite.value, null);
  t.equal(nb.unit.insufficient, true);

  repos.units.importUnits([{ code: 'D02', name: '另一区', parentCode: null, level: 'district', population: null, households: null }]);
  const cases: Array<[string, number]> = [
    [`/api/rounds/no-such-round/results`, 404],
    [`/api/rounds/${s.round.code}/results?unit=NOPE`, 404],
    [`/api/rounds/${s.round.code}/results?unit=D02`, 404],
    [`/api/rounds/${s.round.code}/results?unit=`, 400],
    [`/api/rounds/${s.round.code}/results?unit=${'x'.repeat(65)}`, 400],
  ];
  for (const [url, status] of cases) {
    const res = await app.inject({ method: 'GET', url, headers: auth });
    t.equal(res.statusCode, status, url.slice(0, 80));
    t.type(res.json().message, 'string', 'with a message');
  }
});

t.test('the endpoint is in the OpenAPI document', async (t) => {
  const { app } = await setup(t);
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  const doc: unknown = res.json();
  const paths = typeof doc === 'object' && doc !== null && 'paths' in doc ? doc.paths : undefined;
  const entry = typeof paths === 'object' && paths !== null && '/api/rounds/{round}/results' in paths ? paths['/api/rounds/{round}/results'] : undefined;
  t.ok(entry, 'listed');
  t.match(JSON.stringify(entry), /"tags":\["results"\]/);
});

t.test('the CLI prints what the API returns; changes are against the previous round', async (t) => {
  const kit = cliKit(t);
  const codes = kit.inspect((repos) => {
    const s = smallRound(repos, t);
    answerGrids(repos, s, R_DATA);
    closeRoundById(repos, s.round.id);
    const next = openRoundById(repos, createRound(repos, { surveyVersionId: s.round.surveyVersionId, period: '2025-04', unitIds: [s.district.id], quotaPerGrid: 5, minSample: 4 }).id);
    // The first three grids' answers trade places, so ranks and scores move; the fourth keeps its 3 answers (under the
    // minimum) so the same grids are ranked in both months, and the round is closed: rank changes are printed only
    // then (docs/statistics.md#rankings).
    answerGrids(repos, s, [R_DATA[2], R_DATA[0], R_DATA[1], R_DATA[3]], next);
    closeRoundById(repos, next.id);
    return { first: s.round.code, second: next.code, auth: bearer(issueToken(repos, null)) };
  });
  const db = openDatabase(kit.dbPath);
  t.teardown(() => db.close());
  const app = await appOn(t, db);

  const fromApi = async (round: string, unit: string): Promise<ResultsReply> => {
    const body: unknown = (await app.inject({ method: 'GET', url: `/api/rounds/${round}/results?unit=${unit}`, headers: codes.auth })).json();
    if (!isReply(body)) throw new Error('unexpected reply');
    return body;
  };
  for (const unit of ['D01', 'D01-T1', 'D01-T2-V1']) {
    const api = await fromApi(codes.second, unit);
    const json: unknown = JSON.parse((await kit.run('results', codes.second, '--unit', unit)).out);
    if (!isReply(json)) throw new Error('unexpected CLI output');
    t.same([json.unit, json.children], [api.unit, api.children], `${unit}: the same units and numbers as JSON`);
    t.same({ ...json.round, computedAt: '' }, { ...api.round, computedAt: '' });

    const csv: Array<Record<string, string>> = parse((await kit.run('results', codes.second, '--unit', unit, '--format', 'csv')).out, { columns: true });
    t.same(csv.map((r) => r.code), [api.unit, ...api.children].map((u) => u.code));
    for (const [row, u] of csv.map((r, i) => [r, [api.unit, ...api.children][i]] as const)) {
      const num = (v: string): number | null => (v === '' ? null : Number(v));
      t.same(
        [row.n, row.composite, row.se, row.lo, row.hi, row.rank, row.rankChange, row.scoreChange, row.a, row.b, row.c].map((v) => num(v ?? '')),
        [u.n, u.composite.value, u.composite.se, u.composite.lo, u.composite.hi, u.rank, u.rankChange, u.scoreChange, u.indices.a.value, u.indices.b.value, u.indices.c.value],
        `${u.code}: the same numbers as CSV`,
      );
    }
  }

  // Rank change = last month's rank − this month's; score change = the difference of the two printed scores.
  const before = await fromApi(codes.first, 'D01-T1-V1');
  const after = await fromApi(codes.second, 'D01-T1-V1');
  let moved = 0;
  for (const u of after.children) {
    const p = before.children.find((c) => c.code === u.code);
    if (!p || p.rank === null || u.rank === null || p.composite.value === null || u.composite.value === null) continue;
    t.equal(u.rankChange, p.rank - u.rank, `${u.code} rank ${p.rank} → ${u.rank}`);
    t.ok(Math.abs((u.scoreChange ?? NaN) - (Number(u.composite.value.toFixed(2)) - Number(p.composite.value.toFixed(2)))) < 1e-9, `${u.code} score change`);
    if (u.rankChange !== 0) moved += 1;
  }
  t.ok(moved > 0, 'some grid changed rank');
});
