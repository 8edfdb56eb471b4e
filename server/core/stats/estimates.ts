// Weighted item means and rates under post-stratification to grid populations (docs/statistics.md#means).
// Two forms: the grid-aggregate form the results code feeds from SQL sums (one row per grid and item), and a
// record-level reference form written straight from docs/statistics.md, used in tests and to re-check a raw export.
import { studentTQuantile } from './tdist.js';
import { wilsonInterval } from './wilson.js';

/** One grid's sums for one item. */
export interface GridItemSums {
  /** g_h = N_h / n_h with n_h = ALL completed respondents of the grid (not only this item's valid answers). */
  weight: number;
  /** Valid (substantive) answers. */
  n: number;
  /** Σ y over the valid answers. */
  sum: number;
  /** Σ y² over the valid answers. */
  sumSq: number;
  /** Non-substantive answers (不清楚/不了解): asked, but excluded from the score. */
  dontKnow: number;
}

export interface MeanEstimate {
  /** Null when there is no valid answer. */
  value: number | null;
  /** Null when fewer than two valid answers. */
  se: number | null;
  lo: number | null;
  hi: number | null;
  /** Valid answers, unweighted. */
  n: number;
  /** Kish's effective sample size (Σg)² / Σg² over the valid answers; 0 when none. */
  nEff: number;
  /** Weighted share of non-substantive answers among those who answered the item, 0–1 (0 when nobody did). */
  dontKnow: number;
  /** Σ g over the valid answers (the denominator W_k the composite needs). */
  W: number;
}

/** One respondent's answer to one item, for the record-level reference. */
export interface ItemRecord {
  /** The answer's score; null when not valid. */
  y: number | null;
  /** The respondent's weight g. */
  g: number;
  grid: string | number;
  /** A non-substantive answer (counts in the don't-know share). A null y that is not excluded was not asked. */
  excluded?: boolean;
}

/** t(0.975, df) for the 95% interval. */
export function t975(df: number): number {
  return studentTQuantile(0.975, df);
}

interface Moments {
  n: number;
  W: number;
  sumGY: number;
  sumG2: number;
  /** Σ g² e² with e the residual from the respondent's grid mean. */
  sumG2E2: number;
  dkWeight: number;
  askedWeight: number;
}

function finish(m: Moments, interval: 't' | 'wilson'): MeanEstimate {
  const dontKnow = m.askedWeight > 0 ? m.dkWeight / m.askedWeight : 0;
  const nEff = m.sumG2 > 0 ? (m.W * m.W) / m.sumG2 : 0;
  const base = { n: m.n, nEff, dontKnow, W: m.W };
  if (m.n === 0 || !(m.W > 0)) return { value: null, se: null, lo: null, hi: null, ...base };
  const value = m.sumGY / m.W;
  const se = m.n >= 2 ? Math.sqrt((m.n / (m.n - 1)) * Math.max(0, m.sumG2E2)) / m.W : null;
  if (interval === 'wilson') {
    const { lo, hi } = wilsonInterval(Math.min(1, Math.max(0, value)), nEff);
    return { value, se, lo, hi, ...base };
  }
  if (se === null) return { value, se, lo: null, hi: null, ...base };
  const half = t975(m.n - 1) * se;
  return { value, se, lo: value - half, hi: value + half, ...base };
}

function momentsFromGrids(grids: GridItemSums[]): Moments {
  const m: Moments = { n: 0, W: 0, sumGY: 0, sumG2: 0, sumG2E2: 0, dkWeight: 0, askedWeight: 0 };
  for (const h of grids) {
    const g = h.weight;
    m.dkWeight += g * h.dontKnow;
    m.askedWeight += g * (h.n + h.dontKnow);
    if (h.n === 0) continue;
    m.n += h.n;
    m.W += g * h.n;
    m.sumGY += g * h.sum;
    m.sumG2 += g * g * h.n;
    // Σ over the grid of (y − ȳ_h)² = Σy² − (Σy)²/n_h; clamped because rounding can leave −1e-12 when all y agree.
    m.sumG2E2 += g * g * Math.max(0, h.sumSq - (h.sum * h.sum) / h.n);
  }
  return m;
}

/**
 * Post-stratified item mean m = Σ g·y / Σ g with SE = √(n/(n−1) · Σ_h g_h² Σ_i e_i²) / W and the interval
 * m ± t(0.975, n−1)·SE. n = 0 → value null; n = 1 → value but no SE or interval.
 */
export function estimateMean(grids: GridItemSums[]): MeanEstimate {
  return finish(momentsFromGrids(grids), 't');
}

/**
 * A rate: the same estimate on y ∈ {0, 1}, with Wilson's interval on Kish's effective size instead of the t interval.
 */
export function estimateRate(grids: GridItemSums[]): MeanEstimate {
  return finish(momentsFromGrids(grids), 'wilson');
}

function momentsFromRecords(records: ItemRecord[]): Moments {
  // Written from the formulas (grid means, then residuals) rather than from the sums above, so the two check each other.
  const byGrid = new Map<string | number, Array<{ y: number; g: number }>>();
  const m: Moments = { n: 0, W: 0, sumGY: 0, sumG2: 0, sumG2E2: 0, dkWeight: 0, askedWeight: 0 };
  for (const r of records) {
    if (r.excluded) {
      m.dkWeight += r.g;
      m.askedWeight += r.g;
      continue;
    }
    if (r.y === null) continue;
    m.askedWeight += r.g;
    let list = byGrid.get(r.grid);
    if (!list) byGrid.set(r.grid, (list = []));
    list.push({ y: r.y, g: r.g });
  }
  for (const list of byGrid.values()) {
    let gy = 0;
    let gs = 0;
    for (const { y, g } of list) {
      gy += g * y;
      gs += g;
    }
    // The grid mean is weighted so that Σ g·e = 0 within the grid even if a caller varies g inside a grid;
    // with one g per grid (docs/statistics.md#means) it is the plain mean ȳ_h.
    const gridMean = gs > 0 ? gy / gs : 0;
    for (const { y, g } of list) {
      const e = y - gridMean;
      m.n += 1;
      m.W += g;
      m.sumGY += g * y;
      m.sumG2 += g * g;
      m.sumG2E2 += g * g * e * e;
    }
  }
  return m;
}

/** Record-level reference for {@link estimateMean}. */
export function meanFromRecords(records: ItemRecord[]): MeanEstimate {
  return finish(momentsFromRecords(records), 't');
}

/** Record-level reference for {@link estimateRate} (y ∈ {0, 1}). */
export function rateFromRecords(records: ItemRecord[]): MeanEstimate {
  return finish(momentsFromRecords(records), 'wilson');
}
