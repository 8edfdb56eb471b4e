// The simulation's expected result in closed form, to check it: a column's population mean μ_c = Σ π_i v_ic y_ic /
// p_c with p_c = Σ π_i v_ic (π: chance of drawing response i, v: valid), the composite's mean Σ a_c μ_c, and its
// variance at sample size n by linearising the ratio of sums: z_i = Σ_c a_c v_ic (y_ic − μ_c) / p_c,
// Var(C) ≈ Σ_i π_i z_i² / n (draws with replacement). The linearisation ignores terms of order 1/n, which at n = 200
// are far below the Monte-Carlo error of 10,000 draws.
import type { SampleFrame } from './frame.js';

export interface AnalyticForecast {
  mean: number;
  sd: number;
  /** Each column's population mean, by layout column. */
  columnMeans: number[];
  /** Each column's population share of valid answers. */
  validShares: number[];
}

export function analyticForecast(frame: SampleFrame, sampleSize: number): AnalyticForecast | null {
  const k = frame.layout.columns.length;
  const { values, valid, prob } = frame;
  const sum = new Array<number>(k).fill(0);
  const share = new Array<number>(k).fill(0);
  for (let i = 0; i < frame.size; i++) {
    for (let c = 0; c < k; c++) {
      if (!valid[i * k + c]) continue;
      sum[c] += prob[i] * values[i * k + c];
      share[c] += prob[i];
    }
  }
  if (share.some((p) => !(p > 0))) return null;
  const columnMeans = sum.map((s, c) => s / share[c]);
  let mean = 0;
  frame.layout.coefs.forEach((a, c) => (mean += a * columnMeans[c]));
  let variance = 0;
  for (let i = 0; i < frame.size; i++) {
    let z = 0;
    for (let c = 0; c < k; c++) {
      if (valid[i * k + c]) z += (frame.layout.coefs[c] * (values[i * k + c] - columnMeans[c])) / share[c];
    }
    variance += prob[i] * z * z;
  }
  return { mean, sd: Math.sqrt(variance / sampleSize), columnMeans, validShares: share };
}
