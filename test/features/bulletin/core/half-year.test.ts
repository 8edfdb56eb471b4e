// The half-year summary's rules over all the months: half-year score and trend (values worked by hand in the
// comments), who improved or declined beyond noise, who stayed behind, and which units are ranked.
import t from 'tap';
import { halfYearOf, halfYears, monthsForRank, mostChanged, persistentBottom, type UnitTrend } from '../../../../server/features/bulletin/core/half-year.js';

/** A month with a score, its SE, and the 95% interval ± 1.96·SE. */
const m = (value: number | null, se = 1, insufficient = false) => ({
  value,
  se,
  lo: value === null ? null : value - 1.96 * se,
  hi: value === null ? null : value + 1.96 * se,
  rank: null,
  insufficient,
});

t.test('half-year score and trend from every month, months with too few interviews left out', async (t) => {
  // Reportable months at x = 0, 1, 3, 4 (month 2 had too few interviews; month 5 the unit was not in the round):
  // y = (80, 82, 84, 83), SE = (1, 2, 1, 2).
  const trend: UnitTrend = { code: 'u', months: [m(80, 1), m(82, 2), m(50, 1, true), m(84, 1), m(83, 2), null] };
  const h = halfYearOf(trend);
  // H = 329/4 = 82.25, SE = √(1 + 4 + 1 + 4)/4 = √10/4.
  t.equal(h.score?.value, 82.25);
  t.ok(Math.abs((h.score?.se ?? 0) - Math.sqrt(10) / 4) < 1e-12);
  t.equal(h.score?.k, 4);
  // w = (1, 0.25, 1, 0.25) at x = (0, 1, 3, 4): Σw = 2.5, x̄ = (0 + 0.25 + 3 + 1)/2.5 = 1.7, ȳ = 205.25/2.5 = 82.1.
  // x − x̄ = (−1.7, −0.7, 1.3, 2.3); y − ȳ = (−2.1, −0.1, 1.9, 0.9).
  // Sxx = 2.89 + 0.25·0.49 + 1.69 + 0.25·5.29 = 6.025; Sxy = 3.57 + 0.25·0.07 + 2.47 + 0.25·2.07 = 6.575.
  // b = 6.575/6.025 = 1.0912863071; SE = 1/√6.025 = 0.4074; 1.0913 > 1.96·0.4074 = 0.7985: a real rise.
  t.ok(Math.abs((h.trend?.slope ?? 0) - 6.575 / 6.025) < 1e-12, `slope ${h.trend?.slope}`);
  t.ok(Math.abs((h.trend?.se ?? 0) - 1 / Math.sqrt(6.025)) < 1e-12);
  t.equal(h.trendVerdict, 'rise');
});

t.test('进步/退步最多 name only trends beyond noise', async (t) => {
  const trends: UnitTrend[] = [
    // +2 a month with SE 1: b = 2, SE(b) = 1/√Σ(x − x̄)² = 1/√17.5 = 0.239 → real.
    { code: 'riser', months: [80, 82, 84, 86, 88, 90].map((v) => m(v, 1)) },
    // A township 0.12 lower at the end with SE 2 each month: noise.
    { code: 'noisy', months: [85, 86, 84, 85.5, 84.2, 84.88].map((v) => m(v, 2)) },
    // −1.5 a month with SE 1: real fall.
    { code: 'faller', months: [90, 88.5, 87, 85.5, 84, 82.5].map((v) => m(v, 1)) },
    { code: 'steeper', months: [90, 87, 84, 81, 78, 75].map((v) => m(v, 1)) },
  ];
  const { improved, declined } = mostChanged(trends);
  t.same(improved.map((c) => c.code), ['riser']);
  t.same(declined.map((c) => c.code), ['steeper', 'faller'], 'steepest fall first');
  t.equal(improved[0].slope, 2);
  t.ok(Math.abs(improved[0].slopeSe - 1 / Math.sqrt(17.5)) < 1e-12);
  t.same([improved[0].first, improved[0].last, improved[0].change], [80, 90, 10]);
  t.notOk([...improved, ...declined].some((c) => c.code === 'noisy'), 'a change of −0.12 is not news');
});

t.test('持续靠后: a half-year interval wholly below the page unit’s half-year score', async (t) => {
  const reference: UnitTrend = { code: 'D', months: [85, 85, 85, 85, 85, 85].map((v) => m(v, 0.5)) };
  const trends: UnitTrend[] = [
    // H = 80, SE = √(6·4)/6 = 0.816, hi = 81.6 < 85: behind. Monthly hi = 80 + 3.92 = 83.92 < 85 in all six months.
    { code: 'behind', months: [80, 80, 80, 80, 80, 80].map((v) => m(v, 2)) },
    // H = 84, SE = √(6·16)/6 = 1.633, hi = 87.2: overlaps 85, not named.
    { code: 'uncertain', months: [84, 84, 84, 84, 84, 84].map((v) => m(v, 4)) },
    { code: 'ahead', months: [90, 90, 90, 90, 90, 90].map((v) => m(v, 1)) },
  ];
  const behind = persistentBottom(trends, reference);
  t.same(behind.map((p) => [p.code, p.times, p.months, p.score]), [['behind', 6, 6, 80]]);
  t.same(persistentBottom(trends, { code: 'D', months: [null, null] }), [], 'no reference score: nobody');
});

t.test('half-year ranks: only units measured in at least half of the months', async (t) => {
  t.equal(monthsForRank(6), 3);
  t.equal(monthsForRank(1), 1);
  const trends: UnitTrend[] = [
    { code: 'a', months: [m(80), m(82), m(84), null, null, null] },
    { code: 'b', months: [m(90), null, null, null, null, m(91)] },
    { code: 'c', months: [m(85), m(85), m(85), m(85), m(85), m(85)] },
  ];
  const h = halfYears(trends);
  t.same(['a', 'b', 'c'].map((code) => h.get(code)?.rank), [2, null, 1], 'b was measured in two of six months');
  t.equal(h.get('b')?.score?.value, 90.5, 'still has a half-year score');
});
