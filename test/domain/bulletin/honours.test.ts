import t from 'tap';
import { honourSize, redBlackLists } from '../../../server/domain/bulletin/honours.js';

const unit = (code: string, rank: number | null) => ({ code, rank });

t.test('five on each list, never more than a third of the ranked units', async (t) => {
  t.equal(honourSize(40), 5);
  t.equal(honourSize(15), 5);
  t.equal(honourSize(14), 4);
  t.equal(honourSize(6), 2);
  t.equal(honourSize(2), 0);
});

t.test('top in rank order, bottom worst first, unranked units never named', async (t) => {
  const units = [unit('a', 3), unit('b', 1), unit('c', null), unit('d', 2), unit('e', 5), unit('f', 4), unit('g', 6)];
  const { top, bottom } = redBlackLists(units);
  // Six ranked units: two on each list.
  t.same(top.map((u) => u.code), ['b', 'd']);
  t.same(bottom.map((u) => u.code), ['g', 'e']);
});

t.test('a tie at the cut keeps both units', async (t) => {
  // Seven ranked units: two on each list, but b and c share 2nd place and f and g share 6th.
  const units = [unit('a', 1), unit('b', 2), unit('c', 2), unit('d', 4), unit('e', 5), unit('f', 6), unit('g', 6)];
  const { top, bottom } = redBlackLists(units);
  t.same(top.map((u) => u.code), ['a', 'b', 'c']);
  t.same(bottom.map((u) => u.code), ['g', 'f']);
});

t.test('all tied: the units are on the 红榜 and not also on the 黑榜', async (t) => {
  const { top, bottom } = redBlackLists([unit('a', 1), unit('b', 1), unit('c', 1), unit('d', 1)]);
  t.equal(top.length, 4);
  t.equal(bottom.length, 0);
});
