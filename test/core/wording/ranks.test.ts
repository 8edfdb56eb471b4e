// The rank-range phrases every output prints: "可能 2–9 名" beside a rank, "可能第2–9名" in running text, nothing
// when the rank is certain or there is none.
import t from 'tap';
import { possibleOrdinalRanks, possibleRanks, rankCell, rankRangeText } from '../../../server/core/wording/ranks.js';

t.test('a range that spans places is printed; a certain rank or none prints nothing more', async (t) => {
  t.equal(rankRangeText([2, 9]), '2–9');
  t.equal(rankRangeText([3, 3]), '');
  t.equal(rankRangeText(null), '');
  t.equal(possibleRanks('2–9'), '可能 2–9 名');
  t.equal(possibleRanks(''), '');
  t.equal(rankCell('5', '2–9'), '5（可能 2–9 名）');
  t.equal(rankCell('5', ''), '5');
  t.equal(possibleOrdinalRanks([34, 39]), '可能第34–39名');
  t.equal(possibleOrdinalRanks([1, 1]), '');
});
