import t from 'tap';
import { standoutLists } from '../../../../server/features/bulletin/core/honours.js';

/** A unit with a rank and a 95% interval value ± half. */
const unit = (code: string, rank: number | null, value: number, half = 2) => ({ code, rank, lo: value - half, hi: value + half });

t.test('named only when the whole interval lies above or below the overall score', async (t) => {
  // Overall 80. a: 86 ± 2 = [84, 88] above; b: 82 ± 3 = [79, 85] overlaps; c: 77 ± 2 = [75, 79] below; d: 70 ± 2 below.
  const units = [unit('b', 2, 82, 3), unit('a', 1, 86), unit('c', 3, 77), unit('d', 4, 70), unit('x', null, 50)];
  const lists = standoutLists(units, 80);
  t.same(lists.top.map((u) => u.code), ['a']);
  t.same(lists.bottom.map((u) => u.code), ['d', 'c'], 'worst first');
  t.equal(lists.aboveCount, 1);
  t.equal(lists.belowCount, 2);
  t.notOk([...lists.top, ...lists.bottom].some((u) => u.code === 'x'), 'an unranked unit is never named');
});

t.test('all intervals overlap the overall score: nobody is named', async (t) => {
  const units = Array.from({ length: 7 }, (_, i) => unit(`g${i}`, i + 1, 80 + (3 - i) * 0.8, 6));
  const lists = standoutLists(units, 80);
  t.same(lists.top, []);
  t.same(lists.bottom, []);
});

t.test('an interval touching the overall score does not stand out', async (t) => {
  const lists = standoutLists([unit('a', 1, 82), unit('b', 2, 78)], 80);
  t.same([lists.top.length, lists.bottom.length], [0, 0]);
});

t.test('at most five on a list, a tie at the cut kept', async (t) => {
  const units = Array.from({ length: 8 }, (_, i) => unit(`u${i}`, i < 5 ? i + 1 : 5, 95 - i, 1));
  const lists = standoutLists(units, 50);
  t.equal(lists.aboveCount, 8);
  t.same(lists.top.map((u) => u.code), ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'], 'ranks 5, 5, 5, 5 all kept');
  const fewer = standoutLists(units.map((u, i) => ({ ...u, rank: i + 1 })), 50);
  t.equal(fewer.top.length, 5);
  t.same(standoutLists(units, null).top, [], 'no overall score: nobody is named');
});
