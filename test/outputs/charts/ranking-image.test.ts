// The work-group ranking image as SVG: 红榜 red and 黑榜 black-grey bars (on the page chart too), every label escaped,
// one row per unit in rank order, compact rows for long lists, and notes wrapped without a line opening on a comma.
import t from 'tap';
import { rankingImage, RANKING_IMAGE_WIDTH, wrapText, type RankingImageRow } from '../../../server/outputs/charts/ranking-image.js';
import { rankingBars, RANKING_FILL } from '../../../server/outputs/charts/ranking-bars.js';
import { elements, xmlProblems } from '../../kit/xml-check.js';

const rows: RankingImageRow[] = [
  { label: '东风村', value: 80, lo: 74, hi: 86, rank: 3 },
  { label: '城关社区', value: 90, lo: 85.5, hi: 94.5, rank: 1, highlight: 'top', rankRange: [1, 2] },
  { label: '新桥村', value: 60, lo: 50, hi: 70, rank: 4, highlight: 'bottom', rankRange: [4, 4] },
  { label: '<河口村&>', value: 85, lo: 80, hi: 90, rank: 2, detail: '城关镇' },
  { label: '无样本村', value: null, lo: null, hi: null, rank: null },
];
const opts = { issuingBody: '清河区委政法委（平安办）', title: '全区各村（社区）综合得分排名', subtitle: '2026年10月 · 月度模拟民调' };

/** The fill of each drawn bar, by the row's class (top, bottom, normal). */
function barFills(svg: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const m of svg.matchAll(/<g class="row (\w+)">(.*?)<\/g>/g)) {
    const bar = elements(m[2], 'rect').find((r) => r.class === 'bar');
    if (bar) (out[m[1]] ??= []).push(bar.fill);
  }
  return out;
}

t.test('红榜 bars are red, 黑榜 bars black-grey hatching, the others blue-grey', async (t) => {
  const svg = rankingImage(rows, opts);
  t.same(xmlProblems(svg), []);
  const fills = barFills(svg);
  t.same(fills.top, ['#b3261e'], 'the red of the page’s 红榜 badge');
  t.same(fills.bottom, ['url(#img-hatch)']);
  t.same(fills.normal, [RANKING_FILL.normal, RANKING_FILL.normal]);
  const hatch = /<pattern id="img-hatch"[^>]*>(.*?)<\/pattern>/.exec(svg)?.[1] ?? '';
  t.match(hatch, `fill="${RANKING_FILL.bottom}"`, 'the hatching lies on black-grey');
  t.match(hatch, 'stroke="#000"');
  t.match(svg, /<rect[^>]*fill="#b3261e"[^>]*\/><text[^>]*>红榜<\/text>/, 'the legend names the red bars 红榜');

  const page = rankingBars(rows, { id: 'p', title: 't' });
  const pageFills = elements(page, 'rect').filter((r) => r.class === 'bar').map((r) => r.fill);
  t.same(pageFills, [RANKING_FILL.top, RANKING_FILL.normal, RANKING_FILL.normal, 'url(#p-hatch)'], 'the page chart uses the same colours');
});

t.test('rows in rank order with rank, escaped name, detail and rank range; the unit without a score last', async (t) => {
  const svg = rankingImage(rows, opts);
  const names = [...svg.matchAll(/<g class="row \w+">.*?<text[^>]*>([^<]*)<\/text><text[^>]*>([^<]*)/g)].map((m) => [m[1], m[2]]);
  t.same(names, [['1', '城关社区'], ['2', '&lt;河口村&amp;&gt;'], ['3', '东风村'], ['4', '新桥村'], ['—', '无样本村']]);
  t.match(svg, '可能第1–2名', 'a rank range wider than one rank is written');
  t.notMatch(svg, '可能第4–4名', 'a range of a single rank is not');
  t.match(svg, '>城关镇</tspan>');
  t.match(svg, '样本不足，不排名');
  t.match(svg, '清河区委政法委（平安办）');
  t.match(svg, `width="${RANKING_IMAGE_WIDTH}"`);
});

t.test('a long list is drawn compact, so 60 villages stay one picture a phone can scroll', async (t) => {
  const many = (n: number): RankingImageRow[] =>
    Array.from({ length: n }, (_, i) => ({ label: `第${i + 1}村`, value: 90 - i * 0.3, lo: 85 - i * 0.3, hi: 95 - i * 0.3, rank: i + 1 }));
  const heightOf = (svg: string): number => Number(/height="(\d+)"/.exec(svg)?.[1]);
  const perRowShort = (heightOf(rankingImage(many(12), opts)) - heightOf(rankingImage(many(2), opts))) / 10;
  const perRowLong = (heightOf(rankingImage(many(60), opts)) - heightOf(rankingImage(many(50), opts))) / 10;
  t.ok(perRowLong < perRowShort, `rows ${perRowLong} px when long, ${perRowShort} px when short`);
  t.ok(heightOf(rankingImage(many(60), opts)) < 3200, 'sixty rows stay under 3,200 px');
});

t.test('notes wrap to the width, never opening a line with closing punctuation', async (t) => {
  t.same(wrapText('一二三四五', 2), ['一二', '三四', '五']);
  t.same(wrapText('一二。三四', 2), ['一二。', '三四'], 'the full stop stays on its line');
  t.same(wrapText('', 4), []);
});
