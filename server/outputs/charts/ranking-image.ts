// The ranking image for work groups (排名晾晒): one level's ranking as a picture a phone shows at full width — issuing
// body, title, the round, one row per unit with its interval whisker and its 红榜/黑榜 colour, and the notes that
// keep the picture honest (what the whiskers mean, where the axis starts). Drawn as SVG here; the server rasterises
// it to PNG with a CJK font, so the picture never depends on a browser.
import { rankingAxis, SCORE_AXIS, type AxisScale } from './ranking-axis.js';
import { hatchPattern, RANKING_FILL, RANKING_STROKE, sortRankingRows, type RankingBarRow } from './ranking-bars.js';
import { coord, escapeXml, niceTicks, scaleLinear, textWidthEm, truncate, twoDecimals } from './svg.js';
import { possibleOrdinalRanks } from '../../core/wording/ranks.js';
import { INSUFFICIENT_LABEL } from '../../core/wording/samples.js';

export interface RankingImageRow extends RankingBarRow {
  rank: number | null;
  /** The plausible ranks [best, worst], when known; drawn after the name unless it is the rank itself. */
  rankRange?: [number, number] | null;
  /** Written small after the name, e.g. a village's township. */
  detail?: string;
}

export interface RankingImageOptions {
  issuingBody: string;
  /** e.g. "各乡镇（街道）平安建设综合得分排名". */
  title: string;
  /** The round, e.g. "清河区 · 2026年10月 · 月度模拟民调". */
  subtitle: string;
  format?: (value: number) => string;
  scale?: AxisScale;
  /** Footnotes under the chart, one paragraph each (wrapped to the width). */
  notes?: string[];
  insufficientText?: string;
}

/** Phone screens are 1080 px wide at 3×; the picture is drawn at that size so it needs no zoom in a chat. */
export const RANKING_IMAGE_WIDTH = 1080;
const MARGIN = 48;
/** Above this many rows, rows and type are smaller so a long list stays one picture a thumb can scroll. */
const COMPACT_ABOVE = 20;

interface Metrics {
  row: number;
  font: number;
  small: number;
  bar: number;
}

const NORMAL: Metrics = { row: 60, font: 32, small: 22, bar: 26 };
const COMPACT: Metrics = { row: 42, font: 26, small: 19, bar: 18 };

/** The text in the name column: the name, then the detail and rank range in small grey type. */
function nameDetail(row: RankingImageRow): string {
  const range = possibleOrdinalRanks(row.rankRange);
  return [row.detail ?? '', range].filter((s) => s !== '').join('，');
}

interface Frame {
  m: Metrics;
  nameX: number;
  nameWidth: number;
  x0: number;
  x1: number;
  x: (v: number) => number;
  domain: [number, number];
  top: number;
  plotBottom: number;
}

/** Pixels of the small grey detail after a name (with its leading space). */
function detailWidth(row: RankingImageRow, m: Metrics): number {
  const detail = nameDetail(row);
  return detail ? (textWidthEm(detail) + 0.4) * m.small : 0;
}

function frame(rows: RankingImageRow[], domain: [number, number], top: number): Frame {
  const m = rows.length > COMPACT_ABOVE ? COMPACT : NORMAL;
  const nameX = MARGIN + 2.2 * m.font;
  const widest = Math.max(4 * m.font, ...rows.map((r) => textWidthEm(r.label) * m.font + detailWidth(r, m)));
  const nameWidth = Math.min(440, Math.max(6 * m.font, widest));
  const x0 = nameX + nameWidth + 16;
  const x1 = RANKING_IMAGE_WIDTH - MARGIN - 4.2 * m.font;
  const plotBottom = top + Math.max(1, rows.length) * m.row;
  return { m, nameX, nameWidth, x0, x1, x: scaleLinear(domain[0], domain[1], x0, x1), domain, top, plotBottom };
}

/** Punctuation that never opens a line (it stays on the line it closes, a little past the width). */
const NO_LINE_START = new Set([...'，。、；：！？）」』》”’…']);

/** Splits a paragraph into lines of at most `maxEm` ems (CJK text breaks anywhere, but not before closing punctuation). */
export function wrapText(text: string, maxEm: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (textWidthEm(line + ch) > maxEm && line !== '' && !NO_LINE_START.has(ch)) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line !== '') lines.push(line);
  return lines;
}

function header(opts: RankingImageOptions): { svg: string; height: number } {
  const mid = RANKING_IMAGE_WIDTH / 2;
  // Red issuing body over a red rule: the look of a 红头 notice, which is what the groups expect from the committee.
  const svg =
    `<text x="${mid}" y="78" text-anchor="middle" font-size="40" font-weight="bold" fill="#c00000" letter-spacing="2">${escapeXml(opts.issuingBody)}</text>` +
    `<rect x="${MARGIN}" y="100" width="${RANKING_IMAGE_WIDTH - 2 * MARGIN}" height="4" fill="#c00000"/>` +
    `<text x="${mid}" y="166" text-anchor="middle" font-size="42" font-weight="bold" fill="#111">${escapeXml(truncate(opts.title, 24))}</text>` +
    `<text x="${mid}" y="212" text-anchor="middle" font-size="26" fill="#555">${escapeXml(opts.subtitle)}</text>`;
  return { svg, height: 236 };
}

function legend(y: number, hasTop: boolean, hasBottom: boolean): string {
  const parts: string[] = [];
  let x = MARGIN;
  const item = (swatch: string, text: string): void => {
    parts.push(`${swatch}<text x="${coord(x + 40)}" y="${y + 9}">${escapeXml(text)}</text>`);
    x += 40 + textWidthEm(text) * 24 + 36;
  };
  if (hasTop) item(`<rect x="${x}" y="${y - 12}" width="30" height="22" fill="${RANKING_FILL.top}" stroke="${RANKING_STROKE.top}"/>`, '红榜');
  if (hasBottom) item(`<rect x="${x}" y="${y - 12}" width="30" height="22" fill="url(#img-hatch)" stroke="#000"/>`, '黑榜');
  item(`<path d="M${x + 2} ${y}H${x + 28}M${x + 2} ${y - 10}V${y + 10}M${x + 28} ${y - 10}V${y + 10}" stroke="#000" stroke-width="3" fill="none"/>`, '95% 区间');
  return `<g class="legend" font-size="24" fill="#333">${parts.join('')}</g>`;
}

function axis(f: Frame): string {
  const ticks = niceTicks(f.domain[0], f.domain[1], 5);
  const out: string[] = ['<g class="axis" stroke="#d0d5db" stroke-width="2">'];
  for (const t of ticks) out.push(`<line x1="${coord(f.x(t))}" y1="${f.top}" x2="${coord(f.x(t))}" y2="${f.plotBottom}"/>`);
  out.push(`<line x1="${coord(f.x0)}" y1="${f.plotBottom}" x2="${coord(f.x1)}" y2="${f.plotBottom}" stroke="#555"/></g>`);
  out.push('<g class="ticks" font-size="22" fill="#444" text-anchor="middle">');
  for (const t of ticks) out.push(`<text x="${coord(f.x(t))}" y="${f.plotBottom + 30}">${escapeXml(String(t))}</text>`);
  out.push('</g>');
  return out.join('');
}

/** The label shortened with an ellipsis to at most `maxEm` ems (Latin letters are narrower than Chinese ones). */
function fitLabel(label: string, maxEm: number): string {
  if (textWidthEm(label) <= maxEm) return label;
  let out = '';
  for (const ch of label) {
    if (textWidthEm(out + ch) > maxEm - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/** Every other row on a faint band, so the eye keeps to the row from the name to the score on a long list. */
function stripes(count: number, f: Frame): string {
  const out: string[] = [];
  for (let i = 1; i < count; i += 2) {
    out.push(`<rect x="${MARGIN - 8}" y="${f.top + i * f.m.row}" width="${RANKING_IMAGE_WIDTH - 2 * MARGIN + 16}" height="${f.m.row}" fill="#f3f4f6"/>`);
  }
  return out.join('');
}

/** One unit: rank, name (and detail), bar from the axis start, whisker, score; greyed without a score. */
function row(r: RankingImageRow, i: number, f: Frame, format: (v: number) => string, insufficientText: string): string {
  const { m } = f;
  const cy = f.top + i * m.row + m.row / 2;
  const base = coord(cy + m.font * 0.36);
  const detail = nameDetail(r);
  const name = escapeXml(fitLabel(r.label, Math.max(3, (f.nameWidth - detailWidth(r, m)) / m.font)));
  const small = detail ? `<tspan dx="${coord(m.small * 0.4)}" font-size="${m.small}" fill="#777">${escapeXml(detail)}</tspan>` : '';
  const kind = r.highlight ?? 'normal';
  const out: string[] = [`<g class="row ${r.value === null ? 'insufficient' : kind}">`];
  out.push(`<text x="${coord(f.nameX - 14)}" y="${base}" text-anchor="end" font-size="${m.font}" font-weight="bold" fill="#333">${r.rank ?? '—'}</text>`);
  out.push(`<text x="${coord(f.nameX)}" y="${base}" font-size="${m.font}" fill="${r.value === null ? '#888' : '#111'}">${name}${small}</text>`);
  if (r.value === null) {
    out.push(`<text x="${coord(f.x0 + 8)}" y="${base}" font-size="${m.small}" fill="#888">${escapeXml(insufficientText)}</text></g>`);
    return out.join('');
  }
  const fill = kind === 'bottom' ? 'url(#img-hatch)' : RANKING_FILL[kind];
  out.push(
    `<rect class="bar" x="${coord(f.x0)}" y="${coord(cy - m.bar / 2)}" width="${coord(Math.max(0, f.x(r.value) - f.x0))}" height="${m.bar}" ` +
      `fill="${fill}" stroke="${RANKING_STROKE[kind]}" stroke-width="1.5"/>`,
  );
  if (r.lo !== null && r.hi !== null) {
    const [wl, wh, h] = [coord(f.x(r.lo)), coord(f.x(r.hi)), m.bar / 2 + 4];
    const d = `M${wl} ${coord(cy)}H${wh}M${wl} ${coord(cy - h)}V${coord(cy + h)}M${wh} ${coord(cy - h)}V${coord(cy + h)}`;
    out.push(`<path class="whisker" d="${d}" stroke="#000" stroke-width="2.6" fill="none"/>`);
  }
  out.push(`<text x="${RANKING_IMAGE_WIDTH - MARGIN}" y="${base}" text-anchor="end" font-size="${m.font}" font-weight="bold" fill="#111">${escapeXml(format(r.value))}</text></g>`);
  return out.join('');
}

function notes(lines: string[], y: number): { svg: string; height: number } {
  const wrapped = lines.flatMap((p) => wrapText(p, (RANKING_IMAGE_WIDTH - 2 * MARGIN) / 22 - 1));
  const svg = wrapped.map((l, i) => `<text x="${MARGIN}" y="${y + 30 + i * 34}">${escapeXml(l)}</text>`).join('');
  return { svg: `<g class="notes" font-size="22" fill="#555">${svg}</g>`, height: 30 + wrapped.length * 34 + 20 };
}

/** The picture as an SVG string, 1080 px wide and as tall as its rows need. Every label is escaped. */
export function rankingImage(rows: RankingImageRow[], opts: RankingImageOptions): string {
  const format = opts.format ?? twoDecimals;
  const shown = sortRankingRows(rows);
  const domain = rankingAxis(shown, opts.scale ?? SCORE_AXIS);
  const head = header(opts);
  const legendY = head.height + 28;
  const f = frame(shown, domain, legendY + 36);
  const axisStart = domain[0] > (opts.scale ?? SCORE_AXIS).min ? `横轴自 ${domain[0]} 起（各排名图同一规则：区间下端以下最近的整十）。` : '';
  const foot = notes([...(opts.notes ?? []), `横线为 95% 区间，区间相互重叠的单位差别可能只是抽样误差。${axisStart}`], f.plotBottom + 40);
  const height = Math.ceil(f.plotBottom + 40 + foot.height);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${RANKING_IMAGE_WIDTH}" height="${height}" viewBox="0 0 ${RANKING_IMAGE_WIDTH} ${height}" ` +
      `font-family="WenQuanYi Micro Hei, Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif">`,
    `<title>${escapeXml(opts.title)}</title>`,
    hatchPattern('img', 12),
    `<rect width="${RANKING_IMAGE_WIDTH}" height="${height}" fill="#fff"/>`,
    head.svg,
    legend(legendY, shown.some((r) => r.highlight === 'top'), shown.some((r) => r.highlight === 'bottom')),
    stripes(shown.length, f),
    axis(f),
    ...shown.map((r, i) => row(r, i, f, format, opts.insufficientText ?? `${INSUFFICIENT_LABEL}，不排名`)),
  ];
  if (shown.length === 0) out.push(`<text x="${RANKING_IMAGE_WIDTH / 2}" y="${f.top + 40}" text-anchor="middle" font-size="28" fill="#666">暂无数据</text>`);
  out.push(foot.svg, '</svg>');
  return out.join('');
}
