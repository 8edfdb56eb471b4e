// safepoll results carries the small-area estimates (docs/statistics.md#small-area-estimates) as the API does: every
// estimate of a village or grid has `smallArea`, the unit its model rank and range, the reply the fitted models.
import t from 'tap';
import { parse } from 'csv-parse/sync';
import { cliKit } from '../kit/cli.js';
import { answerBigRound, bigRound } from '../kit/small-area-domain.js';
import { isResultsReply } from '../kit/results.js';
import { getRoundResults } from '../../server/features/results/round-results.js';

t.test('JSON and CSV of a village and its grids carry the model estimates the results hold', async (t) => {
  const kit = cliKit(t);
  const code = kit.inspect((repos) => {
    const s = bigRound(repos, t);
    answerBigRound(repos, s);
    return s.round.code;
  });
  const res = await kit.run('results', code, '--unit', 'B01-T2-V1', '--format', 'json');
  t.equal(res.code, 0, res.err);
  const body: unknown = JSON.parse(res.out);
  if (!isResultsReply(body)) throw new Error('unexpected output');
  const held = kit.inspect((repos) => {
    const round = repos.rounds.getByCode(code);
    if (!round) throw new Error('round');
    return getRoundResults(repos, round);
  });
  for (const u of [body.unit, ...body.children]) {
    const h = held.units[u.code];
    t.same(u.composite.smallArea, h.composite.smallArea, `${u.code}: composite model estimate`);
    t.same(u.indices.b.smallArea, h.indices.b.smallArea, `${u.code}: an index's model estimate`);
    t.equal(u.smallAreaRank, h.smallAreaRank, `${u.code}: model rank`);
    t.same(u.smallAreaRankRange, h.smallAreaRankRange, `${u.code}: model rank range`);
    t.ok(typeof u.composite.smallArea?.gamma === 'number', `${u.code}: γ`);
  }
  t.same(body.smallAreaModels, held.smallAreaModels, 'the fitted models');
  const m = body.smallAreaModels?.grid.composite;
  t.ok(m && 'beta' in m && Object.keys(m.beta).sort().join() === 'B01-T1,B01-T2,B01-T3', 'one township effect per township');

  const csv = await kit.run('results', code, '--unit', 'B01-T2-V1', '--format', 'csv');
  const rows: Array<Record<string, string>> = parse(csv.out, { columns: true });
  t.equal(Number(rows[1].smallArea), held.units[rows[1].code].composite.smallArea?.value, 'CSV: the grid’s model estimate');
  t.equal(Number(rows[1].smallAreaRank), held.units[rows[1].code].smallAreaRank);
});
