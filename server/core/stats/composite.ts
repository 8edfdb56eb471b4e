// The composite score C = Σ a_k·m_k over item means, with its linearised standard error (docs/statistics.md#composite):
//   z_i = Σ_k a_k·[i ∈ V_k]·g_i·e_ik / W_k,   SE(C) = √(n/(n−1) · Σ_i z_i²),   n = all respondents.
// Σ_i z_i² = bᵀ M b with b_k = a_k / W_k and M = Σ_h g_h² C_h, C_h[k][l] = Σ_{i∈h} e_ik·e_il, so a caller can stream
// each grid's respondents once (after a first pass for the grid's item means), keep only a K×K matrix per grid,
// and combine at any level of the unit tree.
//
// Indices map onto items as follows (the caller's job): an index that is the mean of m items enters through each
// of its items with coefficient a/m; a rate enters on the 0–100 scale (y ∈ {0, 100}), like the scores it is
// combined with. An item with no valid answer (W = 0) has no mean, and the composite is then reported as missing
// (value null) rather than silently re-weighted over the remaining items: a re-weighted score would not be
// comparable with other units' scores in the same ranking.
import { t975 } from './estimates.js';

export interface LinearEstimate {
  value: number | null;
  se: number | null;
  lo: number | null;
  hi: number | null;
}

export interface LinearItem {
  coef: number;
  /** The item's weighted mean over the reporting unit; null when it has no valid answer. */
  mean: number | null;
  /** W_k = Σ g over the item's valid answers in the reporting unit. */
  W: number;
}

/**
 * Accumulates C[k][l] = Σ_i e_ik·e_il over one grid's respondents (e = 0 where the answer is not valid). C is symmetric,
 * so only k ≤ l is summed and `matrix` mirrors it: each entry is the same sum of the same products in the same order
 * (e_ik·e_il = e_il·e_ik exactly), half the multiplications — this loop runs for every respondent of a round, twice
 * (the round's pass and the answer modes'), and was a tenth of a 200,000-response round's results (bench/results.ts).
 */
export class CrossProductAccumulator {
  private readonly upper: number[][];
  private n = 0;
  private readonly residuals: number[];

  /** gridMeans[k]: item k's plain mean over this grid's valid answers (null when the grid has none). */
  constructor(private readonly gridMeans: Array<number | null>) {
    const k = gridMeans.length;
    this.upper = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    this.residuals = new Array<number>(k).fill(0);
  }

  /** C so far, both triangles. */
  get matrix(): number[][] {
    const c = this.upper;
    for (let i = 0; i < c.length; i++) for (let j = 0; j < i; j++) c[i][j] = c[j][i];
    return c;
  }

  /** Respondents added so far (all of them, whether or not they answered any item). */
  get count(): number {
    return this.n;
  }

  /** One respondent's item values, in the order of gridMeans (null = not valid). */
  add(scores: Array<number | null>): void {
    const k = this.gridMeans.length;
    if (scores.length !== k) throw new RangeError(`CrossProductAccumulator.add: expected ${k} scores, got ${scores.length}`);
    const e = this.residuals;
    for (let i = 0; i < k; i++) {
      const y = scores[i];
      const mean = this.gridMeans[i];
      e[i] = y === null || mean === null ? 0 : y - mean;
    }
    for (let i = 0; i < k; i++) {
      const ei = e[i];
      if (ei === 0) continue;
      const row = this.upper[i];
      for (let j = i; j < k; j++) row[j] += ei * e[j];
    }
    this.n += 1;
  }
}

/** M = Σ_h g_h² C_h over the grids of a reporting unit. An empty list gives an empty matrix. */
export function combineCrossProducts(parts: Array<{ weight: number; matrix: number[][] }>): number[][] {
  if (parts.length === 0) return [];
  const k = parts[0].matrix.length;
  const total = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const { weight, matrix } of parts) {
    if (matrix.length !== k) throw new RangeError('combineCrossProducts: matrices of different sizes');
    const g2 = weight * weight;
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) total[i][j] += g2 * matrix[i][j];
  }
  return total;
}

const NO_ESTIMATE: LinearEstimate = { value: null, se: null, lo: null, hi: null };

/**
 * C = Σ a_k·m_k with SE(C) = √(n/(n−1) · bᵀ M b), b_k = a_k / W_k, and the interval C ± t(0.975, n−1)·SE.
 * weightedCross is M from {@link combineCrossProducts} (indexed like items; an empty matrix counts as zeros).
 * Items with coefficient 0 are ignored; value is null when any other item has no valid answer (W = 0).
 * nRespondents ≤ 1 gives the value without SE or interval.
 */
export function estimateLinear(items: LinearItem[], weightedCross: number[][], nRespondents: number): LinearEstimate {
  let value = 0;
  const b = items.map((item) => {
    if (item.coef === 0) return 0;
    if (item.mean === null || !(item.W > 0)) return Number.NaN;
    value += item.coef * item.mean;
    return item.coef / item.W;
  });
  if (items.length === 0 || b.some(Number.isNaN)) return NO_ESTIMATE;
  if (nRespondents <= 1) return { value, se: null, lo: null, hi: null };
  let quadratic = 0;
  if (weightedCross.length > 0) {
    if (weightedCross.length !== items.length) throw new RangeError('estimateLinear: matrix size differs from item count');
    for (let i = 0; i < b.length; i++) {
      if (b[i] === 0) continue;
      for (let j = 0; j < b.length; j++) quadratic += b[i] * b[j] * weightedCross[i][j];
    }
  }
  const se = Math.sqrt((nRespondents / (nRespondents - 1)) * Math.max(0, quadratic));
  const half = t975(nRespondents - 1) * se;
  return { value, se, lo: value - half, hi: value + half };
}

/** One respondent for the record-level reference. */
export interface CompositeRecord {
  grid: string | number;
  /** The respondent's weight g (g_h = N_h / n_h of their grid). */
  g: number;
  /** Item values in the order of the coefficients; null = not valid. */
  scores: Array<number | null>;
}

/**
 * Record-level reference for the composite, straight from docs/statistics.md (z_i per respondent), used in tests and
 * to re-check a raw export. n is every record passed in.
 */
export function compositeFromRecords(coefs: number[], records: CompositeRecord[]): LinearEstimate {
  const k = coefs.length;
  const W = new Array<number>(k).fill(0);
  const weightedSum = new Array<number>(k).fill(0);
  const gridTotals = new Map<string | number, { gy: number[]; g: number[] }>();
  for (const r of records) {
    if (r.scores.length !== k) throw new RangeError('compositeFromRecords: score count differs from coefficient count');
    let totals = gridTotals.get(r.grid);
    if (!totals) gridTotals.set(r.grid, (totals = { gy: new Array<number>(k).fill(0), g: new Array<number>(k).fill(0) }));
    r.scores.forEach((y, j) => {
      if (y === null) return;
      W[j] += r.g;
      weightedSum[j] += r.g * y;
      totals.gy[j] += r.g * y;
      totals.g[j] += r.g;
    });
  }
  for (let j = 0; j < k; j++) if (coefs[j] !== 0 && !(W[j] > 0)) return NO_ESTIMATE;
  if (k === 0) return NO_ESTIMATE;
  let value = 0;
  for (let j = 0; j < k; j++) if (coefs[j] !== 0) value += (coefs[j] * weightedSum[j]) / W[j];
  const n = records.length;
  if (n <= 1) return { value, se: null, lo: null, hi: null };
  let sumZ2 = 0;
  for (const r of records) {
    const totals = gridTotals.get(r.grid);
    if (!totals || r.g === 0) continue;
    let z = 0;
    r.scores.forEach((y, j) => {
      if (y === null || coefs[j] === 0) return;
      const gridMean = totals.gy[j] / totals.g[j];
      z += (coefs[j] * r.g * (y - gridMean)) / W[j];
    });
    sumZ2 += z * z;
  }
  const se = Math.sqrt((n / (n - 1)) * sumZ2);
  const half = t975(n - 1) * se;
  return { value, se, lo: value - half, hi: value + half };
}
