import t from 'tap';
import { monthLabel, trendLines } from '../../../server/outputs/charts/trend-lines.js';
import { elements, xmlProblems } from '../../kit/xml-check.js';

const periods = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
const points = (values: Array<number | null>) => values.map((value, i) => ({ period: periods[i], value }));

t.test('a line breaks where a month has no value', async (t) => {
  const svg = trendLines([{ label: '城关镇', points: points([80, 82, null, 85, 86, 87]) }], { id: 'tl1', title: '走势', domain: [70, 90] });
  t.same(xmlProblems(svg), []);
  const lines = elements(svg, 'polyline');
  t.equal(lines.length, 2, 'two runs: May–June and August–October');
  t.equal(lines[0].points.split(' ').length, 2);
  t.equal(lines[1].points.split(' ').length, 3);
  t.equal(elements(svg, 'circle').length, 5 + 1, 'a marker per valued month, plus the legend sample');
});

t.test('points sit at their values on the y axis', async (t) => {
  const svg = trendLines([{ label: 'A', points: points([70, 75, 80, 85, 90, 90]) }], { id: 'tl2', title: 't', domain: [70, 90] });
  const ys = elements(svg, 'polyline')[0].points.split(' ').map((p) => Number(p.split(',')[1]));
  const top = ys[4];
  const bottom = ys[0];
  t.ok(bottom > top, 'higher values are drawn higher');
  t.ok(Math.abs(ys[2] - (top + bottom) / 2) < 0.02, '80 is halfway between 70 and 90');
  const xs = elements(svg, 'polyline')[0].points.split(' ').map((p) => Number(p.split(',')[0]));
  t.ok(Math.abs(xs[1] - xs[0] - (xs[5] - xs[4])) < 0.02, 'months are evenly spaced');
});

t.test('an isolated month is a marker without a line; a series with no values draws nothing', async (t) => {
  const svg = trendLines(
    [
      { label: 'A', points: points([null, null, 80, null, null, null]) },
      { label: 'B', points: points([null, null, null, null, null, null]) },
    ],
    { id: 'tl3', title: 't' },
  );
  t.equal(elements(svg, 'polyline').length, 0);
  t.same(xmlProblems(svg), []);
  const empty = trendLines([{ label: 'B', points: points([null, null, null, null, null, null]) }], { id: 'tl4', title: 't' });
  t.match(empty, '暂无数据');
});

t.test('legend, axis labels and escaping', async (t) => {
  const svg = trendLines(
    [
      { label: '全区', points: points([80, 81, 82, 83, 84, 85]), emphasis: true },
      { label: '<script>x</script>&镇', points: points([70, 71, 72, 73, 74, 75]) },
    ],
    { id: 'tl5', title: '近六个月 & 走势' },
  );
  t.same(xmlProblems(svg), []);
  t.notMatch(svg, '<script>');
  t.match(svg, '&lt;script&gt;x&lt;/script&gt;&amp;镇');
  t.match(svg, 'aria-label="近六个月 &amp; 走势"');
  t.match(svg, '>2026年5月</text>');
  t.match(svg, '>10月</text>');
  t.match(svg, /stroke="#000" stroke-width="3"/, 'the emphasised series is thick and black');
  t.match(svg, 'stroke-dasharray', 'other series are told apart by dashes as well as colour');
});

t.test('month labels', async (t) => {
  t.equal(monthLabel('2026-05', 0), '2026年5月');
  t.equal(monthLabel('2026-06', 1), '6月');
  t.equal(monthLabel('2027-01', 3), '2027年1月');
  t.equal(monthLabel('2026-H1', 2), '2026-H1');
});
