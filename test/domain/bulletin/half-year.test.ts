import t from 'tap';
import { mostChanged, persistentBottom, persistentThreshold, scoreChanges, type UnitTrend } from '../../../server/domain/bulletin/half-year.js';

const m = (value: number | null, rank: number | null = null, insufficient = false) => ({ value, rank, insufficient });

t.test('score change counts only units with enough interviews in the first and the last month', async (t) => {
  const trends: UnitTrend[] = [
    { code: 'up', months: [m(80), m(82), m(86.5)] },
    { code: 'down', months: [m(90), null, m(87)] },
    { code: 'thin-start', months: [m(60, null, true), m(70), m(95)] },
    { code: 'missing-end', months: [m(70), m(71), null] },
    { code: 'flat', months: [m(75), m(70), m(75)] },
  ];
  t.same(
    scoreChanges(trends).map((c) => [c.code, c.change]),
    [
      ['up', 6.5],
      ['flat', 0],
      ['down', -3],
    ],
  );
  const { improved, declined } = mostChanged(trends);
  t.same(improved.map((c) => c.code), ['up']);
  t.same(declined.map((c) => c.code), ['down']);
});

t.test('most declined lists the largest loss first', async (t) => {
  const trends: UnitTrend[] = [
    { code: 'a', months: [m(80), m(79)] },
    { code: 'b', months: [m(80), m(70)] },
    { code: 'c', months: [m(80), m(75)] },
  ];
  t.same(mostChanged(trends).declined.map((c) => c.code), ['b', 'c', 'a']);
});

t.test('persistent bottom: on the 黑榜 in at least 4 of 6 months', async (t) => {
  t.equal(persistentThreshold(6), 4);
  t.equal(persistentThreshold(3), 2);
  // Twelve units ranked 1..12 each month; a third of them, ranks 9..12, are on the 黑榜.
  const codes = Array.from({ length: 12 }, (_, i) => `u${String(i + 1).padStart(2, '0')}`);
  const ranksByMonth = [
    codes.map((_, i) => i + 1),
    codes.map((_, i) => i + 1),
    codes.map((_, i) => i + 1),
    codes.map((_, i) => (i === 11 ? 1 : i === 0 ? 12 : i + 1)), // u12 jumps to the top once, u01 drops to the bottom
    codes.map((_, i) => (i === 11 ? 1 : i === 0 ? 12 : i + 1)),
    codes.map((_, i) => (i === 11 ? 1 : i === 0 ? 12 : i + 1)),
  ];
  const trends: UnitTrend[] = codes.map((code, u) => ({ code, months: ranksByMonth.map((r) => m(90 - r[u], r[u])) }));
  const result = persistentBottom(trends);
  // Twelve ranked units, four on the 黑榜: u09..u11 are on it every month; u12 and u01 only 3 times each.
  t.same(result.map((r) => [r.code, r.times]), [
    ['u09', 6],
    ['u10', 6],
    ['u11', 6],
  ]);
});

t.test('a month without a rank (too few interviews) is not a month on the 黑榜', async (t) => {
  const trends: UnitTrend[] = Array.from({ length: 10 }, (_, i) => ({
    code: `v${i}`,
    months: Array.from({ length: 6 }, (_, k) => (i === 9 && k < 3 ? m(null, null, true) : m(90 - i, i + 1))),
  }));
  const codes = persistentBottom(trends).map((r) => r.code);
  t.notOk(codes.includes('v9'), 'ranked last only 3 times');
  t.ok(codes.includes('v8'));
});
