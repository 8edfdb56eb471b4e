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

/** One draw's ranks by comparing every pair of bucketed scores: ranks[at + i] = units strictly higher than unit i. */
function countHigher(bucketOf: Int32Array, ranks: Uint16Array | Uint32Array, at: number, n: number): void {
  for (let i = 0; i < n; i++) {
    let higher = 0;
    const own = bucketOf[i];
    for (let j = 0; j < n; j++) if (bucketOf[j] > own) higher++;
    ranks[at + i] = higher;
  }
}

/** Units whose histograms are filled together: their rows of counts (BLOCK · n · 2 bytes) stay in the cache. */
const BLOCK = 128;

/**
 * Rank histograms from each draw's ranks (ranks[d·n + i] = rank − 1 of unit i in draw d), a block of units at a time.
 * Adding each draw's ranks straight into counts[i·n + rank] touched a different 4 KB row for every unit (2,000 grids:
 * 4 million scattered writes per level, about half the simulation's time); a block's rows fit in the cache and its
 * ranks are read in runs. The histograms are the same either way.
 */
function histograms(ranks: Uint16Array | Uint32Array, n: number, draws: number): Uint16Array {
  const counts = new Uint16Array(n * n);
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    for (let d = 0; d < draws; d++) {
      const at = d * n;
      for (let i = from; i < to; i++) counts[i * n + ranks[at + i]] += 1;
    }
  }
  return counts;
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
  const ranks = n <= 65536 ? new Uint16Array(draws * n) : new Uint32Array(draws * n);
  // In bucket units once, rather than a division per unit and draw.
  const at = Float64Array.from(values, (v) => v / step - base);
  const spread = Float64Array.from(ses, (s) => s / step);
  const uniform = mulberry32(seed);
  for (let d = 0; d < draws; d++) {
    fillNormals(z, uniform);
    let top = 0;
    let bottom = buckets - 1;
    for (let i = 0; i < n; i++) {
      const b = Math.round(at[i] + spread[i] * z[i]);
      const clamped = b < 0 ? 0 : b >= buckets ? buckets - 1 : b;
      bucketOf[i] = clamped;
      if (clamped > top) top = clamped;
      if (clamped < bottom) bottom = clamped;
    }
    // Few units over a wide span: comparing every pair is cheaper than walking the buckets.
    if (n * n < top - bottom) countHigher(bucketOf, ranks, d * n, n);
    else countByBuckets(bucketOf, ranks, d * n, n, above, top, bottom);
  }
  return histograms(ranks, n, draws);
}

/**
 * One draw's ranks by counting scores into buckets: above[b] becomes the number of units in higher buckets, the rank
 * in bucket b that + 1. Only the draw's own span of buckets is walked, then cleared for the next draw.
 */
function countByBuckets(bucketOf: Int32Array, ranks: Uint16Array | Uint32Array, at: number, n: number, above: Uint32Array, top: number, bottom: number): void {
  for (let i = 0; i < n; i++) above[bucketOf[i]] += 1;
  let higher = 0;
  for (let b = top; b >= bottom; b--) {
    const here = above[b];
    above[b] = higher;
    higher += here;
  }
  for (let i = 0; i < n; i++) ranks[at + i] = above[bucketOf[i]];
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

/**
 * Runs several rankings' rankRanges, each result in the order of `jobs`: one after another here, or on two threads
 * (platform/parallel-rank-ranges.ts); the ranges are the same either way.
 */
export type RankRangeRunner = <K>(jobs: ReadonlyArray<ReadonlyArray<RankEntry<K>>>) => Array<Map<K, RankRange>>;

export const sequentialRankRanges: RankRangeRunner = (jobs) => jobs.map((j) => rankRanges(j));

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
