import t from 'tap';
import { competitionRank, rankChange, weakestItems } from '../../../server/core/stats/index.js';

t.test('competition ranking: ties share a rank and the next rank is skipped (1, 2, 2, 4)', async (t) => {
  const ranks = competitionRank([
    { key: 'a', score: 91.61, eligible: true },
    { key: 'b', score: 88.2, eligible: true },
    { key: 'c', score: 88.2, eligible: true },
    { key: 'd', score: 80, eligible: true },
  ]);
  t.same([...ranks], [
    ['a', 1],
    ['b', 2],
    ['c', 2],
    ['d', 4],
  ]);
});

t.test('scores are compared as printed: equal to two decimals is a tie, higher is better', async (t) => {
  const ranks = competitionRank([
    { key: 1, score: 85.004, eligible: true }, // prints 85.00
    { key: 2, score: 84.996, eligible: true }, // prints 85.00
    { key: 3, score: 85.006, eligible: true }, // prints 85.01
    { key: 4, score: 0, eligible: true },
  ]);
  t.same([ranks.get(3), ranks.get(1), ranks.get(2), ranks.get(4)], [1, 2, 2, 4]);
});

t.test('units below the minimum sample and units without a score are not ranked and take no place', async (t) => {
  const ranks = competitionRank([
    { key: 'thin', score: 99, eligible: false },
    { key: 'a', score: 90, eligible: true },
    { key: 'none', score: null, eligible: true },
    { key: 'b', score: 70, eligible: true },
  ]);
  t.equal(ranks.get('thin'), null);
  t.equal(ranks.get('none'), null);
  t.equal(ranks.get('a'), 1);
  t.equal(ranks.get('b'), 2);
  t.equal(competitionRank([]).size, 0);
});

t.test('rank change is positive when a unit moved up', async (t) => {
  t.equal(rankChange(5, 3), 2);
  t.equal(rankChange(1, 2), -1);
  t.equal(rankChange(4, 4), 0);
  t.equal(rankChange(null, 3), null);
  t.equal(rankChange(2, null), null);
});

t.test('weakest items: lowest first, ties by id, missing values skipped', async (t) => {
  const items = [
    { id: 'Q5', value: 70 },
    { id: 'Q2', value: 60.001 }, // prints 60.00, same as Q3: ordered by id
    { id: 'Q3', value: 60 },
    { id: 'Q1', value: null },
    { id: 'Q9', value: 95 },
    { id: 'Q4', value: 82, text: 'kept along' },
  ];
  t.same(weakestItems(items).map((i) => i.id), ['Q2', 'Q3', 'Q5']);
  t.same(weakestItems(items, 5).map((i) => i.id), ['Q2', 'Q3', 'Q5', 'Q4', 'Q9']);
  t.equal(weakestItems(items, 5)[3].text, 'kept along');
  t.same(weakestItems([{ id: 'x', value: null }]), []);
});
