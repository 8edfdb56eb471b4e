import t from 'tap';
import { wilsonInterval } from '../../../server/core/stats/index.js';

const close = (a: number, b: number, tol = 1e-9) => Math.abs(a - b) <= tol;

t.test('Wilson 95% intervals reproduce the standard values of docs/statistics.md#standard-values', async (t) => {
  const cases: Array<[x: number, n: number, lo: number, hi: number]> = [
    [0, 10, 0, 0.277532799863],
    [5, 10, 0.236593090513, 0.763406909487],
    [81, 90, 0.820758251246, 0.946493248303],
  ];
  for (const [x, n, lo, hi] of cases) {
    const ci = wilsonInterval(x / n, n);
    t.ok(close(ci.lo, lo) && close(ci.hi, hi), `${x}/${n} → [${ci.lo}, ${ci.hi}]`);
  }
});

t.test('Wilson interval edges: nothing observed, all observed, a non-integer effective size', async (t) => {
  t.same(wilsonInterval(0.3, 0), { lo: 0, hi: 1 });
  t.equal(wilsonInterval(1, 10).hi, 1);
  t.equal(wilsonInterval(0, 10).lo, 0);
  // 10/10 mirrors 0/10
  t.ok(close(wilsonInterval(1, 10).lo, 1 - 0.277532799863));
  // R: p <- 0.6; n <- 7.5; z <- qnorm(0.975); (p + z^2/(2n))/(1 + z^2/n) ± z/(1 + z^2/n)·sqrt(p(1−p)/n + z^2/(4n^2))
  const ci = wilsonInterval(0.6, 7.5);
  t.ok(close(ci.lo, 0.279009747719741, 1e-12) && close(ci.hi, 0.853248370368474, 1e-12), JSON.stringify(ci));
  t.throws(() => wilsonInterval(1.5, 10), RangeError);
});
