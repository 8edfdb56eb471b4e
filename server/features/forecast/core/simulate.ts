// The simulated official poll: `draws` random samples of `sampleSize` residents, each drawn with replacement with the
// frame's probabilities (Walker's alias table: one uniform number per resident), each sample scored with the
// composite as a ratio of sums per column (layout.ts). Seeded, so the same data and seed give the same numbers.
import { quantileSorted } from 'simple-statistics';
import { hashSeed, mulberry32 } from '../../../core/stats/rng.js';
import { roundScore } from '../../../core/stats/index.js';
import type { SampleFrame } from './frame.js';

export interface DrawOptions {
  sampleSize: number;
  draws: number;
  seed: number | string;
}

export interface DrawSet {
  /** The composite of every draw that has one, sorted ascending. */
  sorted: Float64Array;
  /** Draws in which some weighted column had no valid answer (no composite, as in the results). */
  missing: number;
  sampleSize: number;
  draws: number;
}

export interface ForecastSpread {
  mean: number;
  sd: number;
  range80: [number, number];
  range95: [number, number];
}

/** Walker/Vose alias table for drawing index i with probability p[i]. */
export interface AliasTable {
  cut: Float64Array;
  alias: Int32Array;
}

export function aliasTable(p: Float64Array): AliasTable {
  const n = p.length;
  const cut = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = p[i] * n;
    (scaled[i] < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop() as number;
    const l = large[large.length - 1];
    cut[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    if (scaled[l] < 1) small.push(large.pop() as number);
  }
  // What is left holds probability 1 up to rounding.
  for (const i of large) (cut[i] = 1), (alias[i] = i);
  for (const i of small) (cut[i] = 1), (alias[i] = i);
  return { cut, alias };
}

/**
 * The frame's columns merged where they share a denominator: columns valid for exactly the same responses (an item
 * and a rate on one question; every column nobody skipped) need one numerator per response, Σ a_c·y_ic, and one
 * validity count; a group valid for everyone needs no count at all (its denominator is the sample size). A draw then
 * adds up a few numbers per resident instead of two per column.
 */
interface Compiled {
  groups: number;
  /** size × groups: Σ a_c·y_ic over the group's columns. */
  num: Float64Array;
  /**
   * Which groups each response is valid for, as a pattern number: a draw counts residents per pattern (one increment
   * each) and turns the counts into denominators once. Most residents answer everything, so patterns are few.
   */
  pattern: Int32Array;
  /** patterns × groups: 1 where the pattern is valid for the group. */
  patternValid: Uint8Array;
  patterns: number;
}

function sameValidity(f: SampleFrame, a: number, b: number): boolean {
  const k = f.layout.columns.length;
  for (let i = 0; i < f.size; i++) if (f.valid[i * k + a] !== f.valid[i * k + b]) return false;
  return true;
}

function compile(f: SampleFrame): Compiled {
  const k = f.layout.columns.length;
  const groupOf = new Int32Array(k);
  const heads: number[] = [];
  for (let c = 0; c < k; c++) {
    const g = heads.findIndex((h) => sameValidity(f, h, c));
    groupOf[c] = g >= 0 ? g : heads.push(c) - 1;
  }
  const G = heads.length;
  const num = new Float64Array(f.size * G);
  const pattern = new Int32Array(f.size);
  const patternIds = new Map<string, number>();
  const masks: string[] = [];
  for (let i = 0; i < f.size; i++) {
    for (let c = 0; c < k; c++) num[i * G + groupOf[c]] += f.layout.coefs[c] * f.values[i * k + c];
    let mask = '';
    for (const h of heads) mask += f.valid[i * k + h] ? '1' : '0';
    let id = patternIds.get(mask);
    if (id === undefined) patternIds.set(mask, (id = masks.push(mask) - 1));
    pattern[i] = id;
  }
  const patternValid = new Uint8Array(masks.length * G);
  masks.forEach((m, p) => {
    for (let g = 0; g < G; g++) patternValid[p * G + g] = m[g] === '1' ? 1 : 0;
  });
  return { groups: G, num, pattern, patternValid, patterns: masks.length };
}

/** The composite of each simulated official sample. */
export function drawOfficialPolls(frame: SampleFrame, options: DrawOptions): DrawSet {
  const { sampleSize, draws } = options;
  const { groups: G, num: gnum, pattern, patternValid, patterns: P } = compile(frame);
  const { cut, alias } = aliasTable(frame.prob);
  const n = frame.size;
  const next = mulberry32(hashSeed('official-poll', options.seed));
  const num = new Float64Array(G);
  const den = new Float64Array(G);
  const perPattern = new Float64Array(P);
  const out = new Float64Array(draws);
  let kept = 0;
  for (let d = 0; d < draws; d++) {
    num.fill(0);
    perPattern.fill(0);
    for (let s = 0; s < sampleSize; s++) {
      const u = next() * n;
      const j = u | 0;
      const i = u - j < cut[j] ? j : alias[j];
      const at = i * G;
      for (let g = 0; g < G; g++) num[g] += gnum[at + g];
      perPattern[pattern[i]] += 1;
    }
    den.fill(0);
    for (let p = 0; p < P; p++) {
      const m = perPattern[p];
      if (m === 0) continue;
      for (let g = 0; g < G; g++) den[g] += m * patternValid[p * G + g];
    }
    let score = 0;
    let ok = true;
    for (let g = 0; g < G; g++) {
      if (den[g] === 0) {
        ok = false;
        break;
      }
      score += num[g] / den[g];
    }
    if (ok) out[kept++] = score;
  }
  const sorted = out.slice(0, kept).sort();
  return { sorted, missing: draws - kept, sampleSize, draws };
}

/** Mean, standard deviation and the central 80% and 95% ranges of the draws; null when no draw has a score. */
export function spreadOf(set: DrawSet): ForecastSpread | null {
  const n = set.sorted.length;
  if (n === 0) return null;
  let sum = 0;
  for (const x of set.sorted) sum += x;
  const mean = sum / n;
  let ss = 0;
  for (const x of set.sorted) ss += (x - mean) * (x - mean);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const xs = Array.from(set.sorted);
  const q = (p: number) => quantileSorted(xs, p);
  return { mean, sd, range80: [q(0.1), q(0.9)], range95: [q(0.025), q(0.975)] };
}

/** Share of draws scoring at least `threshold` (as printed: two decimals). */
export function shareAtLeast(set: DrawSet, threshold: number): number {
  const n = set.sorted.length;
  if (n === 0) return 0;
  const t = roundScore(threshold);
  let count = 0;
  for (const x of set.sorted) if (roundScore(x) >= t) count++;
  return count / set.draws;
}
