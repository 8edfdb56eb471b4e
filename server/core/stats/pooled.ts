// Statistics over a unit's monthly estimates (the half-year summary, 半年一小结). The months are independent samples,
// so their estimates' variances add:
//   half-year score  H = Σ mᵢ / k,  SE(H) = √(Σ SEᵢ²) / k,  95% interval H ± 1.96·SE(H);
//   trend            the weighted least-squares slope b of mᵢ on the month number xᵢ with weights wᵢ = 1/SEᵢ²:
//                    b = Σ wᵢ(xᵢ − x̄)(mᵢ − m̄) / Σ wᵢ(xᵢ − x̄)²,  x̄ and m̄ the w-weighted means,
//                    SE(b) = 1 / √(Σ wᵢ(xᵢ − x̄)²)  (the SEᵢ taken as known, docs/statistics.md#half-year-summary).
import { Z_95 } from './wilson.js';

export interface MonthEstimate {
  /** Month number: 0 for the first month of the period, 1 for the next… (gaps allowed). */
  x: number;
  value: number;
  se: number | null;
}

export interface PooledEstimate {
  value: number;
  se: number | null;
  lo: number | null;
  hi: number | null;
  /** Months measured. */
  k: number;
}

/** Mean of the monthly estimates with SE √(Σ SEᵢ²)/k; null over no month. SE null when any month lacks one. */
export function meanOfMonths(months: readonly MonthEstimate[]): PooledEstimate | null {
  const k = months.length;
  if (k === 0) return null;
  const value = months.reduce((s, m) => s + m.value, 0) / k;
  if (months.some((m) => m.se === null)) return { value, se: null, lo: null, hi: null, k };
  const se = Math.sqrt(months.reduce((s, m) => s + (m.se ?? 0) ** 2, 0)) / k;
  return { value, se, lo: value - Z_95 * se, hi: value + Z_95 * se, k };
}

export interface Slope {
  /** Change per month. */
  slope: number;
  se: number;
  /** Months in the fit. */
  k: number;
}

/**
 * An SE of 0 (every answer alike, in a small unit) is an exact value: weighed as if its SE were this floor, so it
 * dominates the fit instead of dividing by zero, and a change between exact months is real, as in changeVerdict.
 */
const SE_FLOOR = 1e-6;

/**
 * The weighted least-squares slope per month (weights 1/SEᵢ²). Months without an SE (a single interview) cannot be
 * weighed and are left out; null when fewer than two months (at different x) remain.
 */
export function weightedSlope(months: readonly MonthEstimate[]): Slope | null {
  const usable = months
    .filter((m): m is MonthEstimate & { se: number } => m.se !== null && Number.isFinite(m.se))
    .map((m) => ({ x: m.x, value: m.value, w: 1 / Math.max(m.se, SE_FLOOR) ** 2 }));
  if (usable.length < 2) return null;
  let sw = 0;
  let swx = 0;
  let swy = 0;
  for (const m of usable) {
    sw += m.w;
    swx += m.w * m.x;
    swy += m.w * m.value;
  }
  const xBar = swx / sw;
  const yBar = swy / sw;
  let sxx = 0;
  let sxy = 0;
  for (const m of usable) {
    sxx += m.w * (m.x - xBar) ** 2;
    sxy += m.w * (m.x - xBar) * (m.value - yBar);
  }
  if (!(sxx > 0)) return null;
  return { slope: sxy / sxx, se: 1 / Math.sqrt(sxx), k: usable.length };
}
