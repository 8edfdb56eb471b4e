import t from 'tap';
import {
  normalQuantile,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
} from '../../../server/core/stats/index.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

t.test('t(0.975) reproduces the standard values of docs/statistics.md#standard-values to 1e-9', async (t) => {
  t.ok(Math.abs(studentTQuantile(0.975, 1) - 12.706204736174694) < 1e-9);
  t.ok(Math.abs(studentTQuantile(0.975, 9) - 2.262157162798205) < 1e-9);
  t.ok(Math.abs(studentTQuantile(0.975, 29) - 2.045229642132703) < 1e-9);
});

t.test('t quantiles agree with R qt() to 1e-12 relative, integer and non-integer df', async (t) => {
  // R 4.x: sprintf("%.17g", qt(0.975, df)) and qt(c(0.995, 0.9), 5)
  const cases: Array<[p: number, df: number, q: number]> = [
    [0.975, 2, 4.3026527297494619],
    [0.975, 3, 3.1824463052837078],
    [0.975, 4, 2.7764451051977934],
    [0.975, 5, 2.5705818356363137],
    [0.975, 7.5, 2.3330396268649736],
    [0.975, 10, 2.2281388519862739],
    [0.975, 13, 2.1603686564627917],
    [0.975, 17, 2.1098155778333165],
    [0.975, 30, 2.0422724563012378],
    [0.975, 100, 1.9839715185235516],
    [0.975, 1000, 1.9623390808264076],
    [0.995, 5, 4.0321429835552287],
    [0.9, 5, 1.4758840488244804],
  ];
  for (const [p, df, q] of cases) {
    t.ok(rel(studentTQuantile(p, df), q) < 1e-12, `qt(${p}, ${df}) = ${q}, got ${studentTQuantile(p, df)}`);
    t.ok(rel(studentTQuantile(1 - p, df), -q) < 1e-12, `symmetric at ${1 - p}, ${df}`);
  }
});

t.test('t quantile inverts the t distribution function, far into the tails and near the median', async (t) => {
  for (const df of [1.5, 3, 8, 57.5, 2e5]) {
    for (const p of [1e-12, 1e-4, 0.02, 0.3, 0.4999, 0.75, 0.999]) {
      const q = studentTQuantile(p, df);
      const back = studentTCdf(q, df);
      const target = p < 0.5 ? p : 1 - p;
      t.ok(rel(p < 0.5 ? back : 1 - back, target) < 1e-12, `cdf(qt(${p}, ${df})) = ${back}`);
    }
  }
  // Closed forms: the Cauchy (df 1) and df 2 distributions
  t.ok(rel(studentTQuantile(0.75, 1), 1) < 1e-15);
  t.ok(rel(studentTQuantile(0.9, 2), 0.8 / Math.sqrt(2 * 0.9 * 0.1)) < 1e-15);
  // df → ∞ is the normal
  t.equal(studentTQuantile(0.975, Infinity), normalQuantile(0.975));
  // for very large df the Cornish–Fisher expansion is exact to double precision (next term ~1e-27 at df 1e9)
  const z = 1.959963984540054;
  for (const df of [1e6, 1e9]) {
    const expansion = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
    t.ok(rel(studentTQuantile(0.975, df), expansion) < 1e-14, `df ${df}`);
  }
  t.equal(studentTQuantile(0.5, 7), 0);
  t.equal(studentTQuantile(1, 7), Infinity);
  t.throws(() => studentTQuantile(0.975, 0.5), RangeError);
  t.throws(() => studentTQuantile(1.2, 5), RangeError);
});

t.test('normal quantile agrees with R qnorm() to 1e-15 relative', async (t) => {
  const cases: Array<[number, number]> = [
    [1e-10, -6.3613409024040557],
    [0.001, -3.0902323061678132],
    [0.025, -1.9599639845400538],
    [0.1, -1.2815515655446008],
    [0.3, -0.52440051270804067],
    [0.7, 0.52440051270804067],
    [0.975, 1.9599639845400536],
    [0.999, 3.0902323061678132],
  ];
  for (const [p, q] of cases) t.ok(rel(normalQuantile(p), q) < 1e-15, `qnorm(${p}) = ${q}, got ${normalQuantile(p)}`);
  t.equal(normalQuantile(0.5), 0);
  t.equal(normalQuantile(0), -Infinity);
});

t.test('regularized incomplete beta agrees with R pbeta() and closed forms', async (t) => {
  // R: sprintf("%.17g", pbeta(c(0.3, 0.9, 0.05), c(2.5, 10, 0.5), c(4, 0.5, 3)))
  t.ok(rel(regularizedIncompleteBeta(0.3, 2.5, 4), 0.35219758590676714) < 1e-13);
  t.ok(rel(regularizedIncompleteBeta(0.9, 10, 0.5), 0.15164090963470997) < 1e-13);
  t.ok(rel(regularizedIncompleteBeta(0.05, 0.5, 3), 0.40549695229472749) < 1e-13);
  // I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b
  t.ok(rel(regularizedIncompleteBeta(0.7, 3.5, 1), 0.7 ** 3.5) < 1e-14);
  t.ok(rel(regularizedIncompleteBeta(0.2, 1, 6), 1 - 0.8 ** 6) < 1e-14);
  t.equal(regularizedIncompleteBeta(0, 2, 3), 0);
  t.equal(regularizedIncompleteBeta(1, 2, 3), 1);
});
