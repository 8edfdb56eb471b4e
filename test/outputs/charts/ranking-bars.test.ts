import t from 'tap';
import { rankingBars } from '../../../server/outputs/charts/ranking-bars.js';
import { elements, xmlProblems } from '../../kit/xml-check.js';

const rows = [
  { label: '东风村', value: 80, lo: 74, hi: 86 },
  { label: '城关社区', value: 90, lo: 85.5, hi: 94.5, highlight: 'top' as const },
  { label: '新桥村', value: 60, lo: 50, hi: 70, highlight: 'bottom' as const },
  { label: '河口村', value: null, lo: null, hi: null },
];

function barsOf(svg: string): Array<{ x: number; width: number }> {
  return elements(svg, 'rect')
    .filter((r) => r.class === 'bar')
    .map((r) => ({ x: Number(r.x), width: Number(r.width) }));
}

t.test('bars are sorted by value and their lengths are proportional to it', async (t) => {
  const svg = rankingBars(rows, { id: 'r1', title: '综合得分排名', domain: [0, 100] });
  t.same(xmlProblems(svg), []);
  const bars = barsOf(svg);
  t.equal(bars.length, 3, 'no bar for the unit without a value');
  // Sorted 90, 80, 60; from a zero baseline each width is value × (plot width / 100).
  const perPoint = bars[0].width / 90;
  t.ok(Math.abs(bars[1].width - 80 * perPoint) < 0.02);
  t.ok(Math.abs(bars[2].width - 60 * perPoint) < 0.02);
  t.ok(bars.every((b) => b.x === bars[0].x), 'all bars start at the baseline');
  const order = [...svg.matchAll(/<text x="\d+(?:\.\d+)?" y="[\d.]+" text-anchor="end" fill="#1f2328">([^<]+)<\/text>/g)].map((m) => m[1]);
  t.same(order, ['城关社区', '东风村', '新桥村']);
});

t.test('with a zoomed axis, bars measure the distance from the axis start', async (t) => {
  const svg = rankingBars(rows.slice(0, 3), { id: 'r2', title: 't', domain: [50, 100] });
  const bars = barsOf(svg);
  const perPoint = bars[0].width / 40;
  t.ok(Math.abs(bars[1].width - 30 * perPoint) < 0.02);
  t.ok(Math.abs(bars[2].width - 10 * perPoint) < 0.02);
});

t.test('whiskers end exactly at the interval bounds', async (t) => {
  const svg = rankingBars(rows, { id: 'r3', title: 't', domain: [0, 100] });
  const bars = barsOf(svg);
  const x0 = bars[0].x;
  const perPoint = bars[0].width / 90;
  const whiskers = elements(svg, 'path').filter((p) => p.class === 'whisker');
  t.equal(whiskers.length, 3);
  const expected = [
    [85.5, 94.5],
    [74, 86],
    [50, 70],
  ];
  whiskers.forEach((w, i) => {
    t.ok(Math.abs(Number(w['data-lo']) - (x0 + expected[i][0] * perPoint)) < 0.02, `lo of row ${i}`);
    t.ok(Math.abs(Number(w['data-hi']) - (x0 + expected[i][1] * perPoint)) < 0.02, `hi of row ${i}`);
    // The horizontal stroke runs from lo to hi.
    t.match(w.d, new RegExp(`^M${w['data-lo']} [\\d.]+H${w['data-hi']}`));
  });
});

t.test('a unit without a value is greyed as 样本不足 at the bottom, or left out', async (t) => {
  const grey = rankingBars(rows, { id: 'r4', title: 't' });
  t.match(grey, /class="row insufficient"[^>]*><title>河口村：样本不足<\/title>/);
  t.ok(grey.lastIndexOf('河口村') > grey.lastIndexOf('新桥村'), 'listed after the ranked units');
  const omitted = rankingBars(rows, { id: 'r5', title: 't', insufficient: 'omit' });
  t.notMatch(omitted, '河口村');
  t.same(xmlProblems(omitted), []);
});

t.test('labels and the title are escaped', async (t) => {
  const svg = rankingBars(
    [{ label: '<script>alert(1)</script> & 村', value: 70, lo: 60, hi: 80 }],
    { id: 'r6', title: 'A & B <图>', domain: [0, 100] },
  );
  t.notMatch(svg, '<script>');
  t.match(svg, '&lt;script&gt;');
  t.match(svg, '&amp; 村');
  t.match(svg, 'aria-label="A &amp; B &lt;图&gt;"');
  t.same(xmlProblems(svg), []);
});

t.test('the chart is an accessible, responsive image', async (t) => {
  const svg = rankingBars(rows, { id: 'bars 1', title: '各乡镇综合得分' });
  t.match(svg, /^<svg [^>]*role="img"/);
  t.match(svg, 'aria-label="各乡镇综合得分"');
  t.match(svg, '<title>各乡镇综合得分</title>');
  t.match(svg, /viewBox="0 0 720 \d+"/);
  t.match(svg, 'width="100%"');
  t.match(svg, 'id="bars-1-hatch"', 'ids are made safe');
  t.match(svg, 'fill="url(#bars-1-hatch)"', 'the bottom unit is hatched, readable without colour');
});

t.test('no rows at all gives an empty chart that says so', async (t) => {
  const svg = rankingBars([], { id: 'r7', title: 't' });
  t.match(svg, '暂无数据');
  t.same(xmlProblems(svg), []);
});
