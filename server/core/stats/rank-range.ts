// Plausible rank ranges (排名区间): how far a unit's rank could move if the survey were repeated. The units' scores
// are drawn from Normal(estimate, SE²), independently, `draws` times; each draw ranks them (1 + how many score
// higher); a unit's range is the 2.5% and 97.5% quantiles of its simulated ranks, widened to contain its published
// rank. Seeded, so the same results always print the same ranges. Each draw is ranked the way the bulletin ranks:
// on the score rounded to two decimals, ties sharing the better rank (competition ranking), which also lets a draw be
// ranked by counting scores into 0.01-wide buckets instead of sorting (2,000 grids × 2,000 draws in well under 1 s).
//
// Units with the same estimate and SE have the same rank distribution (they are exchangeable), so their simulated
// ranks are pooled: two identical units always show the same range, not two that differ by Monte-Carlo noise.
import { fillNormals } from './prng.js';
import { mulberry32 } from './rng.js';

export type RankRange = [number, number];

export interface RankEntry<K> {
  key: K;
  value: number;
  /** Null or 0: the score is taken as exact. */
  se: number | null;
  /** The published (competition) rank, kept inside the range. */
  rank: number;
}

export interface RankRangeOptions {
  draws?: number;
  seed?: number;
  /** Lower tail of the range (0.025: the 2.5%–97.5% range). */
  tail?: number;
}

export const RANK_RANGE_DRAWS = 2000;
export const RANK_RANGE_SEED = 20260105;
/** The histograms count in 16 bits. */
export const MAX_DRAWS = 65535;

/** Bucket width: the printed precision, coarser only when the scores span so much that buckets would not fit. */
const RESOLUTION = 0.01;
const MAX_BUCKETS = 1_000_000;
/** Draws beyond 6 SE of the estimate are clamped to the edge (probability about 2e-9 per draw). */
const SPAN_SE = 6;

/** One draw's ranks by comparing every pair of bucketed scores: counts[i·n + (units strictly higher)] += 1. */
function countHigher(bucketOf: Int32Array, counts: Uint16Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let higher = 0;
    const own = bucketOf[i];
    for (let j = 0; j < n; j++) if (bucketOf[j] > own) higher++;
    counts[i * n + higher] += 1;
  }
}

/** Rank histograms: counts[i·n + r − 1] = draws in which unit i ranked r (16 bits: draws are at most MAX_DRAWS). */
function simulateHistograms(values: Float64Array, ses: Float64Array, draws: number, seed: number): Uint16Array {
  const n = values.length;
  let lowest = Infinity;
  let highest = -Infinity;
  for (let i = 0; i < n; i++) {
    lowest = Math.min(lowest, values[i] - SPAN_SE * ses[i]);
    highest = Math.max(highest, values[i] + SPAN_SE * ses[i]);
  }
  const step = Math.max(RESOLUTION, (highest - lowest) / MAX_BUCKETS);
  const base = Math.round(lowest / step);
  const buckets = Math.round(highest / step) - base + 1;
  const above = new Uint32Array(buckets);
  const bucketOf = new Int32Array(n);
  const z = new Float64Array(n);
  const counts = new Uint16Array(n * n);
  const uniform = mulberry32(seed);
  for (let d = 0; d < draws; d++) {
    fillNormals(z, uniform);
    let top = 0;
    let bottom = buckets - 1;
    for (let i = 0; i < n; i++) {
      const b = Math.round((values[i] + ses[i] * z[i]) / step) - base;
      const clamped = b < 0 ? 0 : b >= buckets ? buckets - 1 : b;
      bucketOf[i] = clamped;
      if (clamped > top) top = clamped;
      if (clamped < bottom) bottom = clamped;
    }
    // Few units over a wide span: comparing every pair is cheaper than walking the buckets.
    if (n * n < top - bottom) countHigher(bucketOf, counts, n);
    else countByBuckets(bucketOf, counts, n, above, top, bottom);
  }
  return counts;
}

/**
 * One draw's ranks by counting scores into buckets: above[b] becomes the number of units in higher buckets, the rank
 * in bucket b that + 1. Only the draw's own span of buckets is walked, then cleared for the next draw.
 */
function countByBuckets(bucketOf: Int32Array, counts: Uint16Array, n: number, above: Uint32Array, top: number, bottom: number): void {
  for (let i = 0; i < n; i++) above[bucketOf[i]] += 1;
  let higher = 0;
  for (let b = top; b >= bottom; b--) {
    const here = above[b];
    above[b] = higher;
    higher += here;
  }
  for (let i = 0; i < n; i++) counts[i * n + above[bucketOf[i]]] += 1;
  above.fill(0, bottom, top + 1);
}

/** The tail and 1 − tail quantiles of a rank histogram (ranks 1..n). */
function quantileRange(counts: Uint16Array | Uint32Array, offset: number, n: number, total: number, tail: number): RankRange {
  let cumulative = 0;
  let lo = 0;
  let hi = n;
  for (let r = 0; r < n; r++) {
    cumulative += counts[offset + r];
    if (lo === 0 && cumulative > tail * total) lo = r + 1;
    if (cumulative >= (1 - tail) * total) {
      hi = r + 1;
      break;
    }
  }
  return [lo === 0 ? 1 : lo, hi];
}

/** Each entry's rank range among the entries (all of one level: the units ranked together). */
export function rankRanges<K>(entries: ReadonlyArray<RankEntry<K>>, options: RankRangeOptions = {}): Map<K, RankRange> {
  const draws = Math.min(MAX_DRAWS, Math.max(1, Math.floor(options.draws ?? RANK_RANGE_DRAWS)));
  const tail = options.tail ?? 0.025;
  const n = entries.length;
  const out = new Map<K, RankRange>();
  if (n === 0) return out;
  const values = Float64Array.from(entries, (e) => e.value);
  const ses = Float64Array.from(entries, (e) => (e.se !== null && e.se > 0 ? e.se : 0));
  const counts = simulateHistograms(values, ses, draws, options.seed ?? RANK_RANGE_SEED);

  const groups = new Map<string, number[]>();
  entries.forEach((e, i) => {
    const id = `${values[i]}|${ses[i]}`;
    const members = groups.get(id);
    if (members) members.push(i);
    else groups.set(id, [i]);
  });
  const pooled = new Uint32Array(n);
  for (const members of groups.values()) {
    pooled.fill(0);
    for (const i of members) for (let r = 0; r < n; r++) pooled[r] += counts[i * n + r];
    const [lo, hi] = quantileRange(pooled, 0, n, draws * members.length, tail);
    for (const i of members) out.set(entries[i].key, [Math.min(lo, entries[i].rank), Math.max(hi, entries[i].rank)]);
  }
  return out;
}
