// The rules that keep noise from being printed as news: the change verdict between two rounds, the half-year score
// and trend over the months, and the rank ranges. Expected values are worked by hand in the comments.
import t from 'tap';
import { beyondNoise, changeThreshold, changeVerdict } from '../../../server/core/stats/change.js';
import { meanOfMonths, weightedSlope } from '../../../server/core/stats/pooled.js';
import { rankRanges } from '../../../server/core/stats/rank-range.js';
import { fillNormals } from '../../../server/core/stats/prng.js';
import { mulberry32 } from '../../../server/core/stats/rng.js';

t.test('a change is a rise or fall only beyond 1.96·√(SE₁² + SE₂²)', async (t) => {
  // Δ = 0.5 with SEs 2 and 2: threshold 1.96·√8 = 5.54 → 基本持平.
  t.equal(changeVerdict({ value: 80.5, se: 2 }, { value: 80, se: 2 }), 'flat');
  // Δ = 5 with SEs 1 and 1: threshold 1.96·√2 = 2.77 → a real rise; the other way a fall.
  t.equal(changeVerdict({ value: 85, se: 1 }, { value: 80, se: 1 }), 'rise');
  t.equal(changeVerdict({ value: 80, se: 1 }, { value: 85, se: 1 }), 'fall');
  t.equal(changeThreshold(1, 1).toFixed(4), (1.959963984540054 * Math.SQRT2).toFixed(4));
  // Just inside and just outside: SEs 3 and 4 → √25 = 5, threshold 9.7998.
  t.equal(changeVerdict({ value: 9.79, se: 3 }, { value: 0, se: 4 }), 'flat');
  t.equal(changeVerdict({ value: 9.81, se: 3 }, { value: 0, se: 4 }), 'rise');
  t.equal(changeVerdict({ value: 80, se: 1 }, { value: null, se: null }), null, 'no previous value: no verdict');
  t.equal(changeVerdict({ value: 80, se: null }, { value: 60, se: null }), 'flat', 'no SE at all: nothing to tell from noise');
  // Rates are judged on their own scale: 0.90 → 0.88 with SEs 0.02 → threshold 0.0554.
  t.equal(changeVerdict({ value: 0.88, se: 0.02 }, { value: 0.9, se: 0.02 }), 'flat');
  t.equal(beyondNoise(1.2, 0.5), 'rise', '1.2 > 0.98');
  t.equal(beyondNoise(-0.9, 0.5), 'flat', '0.9 < 0.98');
});

t.test('half-year score: mean of the months, SE √(Σ SEᵢ²)/k', async (t) => {
  const months = [
    { x: 0, value: 80, se: 1 },
    { x: 1, value: 82, se: 2 },
    { x: 2, value: 84, se: 1 },
    { x: 3, value: 83, se: 2 },
  ];
  // H = (80 + 82 + 84 + 83)/4 = 329/4 = 82.25; SE = √(1 + 4 + 1 + 4)/4 = √10/4 = 0.7905694150.
  const h = meanOfMonths(months);
  t.equal(h?.value, 82.25);
  t.ok(Math.abs((h?.se ?? 0) - Math.sqrt(10) / 4) < 1e-12);
  t.ok(Math.abs((h?.lo ?? 0) - (82.25 - 1.959963984540054 * 0.790569415042)) < 1e-9);
  t.equal(h?.k, 4);
  t.equal(meanOfMonths([]), null);
});

t.test('trend: weighted least-squares slope with weights 1/SEᵢ² and SE 1/√Σw(x − x̄)²', async (t) => {
  const months = [
    { x: 0, value: 80, se: 1 },
    { x: 1, value: 82, se: 2 },
    { x: 2, value: 84, se: 1 },
    { x: 3, value: 83, se: 2 },
  ];
  // w = (1, 0.25, 1, 0.25), Σw = 2.5; x̄ = (0 + 0.25 + 2 + 0.75)/2.5 = 1.2; ȳ = (80 + 20.5 + 84 + 20.75)/2.5 = 82.1.
  // x − x̄ = (−1.2, −0.2, 0.8, 1.8); y − ȳ = (−2.1, −0.1, 1.9, 0.9).
  // Sxx = 1.44 + 0.25·0.04 + 0.64 + 0.25·3.24 = 2.9; Sxy = 2.52 + 0.25·0.02 + 1.52 + 0.25·1.62 = 4.45.
  // b = 4.45/2.9 = 1.5344827586; SE = 1/√2.9 = 0.5872202195. (lm(y ~ x, weights = w) has the same slope; its SE
  // differs, being scaled by the residual variance, while here the monthly SEs are taken as known.)
  const s = weightedSlope(months);
  t.ok(Math.abs((s?.slope ?? 0) - 4.45 / 2.9) < 1e-12, `slope ${s?.slope}`);
  t.ok(Math.abs((s?.se ?? 0) - 1 / Math.sqrt(2.9)) < 1e-12);
  t.equal(s?.k, 4);
  // 1.534 > 1.96·0.587 = 1.151: a real improvement.
  t.equal(beyondNoise(s?.slope ?? 0, s?.se ?? null), 'rise');
  // Equal SEs: the ordinary slope. y = (1, 3, 2) at x = 0, 1, 2: x̄ = 1, ȳ = 2, Sxy = (−1)(−1) + 0 + (1)(0) = 1, Sxx = 2.
  t.equal(weightedSlope([{ x: 0, value: 1, se: 1 }, { x: 1, value: 3, se: 1 }, { x: 2, value: 2, se: 1 }])?.slope, 0.5);
  t.equal(weightedSlope([{ x: 0, value: 1, se: 1 }]), null, 'one month has no trend');
  t.equal(weightedSlope([{ x: 0, value: 1, se: 1 }, { x: 1, value: 2, se: null }]), null, 'a month without SE is left out');
});

t.test('rank ranges: far ahead is [1, 1]; identical units share a range; the seed reproduces', async (t) => {
  const entries = [
    { key: 'far', value: 99, se: 0.5, rank: 1 },
    { key: 'a', value: 80, se: 2, rank: 2 },
    { key: 'b', value: 80, se: 2, rank: 2 },
    { key: 'c', value: 79, se: 2, rank: 4 },
    { key: 'd', value: 60, se: 1, rank: 5 },
  ];
  const ranges = rankRanges(entries, { seed: 7 });
  t.same(ranges.get('far'), [1, 1], '19 points ahead with SE 0.5: always first');
  t.same(ranges.get('d'), [5, 5], 'far behind: always last');
  t.same(ranges.get('a'), ranges.get('b'), 'identical estimates and SEs: the same range');
  t.same(ranges.get('a'), [2, 4]);
  t.same(ranges.get('c'), [2, 4]);
  t.same(rankRanges(entries, { seed: 7 }), ranges, 'same seed, same ranges');
  // The published rank always lies in the range.
  for (const e of entries) {
    const [lo, hi] = ranges.get(e.key) ?? [0, 0];
    t.ok(lo <= e.rank && e.rank <= hi, `${e.key}: ${lo} ≤ ${e.rank} ≤ ${hi}`);
  }
  t.same(rankRanges([{ key: 'x', value: 50, se: null, rank: 1 }]).get('x'), [1, 1]);
});

t.test('rank ranges: with equal SEs the range widens as units crowd together', async (t) => {
  const crowded = Array.from({ length: 10 }, (_, i) => ({ key: i, value: 80 + i * 0.1, se: 2, rank: 10 - i }));
  const spread = Array.from({ length: 10 }, (_, i) => ({ key: i, value: 50 + i * 5, se: 2, rank: 10 - i }));
  const c = rankRanges(crowded).get(5) ?? [0, 0];
  const s = rankRanges(spread).get(5) ?? [0, 0];
  t.ok(c[1] - c[0] >= 6, `crowded range ${c}`);
  t.ok(s[1] - s[0] <= 2, `spread range ${s}`);
});

t.test('rank ranges of many units (ranked by buckets) equal a plain pairwise count of the same draws', async (t) => {
  // 150 units within 3 points, SE 1: the bucket walk is used (n² = 22,500 > the draws' span of buckets).
  const values = Array.from({ length: 150 }, (_, i) => Math.round((80 + (i % 30) * 0.1) * 10) / 10);
  const entries = values.map((value, i) => ({ key: i, value, se: 1, rank: 1 + values.filter((v) => v > value).length }));
  const draws = 300;
  const seed = 11;
  const got = rankRanges(entries, { draws, seed });
  // The reference: the same normal draws, scores rounded to 0.01, rank = 1 + units strictly higher.
  const uniform = mulberry32(seed);
  const z = new Float64Array(entries.length);
  const ranks = entries.map(() => [] as number[]);
  for (let d = 0; d < draws; d++) {
    fillNormals(z, uniform);
    const printed = entries.map((e, i) => Math.round((e.value + e.se * z[i]) / 0.01));
    printed.forEach((p, i) => ranks[i].push(1 + printed.filter((q) => q > p).length));
  }
  // Units i and i + 30k share value and SE: pooled. Quantiles as in rank-range.ts (first rank past 2.5% / reaching 97.5%).
  for (const i of [0, 7, 29]) {
    const pooled = entries.flatMap((e, j) => (e.value === entries[i].value ? ranks[j] : [])).sort((a, b) => a - b);
    const total = pooled.length;
    const lo = pooled.find((_, k) => k + 1 > 0.025 * total) ?? 0;
    const hi = pooled.find((_, k) => k + 1 >= 0.975 * total) ?? 0;
    t.same(got.get(i), [Math.min(lo, entries[i].rank), Math.max(hi, entries[i].rank)], `unit ${i}: ${got.get(i)}`);
  }
});
