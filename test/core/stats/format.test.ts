import t from 'tap';
import { formatInterval, formatRankChange, formatRate, formatScore } from '../../../server/core/stats/index.js';

t.test('scores print with two decimals, rates as percentages with one', async (t) => {
  t.equal(formatScore(91.6149), '91.61');
  t.equal(formatScore(91.6151), '91.62');
  t.equal(formatScore(80), '80.00');
  t.equal(formatScore(-0.001), '0.00');
  t.equal(formatScore(-1.5), '-1.50');
  t.equal(formatRate(0.873), '87.3%');
  t.equal(formatRate(1), '100.0%');
  t.equal(formatRate(0), '0.0%');
  t.equal(formatRate(0.00049), '0.0%');
});

t.test('missing numbers print as —', async (t) => {
  t.equal(formatScore(null), '—');
  t.equal(formatScore(undefined), '—');
  t.equal(formatScore(Number.NaN), '—');
  t.equal(formatRate(null), '—');
  t.equal(formatInterval(null, 90, 'score'), '—');
});

t.test('rank changes print with arrows', async (t) => {
  t.equal(formatRankChange(2), '↑2');
  t.equal(formatRankChange(-1), '↓1');
  t.equal(formatRankChange(0), '—');
  t.equal(formatRankChange(null), '');
});

t.test('intervals print both ends in the unit of the estimate', async (t) => {
  t.equal(formatInterval(89.123, 94.1, 'score'), '89.12–94.10');
  t.equal(formatInterval(0.8208, 0.9464, 'rate'), '82.1%–94.6%');
});
