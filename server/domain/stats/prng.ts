// A seeded pseudo-random source for the simulations whose results are printed (rank ranges): the same seed gives the
// same numbers on every machine and run, so a bulletin printed twice says the same thing. Not for anything secret.

/** Uniform numbers in [0, 1) from mulberry32, a 32-bit generator: fast, and good enough for a few million draws. */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
