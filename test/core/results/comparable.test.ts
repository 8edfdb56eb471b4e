// When two rankings may be compared (docs/statistics.md#rankings), worked out by hand.
import t from 'tap';
import { COMPARABLE_SHARE, comparableRankChange, comparableRankings } from '../../../server/core/results/comparable.js';

const codes = (n: number, from = 0) => new Set(Array.from({ length: n }, (_, i) => `G${i + from}`));

t.test('the share of units both rankings hold', async (t) => {
  t.equal(COMPARABLE_SHARE, 0.95);
  t.equal(comparableRankings(codes(184), codes(184)), true, 'the same 184 grids');
  t.equal(comparableRankings(codes(184), new Set(['G0'])), false, '1 of 184 (the issue: ↑153 out of nothing)');
  // 180 grids, 4 fewer this month: 176 / 180 = 0.978 ≥ 0.95.
  t.equal(comparableRankings(codes(180), codes(176)), true, '176 of 180');
  // 180 and 171: 171 / 180 = 0.95 exactly — comparable; 170 / 180 = 0.944 is not.
  t.equal(comparableRankings(codes(180), codes(171)), true, '171 of 180 = 0.95');
  t.equal(comparableRankings(codes(180), codes(170)), false, '170 of 180');
  // Same size, different members: 10 shared of 20 units → 10/30.
  t.equal(comparableRankings(codes(20), codes(20, 10)), false, 'half the units swapped');
  t.equal(comparableRankings(new Set(), new Set()), false, 'nothing ranked, nothing compared');
});

t.test('a rank change only within comparable rankings', async (t) => {
  t.equal(comparableRankChange(5, 3, true), 2, '5th → 3rd is ↑2');
  t.equal(comparableRankChange(154, 1, false), null);
  t.equal(comparableRankChange(null, 1, true), null);
  t.equal(comparableRankChange(2, null, true), null);
});
