// The planner page's figures when the units do not differ beyond noise (σ²_u = 0, docs/statistics.md#sample-planner):
// no sample size reaches a reliability, and the page says so instead of printing a number.
import t from 'tap';
import { plannerPageOf } from '../../../../server/features/planning/view-models/planning.js';
import type { PlanningAdvice } from '../../../../server/features/planning/core/advice.js';

t.test('σ²_u = 0: reliabilities cannot be reached, changes still can be seen', async (t) => {
  // c = 400: half-width at 16 interviews 1.959963984540054·√(400/16) = 9.7998…, at 50: 5.5436…
  const advice: PlanningAdvice = {
    level: 'grid',
    c: 400,
    sigma2u: 0,
    meanGamma: 0,
    currentN: 16,
    nForReliability: { '0.7': null, '0.8': null },
    nForChange: { '5': 251, '10': 63 },
    halfWidth: { '16': 9.79981992270027, '50': 5.543644 },
    table: [{ n: 10, reliability: 0, halfWidth: 12.3959, detectableChange: 25.06 }],
    paragraph: '按目前每个网格每月约 16 份，网格排名的可靠度约为 0.0；本轮各网格之间的差异没有超出抽样误差。',
  };
  const view = plannerPageOf({ rounds: [], round: undefined, township: undefined, advice, refusal: undefined }, 'grid');
  t.equal(view.advice?.noSpread, true);
  t.equal(view.advice?.for08, '无法达到');
  t.equal(view.advice?.for07, '无法达到');
  t.equal(view.advice?.for5, '251 份');
  t.equal(view.advice?.halfWidthNow, '9.8');
  t.equal(view.advice?.halfWidth50, '5.5');
  t.same(view.advice?.table, [{ n: 10, reliability: '0.00', halfWidth: '12.4', detectableChange: '25.1' }]);
  t.equal(view.unit, '网格');
});
