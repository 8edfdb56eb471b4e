// The bulletin's view model on hand-made results: what is ranked, in what order, what is named 样本不足, what the
// 红榜/黑榜 and the half-year summary pick out. The page test (test/web/bulletin.test.ts) covers the real pipeline.
import t from 'tap';
import type { RoundResults } from '../../../../server/core/results/types.js';
import { results, round, survey, unitWith } from '../../../kit/bulletin-content.js';
import { bulletinView } from '../../../../server/features/bulletin/view-models/bulletin.js';
import { summaryView } from '../../../../server/features/bulletin/view-models/summary.js';
import { bulletinContent, type BulletinSource } from '../../../../server/features/bulletin/core/content.js';
import { summaryContent, type SummarySource } from '../../../../server/features/bulletin/core/summary-content.js';
import { formatScore } from '../../../../server/core/stats/format.js';

/** The views of content built from hand-made results (the app builds content in features/bulletin/bulletin-service.ts). */
const buildBulletin = (input: BulletinSource & { canOpen: (code: string) => boolean }) => bulletinView(bulletinContent(input), input.canOpen);
const buildSummary = (input: SummarySource) => summaryView(summaryContent(input));

const unit = unitWith(0);

function october(): RoundResults {
  return results(
    '2026-10',
    [
      unit('D', 'district', null, 85),
      unit('T1', 'township', 'D', 80.5, { rank: 2, rankChange: -1, scoreChange: -1.256 }),
      unit('T2', 'township', 'D', 90.125, { rank: 1, rankChange: 1, scoreChange: 2 }),
      unit('T3', 'township', 'D', 70, { n: 3 }),
      unit('V1', 'village', 'T1', 80, { rank: 2 }),
      unit('V2', 'village', 'T2', 91, { rank: 1 }),
      unit('V3', 'village', 'T1', 60, { rank: 4 }),
      unit('V4', 'village', 'T2', 75, { rank: 3 }),
    ],
    '2026-09-s',
  );
}

t.test('the district page ranks townships and all villages; thin units are 样本不足 and unranked', async (t) => {
  const r = october();
  const view = buildBulletin({ round: round('2026-10'), survey, results: r, series: [r], unit: r.units.D, canOpen: () => true });
  t.equal(view.title, '单位D平安建设模拟民调通报（2026年10月）');
  t.same(view.children?.rows.map((row) => [row.name, row.rank, row.composite]), [
    ['单位T2', '1', formatScore(90.125)],
    ['单位T1', '2', formatScore(80.5)],
    ['单位T3', '', '—'],
  ]);
  t.same(view.children?.insufficient.map((row) => row.name), ['单位T3']);
  t.same(view.villages?.rows.map((row) => row.name), ['单位V2', '单位V1', '单位V4', '单位V3']);
  t.equal(view.villages?.rows[0].parentName, '单位T2');
  t.equal(view.children?.rows[0].rankChange.includes('1'), true);
  t.equal(view.children?.rows[1].scoreChange, `-${formatScore(1.256)}`);
  // Named when the interval (score ± 2) lies wholly above or below the district's 85: V2 [89, 93] above; V1 [78, 82],
  // V4 and V3 below, worst first.
  t.same(view.honours?.top.map((u) => u.name), ['单位V2']);
  t.same(view.honours?.bottom.map((u) => u.name), ['单位V3', '单位V4', '单位V1']);
  t.match(view.honours?.footnote, '95% 区间整体高于全区');
  t.equal(view.receipts.total.feedbackRate, '75.0%');
  t.match(view.charts.ranking?.svg, /^<svg /);
  t.equal(view.charts.trend, null, 'one month: no trend chart');
  t.equal(view.empty, false);
  t.equal(view.indicators[2].name, '安全感率');
  t.match(view.indicators[2].value, /%$/, 'rates are written as percentages');
});

t.test('a township page ranks its villages and names a grid with its village', async (t) => {
  const r = october();
  const view = buildBulletin({ round: round('2026-10'), survey, results: r, series: [r], unit: r.units.T1, canOpen: (c) => c !== 'D' });
  t.same(view.children?.rows.map((row) => row.name), ['单位V1', '单位V3']);
  t.same(view.breadcrumb, [{ name: '单位D', href: null }], 'a unit above the user is shown without a link');
  t.equal(view.villages, null);
  r.units.G1 = unit('G1', 'grid', 'V1', 82);
  const grid = buildBulletin({ round: round('2026-10'), survey, results: r, series: [r], unit: r.units.G1, canOpen: () => true });
  t.equal(grid.title, '单位V1单位G1平安建设模拟民调通报（2026年10月）');
  t.same(grid.items.map((i) => [i.id, i.weak]), [
    ['Q1', false],
    ['Q2', true],
  ]);
});

t.test('an empty round is said to be empty', async (t) => {
  const r = results('2026-10', [unit('D', 'district', null, null), unit('T1', 'township', 'D', null)]);
  const view = buildBulletin({ round: round('2026-10'), survey, results: r, series: [r], unit: r.units.D, canOpen: () => true });
  t.equal(view.empty, true);
  t.equal(view.overview.composite, '—');
});

t.test('the half-year summary finds the most improved and the most declined township', async (t) => {
  const months = ['2026-05', '2026-06', '2026-07'];
  const values: Record<string, number[]> = { T1: [70, 75, 80], T2: [90, 88, 85], T3: [80, 80, 81] };
  const series = months.map((m, i) =>
    results(m, [
      unit('D', 'district', null, 80),
      ...Object.entries(values).map(([code, v]) => unit(code, 'township', 'D', v[i], { rank: 1 })),
    ]),
  );
  const view = buildSummary({ survey, series, unit: series[2].units.D, sweep: null });
  t.equal(view.title, '单位D平安建设模拟民调半年小结（2026年5月—7月）');
  t.equal(view.sections.length, 2, 'townships and villages');
  // SE 1 a month: T1's +5 a month (SE 1/√2 = 0.71) and T2's −2.5 are real; T3's +0.5 is within noise (< 1.39).
  t.same(view.sections[0].improved.map((c) => [c.name, c.change, c.slope]), [['单位T1', `+${formatScore(10)}`, `+${formatScore(5)} ± ${formatScore(Math.SQRT1_2)}`]]);
  t.same(view.sections[0].declined.map((c) => c.name), ['单位T2']);
  const t3 = view.sections[0].rows.find((r) => r.name === '单位T3');
  t.same([t3?.halfYear, t3?.trend, t3?.trendDirection, t3?.trendFlat], [formatScore(241 / 3), `+${formatScore(0.5)}`, 'flat', true]);
  t.equal(view.fewerMonths, true);
  t.equal(view.sweep, null);
});
