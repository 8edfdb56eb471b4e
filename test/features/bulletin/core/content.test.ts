// What a bulletin says, before any formatting: which metrics are scores and which rates, which units are reportable,
// what the headline, tables, 红榜/黑榜, weak items, receipts, trend and half-year summary hold, as plain numbers.
import t from 'tap';
import { COMPOSITE_KIND, surveyMetrics } from '../../../../server/core/results/metrics.js';
import { isReportable, reportableComposite } from '../../../../server/features/bulletin/core/reportable.js';
import { bulletinContent } from '../../../../server/features/bulletin/core/content.js';
import { summaryContent } from '../../../../server/features/bulletin/core/summary-content.js';
import { resultsPlan } from '../../../../server/core/results/plan.js';
import type { Survey } from '../../../../server/core/survey/model.js';
import { month, round, survey, unit } from '../../../kit/bulletin-content.js';

t.test('the composite is a 0–100 score even when it weighs only rates, as the results plan computes it', async (t) => {
  const ratesOnly: Survey = {
    ...survey,
    indices: [
      { id: 'r1', name: '安全感率', kind: 'rate', question: 'Q1', options: ['A'] },
      { id: 'r2', name: '满意率', kind: 'rate', question: 'Q2', options: ['A'] },
    ],
    composite: { name: '两率综合得分', weights: { r1: 0.5, r2: 0.5 } },
  };
  const metrics = surveyMetrics(ratesOnly);
  t.equal(metrics.composite.kind, 'score');
  t.equal(COMPOSITE_KIND, 'score');
  t.same(metrics.indices.map((ix) => ix.kind), ['rate', 'rate'], 'the rates themselves stay rates');
  // The plan puts each rate in as 100/0 with its weight: a respondent in both option sets scores 100, not 1.
  const plan = resultsPlan(ratesOnly);
  t.same(plan.columns.map((c) => c.kind), ['rate', 'rate']);
  t.same(plan.compositeCoefs, [0.5, 0.5], 'coefficients on columns of 100/0: the composite is on 0–100');
  t.same(surveyMetrics(survey).indices.map((ix) => [ix.name, ix.kind]), [['安全感', 'score'], ['安全感率', 'rate']]);
});

t.test('reportable: at least one interview and not under the minimum', async (t) => {
  t.equal(isReportable({ n: 0, insufficient: false }), false, 'no interviews');
  t.equal(isReportable({ n: 3, insufficient: true }), false, 'under the minimum');
  t.equal(isReportable({ n: 5, insufficient: false }), true);
  t.equal(reportableComposite(undefined), null, 'not in the round');
  t.equal(reportableComposite(unit('X', 'grid', null, 70, { n: 3 })), null);
  t.equal(reportableComposite(unit('X', 'grid', null, 70)), 70);
});

t.test('the district bulletin: headline, ranked tables with honour marks, honours, weak items, receipts', async (t) => {
  const r = month('2026-10', null);
  const c = bulletinContent({ round: round('2026-10'), survey, results: r, series: [r], unit: r.units.D });
  t.equal(c.title, '单位D平安建设模拟民调通报（2026年10月）');
  t.equal(c.isTop, true);
  t.equal(c.rankScope, '全区');
  t.same(c.headline.composite?.value, 85);
  t.equal(c.headline.rank, null, 'the top unit has no rank of its own');
  t.equal(c.headline.completion, 1);
  t.same(c.children?.rows.map((l) => [l.code, l.rank, l.reportable, l.honour]), [
    ['T2', 1, true, null],
    ['T1', 2, true, null],
    ['T3', null, false, null],
  ]);
  t.same(c.children?.insufficient.map((l) => l.code), ['T3'], 'too few interviews');
  // 红榜/黑榜 against the district's 85, intervals ± 2: V2 [89, 93] above; V1 [78, 82], V4 and V3 below.
  t.same(c.villages?.rows.map((l) => [l.code, l.parentName, l.honour]), [
    ['V2', '单位T2', 'top'],
    ['V1', '单位T1', 'bottom'],
    ['V4', '单位T2', 'bottom'],
    ['V3', '单位T1', 'bottom'],
  ]);
  t.same(c.honours?.top.map((l) => l.code), ['V2']);
  t.same(c.honours?.bottom.map((l) => l.code), ['V3', 'V4', 'V1']);
  t.equal(c.honours?.scopeLabel, '全区村（社区）');
  t.same([c.honours?.reference, c.honours?.aboveCount, c.honours?.belowCount], [85, 1, 3]);
  t.same(c.villages?.rows[0].indices.map((e) => e?.value), [91, 0.9], 'indices in the questionnaire’s order');
  t.notOk(c.weak.some((w) => w.line.code === 'T3'), 'no weak items for a unit without a score');
  t.same(c.weak.find((w) => w.line.code === 'V1')?.parentName, '单位T1', 'a village below a township names it');
  t.same(c.receipts.total.receipts, { opened: 4, answered: 3, closed: 1, overdue: 1, feedbackRate: 0.75 });
  t.same(c.receipts.rows[0].receipts, { opened: 0, answered: 0, closed: 0, overdue: 0, feedbackRate: null }, 'none opened');
  t.same(c.indicators.map((i) => [i.name, i.kind]), [['民调综合得分', 'score'], ['安全感', 'score'], ['安全感率', 'rate']]);
  t.equal(c.indicators[0].estimate?.dontKnow, 0.1, 'the don’t-know share travels with the estimate');
  t.same(c.items, [], 'no item table above the village');
  t.equal(c.trend, null, 'a single month has no trend');
});

t.test('a village page: its rank among the district’s villages, its items, changes since last month, the trend', async (t) => {
  const sep = month('2026-09', null);
  const oct = month('2026-10', '2026-09-s', 2);
  const c = bulletinContent({ round: round('2026-10'), survey, results: oct, series: [sep, oct], unit: oct.units.V1 });
  t.equal(c.isTop, false);
  t.equal(c.headline.rank, 2);
  t.same(c.ancestors.map((a) => a.code), ['D', 'T1']);
  t.same(c.previous, { roundCode: '2026-09-s', period: '2026-09' });
  t.same(c.items.map((i) => [i.questionId, i.weak, i.change]), [['Q1', false, 2], ['Q2', true, 2]], 'changes as printed');
  t.equal(c.indicators[2].change, 0, 'a rate’s change is a fraction');
  t.same(c.trend?.periods, ['2026-09', '2026-10']);
  t.same(c.trend?.lines[0], { code: 'V1', label: '单位V1', emphasis: true, values: [80, 82] });
  t.equal(c.children, null, 'no grids in this round');
});

t.test('the half-year summary: months, reportable flags, first-to-last change, movers, receipts', async (t) => {
  const sep = month('2026-09', null);
  const oct = month('2026-10', '2026-09-s', 2);
  const c = summaryContent({ survey, series: [sep, oct], unit: oct.units.D, sweep: null });
  t.same(c.periods, ['2026-09', '2026-10']);
  t.equal(c.own.change, 2);
  t.same(c.sections.map((s) => s.level), ['township', 'village']);
  const townships = c.sections[0];
  t.match(townships.rows.find((r) => r.code === 'T3')?.months, [{ reportable: false, value: 70 }, { reportable: false, value: 70 }], 'a thin unit is never reportable');
  t.equal(townships.rows.find((r) => r.code === 'T3')?.change, null);
  // +2 over two months with SE 1 each: slope 2, SE(b) = 1/√0.5 = 1.41, 2 < 1.96·1.41 — within noise, nobody named.
  t.same(townships.improved, [], 'a gain within noise is not progress');
  t.equal(townships.rows.find((r) => r.code === 'T1')?.halfYear.trendVerdict, 'flat');
  t.equal(townships.rows.find((r) => r.code === 'T1')?.halfYear.score?.value, 81.5);
  const big = summaryContent({ survey, series: [sep, month('2026-10', '2026-09-s', 5)], unit: oct.units.D, sweep: null });
  // +5 with the same SEs: 5 > 2.77, real; equal gains in code order.
  t.same(big.sections[0].improved.map((m) => [m.name, m.first, m.last, m.change, m.slope]), [['单位T1', 80.5, 85.5, 5, 5], ['单位T2', 90.125, 95.125, 5, 5]]);
  t.equal(townships.chart?.everyUnit, true);
  t.same(c.receipts.total.receipts, { opened: 8, answered: 6, closed: 2, overdue: 2, feedbackRate: 0.75 });
  t.equal(c.sweep, null);
});
