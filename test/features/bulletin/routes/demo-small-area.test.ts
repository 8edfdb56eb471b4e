// The demo's October bulletin, as the committee reads it: villages and grids are ranked by the small-area (model)
// estimate, the table shows the model estimate beside the direct one with the unit's own weight, and the two-line note
// says what the model estimate is. The order of the printed ranks follows the model estimates, not the direct ones.
import t from 'tap';
import { demoMonths } from '../../../kit/demo-bulletin.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import { bulletinFor } from '../../../../server/features/bulletin/bulletin-service.js';
import { rankedTableOf, rankingImageSvg } from '../../../../server/features/bulletin/view-models/bulletin-charts.js';

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

  // The ranking image of the township's villages says so too, and its bars are the model estimates the ranks follow.
  const township = results.units.QH01;
  const content = bulletinFor(repos, october, township);
  const table = rankedTableOf(content, 'village');
  if (!table) throw new Error('the township bulletin ranks its villages');
  const svg = rankingImageSvg(content, table, '清河区委政法委（平安办）');
  t.match(svg, '本表村（社区）、网格按模型估计（小域估计）排名', 'the image carries the model note');
  const first = table.rows.find((r) => r.reportable && r.composite.smallArea);
  t.ok(first, 'a ranked village with a model estimate');
  t.match(svg, `>${first?.composite.smallArea?.value?.toFixed(2)}</text>`, 'the bar shows the model estimate');
  const r = await s.get(`/rounds/${october.code}/ranking.png?unit=QH01&level=village`);
  t.equal(r.statusCode, 200);
  t.equal(r.headers['content-type'], 'image/png');
});
