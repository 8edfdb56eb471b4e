// docs/statistics.md written out plainly, to re-check the program's numbers from its raw response export. It shares no
// code with server/core/stats: the t quantile comes from the closed forms of Student's distribution for whole degrees
// of freedom (Abramowitz & Stegun 26.7.3–4) found by bisection, Wilson's interval from its textbook formula, and every
// estimate from explicit per-respondent residuals. Its own tests (docs/statistics.md#standard-values) are in
// raw-export-recompute.test.ts.

/** Φ⁻¹(0.975) as docs/statistics.md#standard-values gives it. */
export const Z = 1.959963984540054;

/** P(|T| ≤ t) for Student's t with a whole number ν of degrees of freedom. */
function centralMass(t: number, nu: number): number {
  const theta = Math.atan(t / Math.sqrt(nu));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  if (nu % 2 === 0) {
    // sinθ · (1 + ½cos²θ + (1·3)/(2·4)cos⁴θ + … up to cos^(ν−2)θ)
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= nu - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
    return s * sum;
  }
  // (2/π)·(θ + sinθ·(cosθ + (2/3)cos³θ + (2·4)/(3·5)cos⁵θ + … up to cos^(ν−2)θ)); ν = 1 leaves 2θ/π.
  let sum = 0;
  if (nu > 1) {
    let term = Math.cos(theta);
    sum = term;
    for (let k = 3; k <= nu - 2; k += 2) {
      term *= ((k - 1) / k) * c2;
      sum += term;
    }
  }
  return (2 / Math.PI) * (theta + s * sum);
}

/** t(0.975, df): the t with 95% of the mass between −t and t. */
export function t975(df: number): number {
  let lo = 0;
  let hi = 1e4;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (centralMass(mid, df) < 0.95) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export function wilson(p: number, n: number): { lo: number; hi: number } {
  const denominator = 1 + (Z * Z) / n;
  const centre = (p + (Z * Z) / (2 * n)) / denominator;
  const half = (Z / denominator) * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return { lo: centre - half, hi: centre + half };
}

/** One respondent's value for one item: y (null = no substantive answer), whether the answer was a don't-know. */
export interface Obs {
  grid: string;
  g: number;
  y: number | null;
  dontKnow: boolean;
}

export interface Est {
  value: number;
  se: number;
  lo: number;
  hi: number;
  n: number;
  dontKnow: number;
}

/** Weighted mean of y in each grid over the valid answers (one g per grid: the mean ȳ_h of docs/statistics.md#means). */
function gridMeans(obs: Obs[]): Map<string, number> {
  const acc = new Map<string, { gy: number; g: number }>();
  for (const o of obs) {
    if (o.y === null) continue;
    const a = acc.get(o.grid) ?? { gy: 0, g: 0 };
    a.gy += o.g * o.y;
    a.g += o.g;
    acc.set(o.grid, a);
  }
  return new Map([...acc].map(([grid, a]) => [grid, a.gy / a.g]));
}

function dontKnowShare(obs: Obs[]): number {
  let dk = 0;
  let asked = 0;
  for (const o of obs) {
    if (o.dontKnow) dk += o.g;
    if (o.dontKnow || o.y !== null) asked += o.g;
  }
  return asked > 0 ? dk / asked : 0;
}

/** m = Σg·y / Σg, SE = √(n/(n−1)·Σg²e²) / Σg over the valid answers; the t interval, or Wilson's on n_eff for a rate. */
export function estimate(obs: Obs[], interval: 't' | 'wilson'): Est {
  const valid = obs.filter((o): o is Obs & { y: number } => o.y !== null);
  const means = gridMeans(valid);
  const n = valid.length;
  const W = valid.reduce((s, o) => s + o.g, 0);
  const W2 = valid.reduce((s, o) => s + o.g * o.g, 0);
  const value = valid.reduce((s, o) => s + o.g * o.y, 0) / W;
  const sumG2E2 = valid.reduce((s, o) => s + (o.g * (o.y - (means.get(o.grid) ?? 0))) ** 2, 0);
  const se = Math.sqrt((n / (n - 1)) * sumG2E2) / W;
  const { lo, hi } = interval === 'wilson' ? wilson(value, (W * W) / W2) : { lo: value - t975(n - 1) * se, hi: value + t975(n - 1) * se };
  return { value, se, lo, hi, n, dontKnow: dontKnowShare(obs) };
}

/** Kish's effective sample size (Σg)² / Σg². */
export function kish(g: number[]): number {
  const s = g.reduce((a, b) => a + b, 0);
  return (s * s) / g.reduce((a, b) => a + b * b, 0);
}

/** An item of a linear combination: coefficient a_k and every respondent's value (same order in every item). */
export interface Term {
  a: number;
  obs: Obs[];
}

/**
 * C = Σ a_k·m_k; z_i = Σ_k a_k·[i ∈ V_k]·g_i·e_ik / W_k, SE(C) = √(n/(n−1)·Σz_i²) with n every respondent;
 * C ± t(0.975, n−1)·SE(C). `n` of the result counts respondents with a valid answer to at least one item; the
 * don't-know share pools the items' answers.
 */
export function linear(terms: Term[], nFrom: 'all' | 'answered' = 'answered'): Est {
  const answered = terms[0].obs.filter((_, i) => terms.some((t) => t.obs[i].y !== null)).length;
  // The composite's n is every respondent; a mean index's n is those with at least one valid answer among its
  // items, and that n is the one shown, in n/(n−1) and in the t quantile's degrees of freedom.
  const n = nFrom === 'all' ? terms[0].obs.length : answered;
  const z = new Array<number>(terms[0].obs.length).fill(0);
  let value = 0;
  for (const { a, obs } of terms) {
    const valid = obs.filter((o): o is Obs & { y: number } => o.y !== null);
    const W = valid.reduce((s, o) => s + o.g, 0);
    const means = gridMeans(valid);
    value += (a * valid.reduce((s, o) => s + o.g * o.y, 0)) / W;
    obs.forEach((o, i) => {
      if (o.y !== null) z[i] += (a * o.g * (o.y - (means.get(o.grid) ?? 0))) / W;
    });
  }
  const se = Math.sqrt((n / (n - 1)) * z.reduce((s, v) => s + v * v, 0));
  const half = t975(n - 1) * se;
  return { value, se, lo: value - half, hi: value + half, n: answered, dontKnow: dontKnowShare(terms.flatMap((t) => t.obs)) };
}

/** Competition ranks (1, 2, 2, 4) on scores rounded to two decimals, higher first. */
export function competitionRanks(scores: Map<string, number>): Map<string, number> {
  const printed = [...scores].map(([code, v]) => [code, Number(v.toFixed(2))] as const);
  return new Map(printed.map(([code, v]) => [code, 1 + printed.filter(([, w]) => w > v).length]));
}

/** Printed as the bulletins print: scores "91.61", rates "87.3%". */
export const printScore = (x: number): string => x.toFixed(2);
export const printRate = (p: number): string => `${(p * 100).toFixed(1)}%`;
