// Normal draws in bulk for the simulations whose results are printed (rank ranges), from the one seeded generator of
// uniforms (simulate/rng.ts mulberry32): the same seed gives the same numbers on every machine and run, so a bulletin
// printed twice says the same thing. Not for anything secret.

/**
 * Fills `out` with standard normal draws (Marsaglia's polar method: no sine or cosine, both values of each pair used).
 * In bulk, because the rank simulation needs millions of them.
 */
export function fillNormals(out: Float64Array, uniform: () => number): void {
  const n = out.length;
  let i = 0;
  while (i < n) {
    const a = 2 * uniform() - 1;
    const b = 2 * uniform() - 1;
    const s = a * a + b * b;
    if (s >= 1 || s === 0) continue;
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    out[i++] = a * f;
    if (i < n) out[i++] = b * f;
  }
}
