// The seeded generator: same seed, same stream; the helpers give the distributions they promise.
import t from 'tap';
import { createRng, hashSeed } from '../../../server/core/stats/rng.js';

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

t.test('the same seed gives the same stream, another seed another one', async (t) => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const sa = Array.from({ length: 20 }, () => a.next());
  const sb = Array.from({ length: 20 }, () => b.next());
  const sc = Array.from({ length: 20 }, () => c.next());
  t.same(sa, sb);
  t.not(sa.join(), sc.join());
  t.ok(sa.every((x) => x >= 0 && x < 1));
  t.equal(hashSeed('QH-01', 3), hashSeed('QH-01', 3));
  t.not(hashSeed('QH-01', 3), hashSeed('QH-013'));
});

t.test('forked streams are reproducible and do not depend on what the parent drew', async (t) => {
  const a = createRng(7);
  a.next();
  a.next();
  const b = createRng(7);
  const fa = a.fork('grid-1');
  const fb = b.fork('grid-1');
  t.same([fa.next(), fa.next(), fa.next()], [fb.next(), fb.next(), fb.next()]);
  t.not(createRng(7).fork('grid-1').next(), createRng(7).fork('grid-2').next());
});

t.test('uniform, int, normal, poisson and chance have the right moments over 20,000 draws', async (t) => {
  const rng = createRng(2026);
  const n = 20000;
  const ints = Array.from({ length: n }, () => rng.int(1, 6));
  t.ok(ints.every((x) => Number.isInteger(x) && x >= 1 && x <= 6));
  t.ok(Math.abs(mean(ints) - 3.5) < 0.05, `die mean ${mean(ints)}`);
  for (let face = 1; face <= 6; face++) t.ok(ints.includes(face), `face ${face} appears`);
  const normals = Array.from({ length: n }, () => rng.normal(10, 2));
  const m = mean(normals);
  const sd = Math.sqrt(mean(normals.map((x) => (x - m) ** 2)));
  t.ok(Math.abs(m - 10) < 0.06, `normal mean ${m}`);
  t.ok(Math.abs(sd - 2) < 0.05, `normal sd ${sd}`);
  const poissons = Array.from({ length: n }, () => rng.poisson(1.5));
  t.ok(Math.abs(mean(poissons) - 1.5) < 0.05, `poisson mean ${mean(poissons)}`);
  const big = Array.from({ length: 2000 }, () => rng.poisson(400));
  t.ok(Math.abs(mean(big) - 400) < 3, `large-mean poisson ${mean(big)}`);
  const hits = Array.from({ length: n }, () => rng.chance(0.2)).filter(Boolean).length;
  t.ok(Math.abs(hits / n - 0.2) < 0.01);
  const u = Array.from({ length: n }, () => rng.uniform(-1, 3));
  t.ok(u.every((x) => x >= -1 && x < 3));
  t.ok(Math.abs(mean(u) - 1) < 0.03);
});

t.test('weighted, choice and sample', async (t) => {
  const rng = createRng(5);
  const n = 30000;
  const counts = { a: 0, b: 0, c: 0 };
  for (let i = 0; i < n; i++) counts[rng.weighted(['a', 'b', 'c'] as const, [1, 2, 0])]++;
  t.equal(counts.c, 0, 'a zero weight is never picked');
  t.ok(Math.abs(counts.b / n - 2 / 3) < 0.01, `b share ${counts.b / n}`);
  t.throws(() => rng.choice([]));
  t.throws(() => rng.weighted(['a'], [0]));
  const s = rng.sample([1, 2, 3, 4, 5], 3);
  t.equal(s.length, 3);
  t.equal(new Set(s).size, 3);
  t.same(rng.sample([1, 2], 5).sort(), [1, 2]);
});
