// The one axis rule of every ranking bar chart, on hand-chosen intervals: from the nearest ten strictly below the
// lowest interval's lower end (the lowest score when a unit has no interval) to the top of the scale.
import t from 'tap';
import { rankingAxis, RATE_AXIS, SCORE_AXIS } from '../../../server/outputs/charts/ranking-axis.js';
import { rankingBars } from '../../../server/outputs/charts/ranking-bars.js';
import { rankingImage } from '../../../server/outputs/charts/ranking-image.js';
import { elements } from '../../kit/xml-check.js';

const row = (value: number | null, lo: number | null = null, hi: number | null = null) => ({ value, lo, hi });

t.test('scores: the nearest ten below the lowest lower end, up to 100', async (t) => {
  t.same(rankingAxis([row(86.7, 84.1, 89.3), row(78.7, 74.3, 83.1), row(82, 79.5, 84.5)]), [70, 100], 'lowest lower end 74.3 → 70');
  t.same(rankingAxis([row(90, 85.5, 94.5), row(60.05, 55.9, 64.2)]), [50, 100], 'a wide interval of the last unit → 50');
  t.same(rankingAxis([row(81, 70, 92)]), [60, 100], 'a lower end on a ten goes one ten lower, so its whisker has room');
  t.same(rankingAxis([row(83.2), row(91)]), [80, 100], 'no intervals: the lowest score decides');
  t.same(rankingAxis([row(88, 84, 92), row(71.5)]), [70, 100], 'a unit without an interval counts with its score');
  t.same(rankingAxis([row(12, 3.2, 20.8)]), [0, 100], 'never below the scale');
  t.same(rankingAxis([row(null), row(null)]), [0, 100], 'no scores: the whole scale');
  t.same(rankingAxis([row(null, 10, 20), row(95, 93, 97)]), [90, 100], 'rows without a score (too few interviews) do not count');
  t.same(rankingAxis([]), [0, 100]);
});

t.test('rates and open scales follow the same rule', async (t) => {
  t.same(rankingAxis([row(0.81, 0.7, 0.92), row(0.9, 0.86, 0.94)], RATE_AXIS), [0.6, 1], '0.7 (stored as 0.69999…) is on its step');
  t.same(rankingAxis([row(0.75, 0.62, 0.88)], RATE_AXIS), [0.6, 1]);
  const open = { ...SCORE_AXIS, max: Infinity };
  t.same(rankingAxis([row(230, 212, 248), row(150, 131, 169)], open), [130, 250], 'open scale: the nearest ten above the highest upper end');
  t.same(rankingAxis([row(240, 225, 250)], open), [220, 260]);
});

t.test('the page chart and the work-group image use the same axis', async (t) => {
  const rows = [
    { label: '甲镇', value: 86.7, lo: 84.1, hi: 89.3 },
    { label: '乙镇', value: 78.7, lo: 74.3, hi: 83.1 },
  ];
  // Bars start at the axis start; with [70, 100] a score of 78.7 is (78.7 - 70) / 30 of the bar span.
  const bars = elements(rankingBars(rows, { id: 'a', title: 't' }), 'rect').filter((r) => r.class === 'bar');
  const fullSpan = (Number(bars[0].width) / (86.7 - 70)) * 30;
  t.ok(Math.abs(Number(bars[1].width) - ((78.7 - 70) / 30) * fullSpan) < 0.05, 'page bars measured from 70');
  const image = rankingImage(rows.map((r, i) => ({ ...r, rank: i + 1 })), { issuingBody: '甲区平安办', title: 't', subtitle: 's' });
  const imageBars = elements(image, 'rect').filter((r) => r.class === 'bar');
  const imageSpan = (Number(imageBars[0].width) / (86.7 - 70)) * 30;
  t.ok(Math.abs(Number(imageBars[1].width) - ((78.7 - 70) / 30) * imageSpan) < 0.05, 'image bars measured from 70');
  t.match(image, '横轴自 70 起');
});
