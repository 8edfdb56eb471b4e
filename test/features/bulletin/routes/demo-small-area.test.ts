// The demo's October bulletin, as the committee reads it: villages and grids are ranked by the small-area (model)
// estimate, the table shows the model estimate beside the direct one with the unit's own weight, and the two-line note
// says what the model estimate is. The order of the printed ranks follows the model estimates, not the direct ones.
import t from 'tap';
import { demoMonths } from '../../../kit/demo-bulletin.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';

t.test("the demo's township bulletin ranks its grids by the model estimate, with the note", async (t) => {
  const { october, committee: s, repos } = await demoMonths(t);
  t.equal(october.rankingEstimate, 'model', 'a new round ranks villages and grids by the model');
  const res = await s.get(`/rounds/${october.code}/bulletin?unit=QH01`);
  t.equal(res.statusCode, 200);
  t.match(res.body, '模型估计');
  t.match(res.body, '本单位样本权重');
  t.match(res.body, '样本少的网格，其得分向所在乡镇的平均水平靠拢，以减少偶然因素的影响');
  t.match(res.body, '仍保留在 XLSX 导出中');
  // The results carry both estimates; the model ranking orders the units by the model estimate.
  const results = getRoundResults(repos, october);
  const grids = Object.values(results.units).filter((u) => u.level === 'grid' && u.smallAreaRank != null && u.composite.smallArea);
  t.ok(grids.length > 50, `grids with a model estimate and rank (${grids.length})`);
  const byRank = [...grids].sort((a, b) => (a.smallAreaRank ?? 0) - (b.smallAreaRank ?? 0));
  // Competition ranking on the model estimate rounded to two decimals: a later rank never has a higher rounded value.
  const r2 = (v: number | undefined) => Math.round((v ?? 0) * 100);
  const ordered = byRank.every((u, i) => i === 0 || r2(u.composite.smallArea?.value) <= r2(byRank[i - 1].composite.smallArea?.value));
  t.ok(ordered, 'model ranks follow the model estimates');
  t.ok(grids.some((g) => g.smallAreaRank !== g.rank), 'and differ from the direct ranks somewhere');
});
