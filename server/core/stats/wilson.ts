// Wilson's score interval for a proportion. Unlike the Wald interval it stays inside [0, 1] and does not collapse to a
// point at 0% or 100%, which matters for small grids where a rate of 100% is common.

/** z for a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

/**
 * Wilson interval for an observed proportion p on n observations. n may be a non-integer effective sample size
 * (Kish's n_eff for weighted data); n = 0 gives the uninformative [0, 1].
 */
export function wilsonInterval(p: number, n: number, z = Z_95): { lo: number; hi: number } {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`wilsonInterval: p must be in [0, 1], got ${p}`);
  if (Number.isNaN(n) || n < 0) throw new RangeError(`wilsonInterval: n must be ≥ 0, got ${n}`);
  if (n === 0) return { lo: 0, hi: 1 };
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At p = 0 (or 1) the bound is exactly 0 (or 1); rounding would otherwise leave ±1e-17.
  return {
    lo: p === 0 ? 0 : Math.max(0, centre - half),
    hi: p === 1 ? 1 : Math.min(1, centre + half),
  };
}
