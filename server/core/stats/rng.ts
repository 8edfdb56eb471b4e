// A small seeded pseudo-random generator for the simulation: the same seed gives the same district, the same
// respondents and the same bulletin on every machine, so the demo and the benchmarks are reproducible.
// mulberry32 (32-bit state, passes the usual statistical batteries for this use) seeded through a string hash, so
// independent streams can be named ("round 3 / grid QH-01-02-01") and do not depend on the order they are used in.

export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform on [min, max). */
  uniform(min: number, max: number): number;
  /** Uniform integer in [min, max] (both included). */
  int(min: number, max: number): number;
  /** Normal (Box–Muller). */
  normal(mean?: number, sd?: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Poisson-distributed count with the given mean. */
  poisson(mean: number): number;
  /** One element, uniformly. Throws on an empty list. */
  choice<T>(items: readonly T[]): T;
  /** One element with probability proportional to its weight (weights ≥ 0, not all 0). */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** `k` distinct elements in random order (all of them when k ≥ length). */
  sample<T>(items: readonly T[], k: number): T[];
  /** An independent stream derived from this one's seed and a label. */
  fork(label: string | number): Rng;
}

/** FNV-1a over the label's UTF-16 units, finished with a murmur3 avalanche: a well-mixed 32-bit seed. */
export function hashSeed(...parts: Array<string | number>): number {
  let h = 0x811c9dc5;
  const text = parts.map(String).join('\u001f');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mulberry32: a small, fast 32-bit generator of uniforms in [0, 1); the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Normals (Box–Muller) from a source of uniforms. Each pair of uniforms yields two normals; the second is kept for
 * the next call, so the stream of uniforms drawn is the same whatever mean and sd are asked for.
 */
function boxMuller(next: () => number): (mean?: number, sd?: number) => number {
  let spare: number | undefined;
  return (mean = 0, sd = 1) => {
    if (spare !== undefined) {
      const z = spare;
      spare = undefined;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  };
}

function poissonCount(next: () => number, normal: (mean: number, sd: number) => number, mean: number): number {
  if (!(mean > 0)) return 0;
  // Knuth's product of uniforms underflows for large means; there the normal approximation is close enough.
  if (mean > 30) return Math.max(0, Math.round(normal(mean, Math.sqrt(mean))));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = next();
  while (p > limit) {
    k++;
    p *= next();
  }
  return k;
}

function weightedPick<T>(next: () => number, items: readonly T[], weights: readonly number[]): T {
  if (items.length === 0 || items.length !== weights.length) throw new RangeError('weighted: items and weights must match and not be empty');
  const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
  if (!(total > 0)) throw new RangeError('weighted: weights must not all be 0');
  let x = next() * total;
  for (let i = 0; i < items.length; i++) {
    x -= Math.max(0, weights[i]);
    if (x < 0) return items[i];
  }
  return items[items.length - 1];
}

/** The first k of a Fisher–Yates shuffle of a copy: the whole pool is shuffled, whatever k, so the draws do not depend on k. */
function shuffledSample<T>(next: () => number, items: readonly T[], k: number): T[] {
  const pool = [...items];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, Math.max(0, k));
}

/** A generator for an integer seed (or any labels, hashed together). */
export function createRng(seed: number | string, ...labels: Array<string | number>): Rng {
  const root = hashSeed(seed, ...labels);
  const next = mulberry32(root);
  const normal = boxMuller(next);
  return {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    normal,
    chance: (p) => next() < p,
    poisson: (mean) => poissonCount(next, normal, mean),
    choice(items) {
      if (items.length === 0) throw new RangeError('choice from an empty list');
      return items[Math.floor(next() * items.length)];
    },
    weighted: (items, weights) => weightedPick(next, items, weights),
    sample: (items, k) => shuffledSample(next, items, k),
    fork: (label) => createRng(root, label),
  };
}

/** Keeps a latent level inside [0, 1]. */
export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
