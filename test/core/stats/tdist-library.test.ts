// The wrapper around the stdlib t distribution and incomplete beta: its guards, beyond the precision tests of
// tdist.test.ts (which are the library's acceptance and stay as they are).
import t from 'tap';
import { normalQuantile, regularizedIncompleteBeta, studentTCdf, studentTQuantile } from '../../../server/core/stats/index.js';

t.test('very large df give the normal quantile, where the library alone would give 0', async (t) => {
  for (const df of [1e16, 1e17, 1e25, 1e300]) {
    t.equal(studentTQuantile(0.975, df), normalQuantile(0.975), `df ${df}`);
    t.equal(studentTQuantile(1e-10, df), normalQuantile(1e-10), `df ${df}, far tail`);
  }
  // Just below the switch the library is still right: t(0.975) = z + (z³ + z) / 4df to double precision.
  const z = normalQuantile(0.975);
  t.ok(Math.abs(studentTQuantile(0.975, 1e15) - (z + (z ** 3 + z) / 4e15)) < 1e-15);
});

t.test('bad arguments are a RangeError, not NaN', async (t) => {
  t.throws(() => studentTQuantile(Number.NaN, 5), RangeError);
  t.throws(() => studentTQuantile(0.5, Number.NaN), RangeError);
  t.throws(() => studentTCdf(1, 0), RangeError);
  t.throws(() => studentTCdf(Number.NaN, 3), RangeError);
  t.throws(() => studentTCdf(1, Infinity), RangeError);
  t.throws(() => regularizedIncompleteBeta(0.5, 0, 1), RangeError);
  t.throws(() => regularizedIncompleteBeta(0.5, 1, Infinity), RangeError);
  t.throws(() => regularizedIncompleteBeta(1.5, 1, 1), RangeError);
  t.equal(studentTQuantile(0, 3), -Infinity);
  t.equal(studentTCdf(0, 3), 0.5);
  t.equal(studentTCdf(Infinity, 3), 1);
  t.equal(studentTCdf(-Infinity, 3), 0);
});

t.test('memoised quantiles are the same numbers', async (t) => {
  const first = studentTQuantile(0.975, 12.5);
  t.equal(studentTQuantile(0.975, 12.5), first);
  t.equal(studentTQuantile(0.025, 12.5), -first);
});
