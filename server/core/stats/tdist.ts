// Student's t distribution and quantile, the normal quantile and the regularized incomplete beta. The t functions and
// the incomplete beta come from stdlib, which meets the precision tests (test/core/stats/tdist.test.ts: R's qt to
// 1e-12 relative, the round trip through the cdf to 1e-12 from p = 1e-12 and df 1.5 to 2e5). This wrapper keeps the
// module's contract: a RangeError for bad arguments (stdlib returns NaN), very large df (and ∞) as the normal, and
// memoised quantiles.
import betainc from '@stdlib/math-base-special-betainc';
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { normalQuantile } from './normal.js';

export { normalQuantile } from './normal.js';

/** P(T ≤ t) for Student's t with df > 0 degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || !(df > 0)) throw new RangeError(`studentTCdf: bad arguments t=${t}, df=${df}`);
  if (df === Infinity) throw new RangeError('studentTCdf: df must be finite');
  return tCdf(t, df);
}

const quantileCache = new Map<string, number>();

/**
 * Quantile of Student's t distribution: the t with P(T ≤ t) = p, for any real df ≥ 1 (df = ∞ gives the normal).
 * Results are memoised, since a round asks for t(0.975, n − 1) for thousands of estimates with few distinct n.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`studentTQuantile: p must be in [0, 1], got ${p}`);
  if (Number.isNaN(df) || df < 1) throw new RangeError(`studentTQuantile: df must be at least 1, got ${df}`);
  // stdlib returns 0 from df ≈ 1e17 on; from 1e16 the t quantile equals the normal one to the last bit (the first
  // correction, (z³ + z) / 4df, is below 1e-16 of z).
  if (df >= 1e16) return normalQuantile(p);
  const key = `${p} ${df}`;
  let t = quantileCache.get(key);
  if (t === undefined) {
    t = tQuantile(p, df);
    if (quantileCache.size >= 10000) quantileCache.clear();
    quantileCache.set(key, t);
  }
  return t;
}

/** I_x(a, b), the regularized incomplete beta function, for 0 ≤ x ≤ 1 and a, b > 0. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b))) {
    throw new RangeError(`regularizedIncompleteBeta: a and b must be positive and finite, got a=${a}, b=${b}`);
  }
  if (Number.isNaN(x) || x < 0 || x > 1) throw new RangeError(`regularizedIncompleteBeta: x must be in [0, 1], got ${x}`);
  return betainc(x, a, b);
}
