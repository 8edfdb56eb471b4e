// The bulletin at village and grid level (docs/statistics.md#small-area-estimates): a round ranked by the model shows
// the model estimate, its interval and γ beside the direct score, ranks by the model and says so in two lines; the
// CSV carries the same ranks with both estimates; a round set to the direct estimate ranks directly; a level without a
// model says 样本不足以建模.
import t, { type Test } from 'tap';
import { parse } from 'csv-parse/sync';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { answerBigRound, bigRound, seededAnswers } from '../../../kit/small-area-domain.js';
import { answerGrids, type SmallRound } from '../../../kit/results-domain.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { setRankingEstimate } from '../../../../server/features/rounds/rounds-service.js';

/** Few grids with 10 or more interviews: four, one short of a model. */
const FEW_LARGE = Array.from({ length: 24 }, (_, i) => (i % 6 === 0 ? 12 : 3));

async function setup(t: Test, ranking: 'model' | 'direct', sizes?: number[]) {
  let s: SmallRound | undefined;
  const built = await build(t, {
    seed: (repos) => {
      s = bigRound(repos, t);
      if (sizes) answerGrids(repos, s, seededAnswers(7, sizes));
      else answerBigRound(repos, s);
      if (ranking === 'direct') setRankingEstimate(repos, s.round, 'direct');
      repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    },
  });
  if (!s) throw new Error('fixture');
  const staff = await logIn(built.app, 'committee', PASSWORD);
  return { ...built, s, staff };
}

/** The unit codes of a CSV export's rows in order, with their rank. */
async function csvRanks(staff: Awaited<ReturnType<typeof logIn>>, round: string, level: string): Promise<Array<Record<string, string>>> {
  const res = await staff.get(`/rounds/${round}/export.csv?unit=B01&level=${level}`);
  t.equal(res.statusCode, 200);
  return parse(res.body.replace(/^\uFEFF/, ''), { columns: true });
}

t.test('ranked by the model: model columns, the note, and ranks by the model estimate in page and CSV', async (t) => {
  const { app, s, staff } = await setup(t, 'model');
  const page = await staff.get(`/rounds/${s.round.code}/bulletin?unit=B01-T2`);
  t.equal(page.statusCode, 200);
  t.match(page.body, '模型估计');
  t.match(page.body, '本单位样本权重');
  t.match(page.body, '样本少的网格，其得分向所在乡镇的平均水平靠拢，以减少偶然因素的影响');
  t.match(page.body, '直接估计');
  t.match(page.body, 'XLSX');
  const results = getRoundResults(app.repos, s.round);
  const rows = await csvRanks(staff, s.round.code, 'grid');
  t.ok('模型估计' in rows[0] && '本单位样本权重(%)' in rows[0], 'the CSV has the model columns beside the direct ones');
  for (const r of rows) {
    const u = results.units[r['单位编码']];
    const rank = r['排名'] === '' ? null : Number(r['排名']);
    t.equal(rank, u.smallAreaRank ?? null, `${u.code}: ranked by the model`);
  }
  t.ok(rows.some((r) => r['排名'] !== '' && Number(r['排名']) !== results.units[r['单位编码']].rank), 'some grid’s model rank differs from its direct rank');
  const township = await csvRanks(staff, s.round.code, 'township');
  for (const r of township) t.equal(r['排名'] === '' ? null : Number(r['排名']), results.units[r['单位编码']].rank, 'townships stay direct');
});

t.test('ranked directly when the round says so: no note, direct ranks, model estimate still beside', async (t) => {
  const { app, s, staff } = await setup(t, 'direct');
  const page = await staff.get(`/rounds/${s.round.code}/bulletin?unit=B01-T2`);
  t.notMatch(page.body, '样本少的网格，其得分向所在乡镇的平均水平靠拢');
  t.match(page.body, '模型估计');
  const results = getRoundResults(app.repos, s.round);
  for (const r of await csvRanks(staff, s.round.code, 'grid')) {
    t.equal(r['排名'] === '' ? null : Number(r['排名']), results.units[r['单位编码']].rank, `${r['单位编码']}: direct rank`);
  }
});

t.test('no model: the page says so and ranks directly', async (t) => {
  const { s, staff } = await setup(t, 'model', FEW_LARGE);
  const page = await staff.get(`/rounds/${s.round.code}/bulletin?unit=B01-T2`);
  t.match(page.body, '样本不足以建模');
  t.notMatch(page.body, '本单位样本权重');
});
