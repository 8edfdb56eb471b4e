// Quantiles of the normal and Student t distributions, to full double precision.
// simple-statistics has neither a t quantile nor an exact probit (its `probit` is an approximation good to ~1e-7),
// and a 95% interval printed to two decimals on a ranked bulletin must not depend on approximation error.

const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
const DBL_EPSILON = 2.220446049250313e-16;

/**
 * Standard normal quantile Φ⁻¹(p): Wichura's algorithm AS 241 (PPND16), relative error about 1e-16.
 * p = 0 → −∞, p = 1 → +∞.
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`normalQuantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
        42.313330701600911252) * r + 1)
    );
  }
  let r = q < 0 ? p : 1 - p;
  r = Math.sqrt(-Math.log(r));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
        4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
        2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    x =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
        0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -x : x;
}

/** Stirling-series remainder: lgamma(x) = (x − ½)ln x − x + ln√(2π) + gammaCorrection(x), for x ≥ 10. */
function gammaCorrection(x: number): number {
  const x2 = 1 / (x * x);
  // Bernoulli-number coefficients B_2k / (2k(2k−1)); at x = 10 the first omitted term is below 1e-17.
  return (
    (1 / 12 +
      x2 *
        (-1 / 360 +
          x2 * (1 / 1260 + x2 * (-1 / 1680 + x2 * (1 / 1188 + x2 * (-691 / 360360 + x2 * (1 / 156 + x2 * (-3617 / 122400)))))))) /
    x
  );
}

/** ln Γ(x) for x > 0. */
function logGamma(x: number): number {
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + gammaCorrection(x);
  // Shift up with Γ(x) = Γ(x + k) / (x (x+1) … (x+k−1)); the product stays small, so no precision is lost.
  let product = 1;
  let y = x;
  while (y < 10) {
    product *= y;
    y += 1;
  }
  return logGamma(y) - Math.log(product);
}

/** ln B(a, b), free of the cancellation that ln Γ(a) + ln Γ(b) − ln Γ(a + b) suffers when a or b is large. */
function logBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (p >= 10) {
    const corr = gammaCorrection(p) + gammaCorrection(q) - gammaCorrection(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = gammaCorrection(q) - gammaCorrection(p + q);
    return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}

/** Continued fraction for I_x(a, b) (modified Lentz); converges fast when x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < DBL_EPSILON) return h;
  }
  return h;
}

/**
 * ln I_x(a, b) and ln(1 − I_x(a, b)), given x and y = 1 − x separately (so callers that know 1 − x exactly,
 * like the t distribution, keep its precision).
 */
function logIncompleteBetaPair(x: number, y: number, a: number, b: number): { lower: number; upper: number } {
  if (x <= 0) return { lower: -Infinity, upper: 0 };
  if (y <= 0) return { lower: 0, upper: -Infinity };
  const logFront = a * Math.log(x) + b * Math.log(y) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = logFront + Math.log(betaContinuedFraction(x, a, b) / a);
    return { lower, upper: Math.log1p(-Math.exp(lower)) };
  }
  const upper = logFront + Math.log(betaContinuedFraction(y, b, a) / b);
  return { lower: Math.log1p(-Math.exp(upper)), upper };
}

/** The regularized incomplete beta function I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b); a, b > 0, 0 ≤ x ≤ 1. */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b)) {
    throw new RangeError(`regularizedIncompleteBeta: a and b must be positive and finite, got a=${a}, b=${b}`);
  }
  if (Number.isNaN(x) || x < 0 || x > 1) throw new RangeError(`regularizedIncompleteBeta: x must be in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (x === 1) return 1;
  const { lower, upper } = logIncompleteBetaPair(x, 1 - x, a, b);
  return x < (a + 1) / (a + b + 2) ? Math.exp(lower) : -Math.expm1(upper);
}

// --- Student's t ----------------------------------------------------------------------------------------------------
// The continued fraction above loses digits when df/2 is large (about 1e-12 relative at df = 1e5), so the t
// distribution integrates its density directly with double-exponential quadrature, which keeps full relative
// precision for every df and far into the tails. Each integrand is written so nothing overflows or cancels.

const HALF_PI = Math.PI / 2;

/** h-halving trapezoid sums over τ ∈ [−limit, limit] of node(τ) = weight × integrand, until they agree to ~1e-14. */
function doubleExponentialSum(node: (tau: number) => number, limit: number): number {
  let h = 0.5;
  let sum = 0;
  for (let k = -Math.ceil(limit / h); k <= Math.ceil(limit / h); k++) sum += node(k * h);
  let estimate = sum * h;
  for (let level = 1; level <= 10; level++) {
    h /= 2;
    for (let k = -Math.ceil(limit / h); k <= Math.ceil(limit / h); k += 1) {
      if (k % 2 !== 0) sum += node(k * h);
    }
    const next = sum * h;
    // The error after a halving is about the square of the change it made, so 1e-9 here is far below 1e-16.
    if (level >= 3 && Math.abs(next - estimate) <= 1e-9 * Math.abs(next)) return next;
    estimate = next;
  }
  return estimate;
}

/** ln f(0) for T ~ t(df). */
function logDensityAtZero(df: number): number {
  return -0.5 * Math.log(df) - logBeta(df / 2, 0.5);
}

/** ln(1 + r²) without overflow. */
function logOnePlusSquare(r: number): number {
  return r < 1e150 ? Math.log1p(r * r) : 2 * Math.log(r) + Math.log1p(1 / (r * r));
}

/**
 * ln P(T > t), t > 0. With s = t(1 + σ): P(T > t) = f(t) · t · ∫₀^∞ (1 + (2σ + σ²)ρ)^(−(df+1)/2) dσ,
 * ρ = t² / (df + t²); exp-sinh quadrature in σ.
 */
function logUpperTail(t: number, df: number): number {
  const r = t / Math.sqrt(df);
  const c = (df + 1) / 2;
  const rho = 1 / (1 + 1 / (r * r));
  const scale = 1 / (2 * c * rho + Math.sqrt(c * rho));
  const integral = doubleExponentialSum((tau) => {
    const e = HALF_PI * Math.sinh(tau);
    const sigma = scale * Math.exp(e);
    const weight = scale * HALF_PI * Math.cosh(tau) * Math.exp(e);
    const value = Math.exp(-c * Math.log1p((2 * sigma + sigma * sigma) * rho));
    return weight === Infinity ? 0 : weight * value;
  }, 5);
  return logDensityAtZero(df) - c * logOnePlusSquare(r) + Math.log(t) + Math.log(integral);
}

/** ln P(|T| < t), t > 0: 2 f(0) · t · ∫₀¹ (1 + r²v²)^(−(df+1)/2) dv, tanh-sinh quadrature in v. */
function logCentral(t: number, df: number): number {
  const r = t / Math.sqrt(df);
  const c = (df + 1) / 2;
  const integral = doubleExponentialSum((tau) => {
    const e = HALF_PI * Math.sinh(tau);
    const v = 1 / (1 + Math.exp(-2 * e));
    const coshE = Math.cosh(e);
    const weight = (HALF_PI * Math.cosh(tau)) / (2 * coshE * coshE);
    return weight === 0 ? 0 : weight * Math.exp(-c * Math.log1p(r * r * v * v));
  }, 4);
  return Math.LN2 + logDensityAtZero(df) + Math.log(t) + Math.log(integral);
}

/** P(T ≤ t) for Student's t with df > 0 degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || Number.isNaN(df) || !(df > 0)) throw new RangeError(`studentTCdf: bad arguments t=${t}, df=${df}`);
  if (t === 0) return 0.5;
  if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
  if (df === Infinity) throw new RangeError('studentTCdf: df must be finite');
  const a = Math.abs(t);
  // Far from zero the tail is computed directly; near zero the central part is, so neither is a difference.
  const tail = a > 0.5 ? Math.exp(logUpperTail(a, df)) : 0.5 - Math.exp(logCentral(a, df)) / 2;
  return t > 0 ? 1 - tail : tail;
}

/**
 * The t > 0 with P(T > t) = q, 0 < q < ½. Newton on a log-probability as a function of u = ln t, which is nearly
 * linear both in the body and in the power-law tail; safeguarded by bisection once the root is bracketed.
 * For q > ¼ it solves P(|T| < t) = 1 − 2q instead (exact in floating point there), so quantiles near the median
 * keep their relative precision.
 */
function upperTailQuantile(q: number, df: number): number {
  const useTail = q <= 0.25;
  const target = Math.log(useTail ? q : 1 - 2 * q);
  const logDensity0 = logDensityAtZero(df);
  const z = -normalQuantile(q);
  // Cornish–Fisher start (exact to ~1e-16 for very large df); the bracket rescues it when df is small.
  const guess = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
  let u = Math.log(Math.max(guess, 1e-300));
  let lo = -Infinity; // ln t known to be too small
  let hi = Infinity; // ln t known to be too large
  for (let i = 0; i < 200; i++) {
    const t = Math.exp(u);
    const logP = useTail ? logUpperTail(t, df) : logCentral(t, df);
    const h = logP - target;
    if (h === 0) return t;
    const tooSmall = useTail ? h > 0 : h < 0;
    if (tooSmall) lo = Math.max(lo, u);
    else hi = Math.min(hi, u);
    // d ln P / d ln t = ∓ t f(t) / P (2 t f(t) / P for the central part)
    const logTDensity = u + logDensity0 - ((df + 1) / 2) * logOnePlusSquare(t / Math.sqrt(df));
    const slope = useTail ? -Math.exp(logTDensity - logP) : 2 * Math.exp(logTDensity - logP);
    let next = u - h / slope;
    if (!Number.isFinite(next) || next <= lo || next >= hi) {
      if (Number.isFinite(lo) && Number.isFinite(hi)) next = (lo + hi) / 2;
      else next = tooSmall ? u + 2 : u - 2;
    }
    const step = next - u;
    u = next;
    if (Math.abs(step) <= 4 * DBL_EPSILON) break;
  }
  return Math.exp(u);
}

const quantileCache = new Map<string, number>();

/**
 * Quantile of Student's t distribution: the t with P(T ≤ t) = p, for any real df ≥ 1 (df = ∞ gives the normal).
 * Relative accuracy about 1e-14; df = 1 (Cauchy) and df = 2 use their closed forms. Results are memoised, since a
 * round asks for t(0.975, n − 1) for thousands of estimates with few distinct n.
 */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) throw new RangeError(`studentTQuantile: p must be in [0, 1], got ${p}`);
  if (Number.isNaN(df) || df < 1) throw new RangeError(`studentTQuantile: df must be at least 1, got ${df}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  if (df === Infinity) return normalQuantile(p);
  const sign = p > 0.5 ? 1 : -1;
  const q = p > 0.5 ? 1 - p : p; // upper-tail probability of |T|; 1 − p is exact for p > ½
  if (df === 1) return sign / Math.tan(Math.PI * q);
  if (df === 2) return (sign * (1 - 2 * q)) / Math.sqrt(2 * q * (1 - q));
  if (df > 1e20) return -sign * normalQuantile(q);
  const key = `${q} ${df}`;
  let t = quantileCache.get(key);
  if (t === undefined) {
    t = upperTailQuantile(q, df);
    if (quantileCache.size >= 10000) quantileCache.clear();
    quantileCache.set(key, t);
  }
  return sign * t;
}
