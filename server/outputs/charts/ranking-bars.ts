// Horizontal ranking bars with 95% interval whiskers: the bulletin's picture of who leads and who trails, and of how
// much of the gap between neighbours is within the noise of a small sample.
import { rankingAxis, SCORE_AXIS, type AxisScale } from './ranking-axis.js';
import {
  coord,
  escapeXml,
  niceTicks,
  safeId,
  scaleLinear,
  svgOpen,
  textWidthEm,
  truncate,
  twoDecimals,
} from './svg.js';
import { INSUFFICIENT_LABEL } from '../../core/wording/samples.js';

export interface RankingBarRow {
  label: string;
  /** null: too few interviews (or none); drawn greyed at the bottom, or left out. */
  value: number | null;
  lo: number | null;
  hi: number | null;
  /** 红榜 (top) or 黑榜 (bottom): red, or black-grey and hatched, so the difference survives a grayscale printer. */
  highlight?: 'top' | 'bottom';
}

export interface RankingBarsOptions {
  /** Unique on the page: ids inside inline SVGs are shared by the whole document. */
  id: string;
  /** The chart's accessible name. */
  title: string;
  /** Axis range; by default the ranking axis rule (ranking-axis.ts) on `scale` (bars start at its lower end). */
  domain?: [number, number];
  /** The scale the default axis is drawn on; scores 0–100 by default. */
  scale?: AxisScale;
  format?: (value: number) => string;
  /** Unit written after the axis, e.g. "分". */
  axisLabel?: string;
  /** Rows without a value: greyed at the bottom (default) or left out. */
  insufficient?: 'grey' | 'omit';
  insufficientText?: string;
}

const WIDTH = 720;
const ROW = 22;
const BAR = 13;
const LEGEND = 26;
const AXIS = 34;
const VALUE_COLUMN = 62;
const FONT_PX = 12;

/** Bar colours of every ranking picture: plain units blue-grey, 红榜 red, 黑榜 black-grey (with hatching, below). */
export const RANKING_FILL = { normal: '#9db4cc', top: '#b3261e', bottom: '#5f6368' } as const;
export const RANKING_STROKE = { normal: '#6f8ba8', top: '#7f1a14', bottom: '#000000' } as const;

/** Sorted copy: highest value first, rows without a value last, input order kept between equals. */
export function sortRankingRows<T extends RankingBarRow>(rows: readonly T[]): T[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      if (a.row.value === null || b.row.value === null) {
        if (a.row.value === b.row.value) return a.index - b.index;
        return a.row.value === null ? 1 : -1;
      }
      return b.row.value - a.row.value || a.index - b.index;
    })
    .map((x) => x.row);
}

function legend(id: string, x: number, hasTop: boolean, hasBottom: boolean): string {
  const parts: string[] = [];
  let cx = x;
  const item = (swatch: string, text: string): void => {
    parts.push(`${swatch}<text x="${coord(cx + 20)}" y="16">${escapeXml(text)}</text>`);
    cx += 20 + textWidthEm(text) * FONT_PX + 18;
  };
  if (hasTop) item(`<rect x="${coord(cx)}" y="6" width="14" height="12" fill="${RANKING_FILL.top}"/>`, '红榜');
  if (hasBottom) item(`<rect x="${coord(cx)}" y="6" width="14" height="12" fill="url(#${id}-hatch)" stroke="#000"/>`, '黑榜');
  item(
    `<path d="M${coord(cx + 1)} 12H${coord(cx + 13)}M${coord(cx + 1)} 7V17M${coord(cx + 13)} 7V17" stroke="#000" stroke-width="1.5" fill="none"/>`,
    '95% 区间',
  );
  return `<g class="legend" fill="#333">${parts.join('')}</g>`;
}

/** Where everything goes: the label column, the bars' horizontal scale, and the rows' vertical extent. */
interface RankingLayout {
  labelWidth: number;
  /** Labels longer than this many characters are shortened to fit their column. */
  maxChars: number;
  /** Start and end of the plot, in pixels: the axis range maps onto [x0, x1]. */
  x0: number;
  x1: number;
  x: (value: number) => number;
  top: number;
  plotBottom: number;
  height: number;
  ticks: number[];
}

function rankingLayout(shown: RankingBarRow[], [d0, d1]: [number, number]): RankingLayout {
  const longest = Math.max(4, ...shown.map((r) => textWidthEm(r.label)));
  const labelWidth = Math.min(200, Math.max(80, longest * FONT_PX + 10));
  const x0 = labelWidth + 6;
  const x1 = WIDTH - VALUE_COLUMN - 8;
  const top = LEGEND + 4;
  const plotBottom = top + Math.max(1, shown.length) * ROW;
  return {
    labelWidth,
    maxChars: Math.floor((labelWidth - 10) / FONT_PX),
    x0,
    x1,
    x: scaleLinear(d0, d1, x0, x1),
    top,
    plotBottom,
    height: plotBottom + AXIS,
    ticks: niceTicks(d0, d1, 6),
  };
}

/** The chart's text alternative: how many units are ranked, and how many are not for want of a sample. */
function rankingDescription(shown: RankingBarRow[], valued: RankingBarRow[]): string {
  return valued.length === 0
    ? '没有可排名的单位。'
    : `${valued.length} 个单位按得分从高到低排列，横线为 95% 区间` +
        (shown.length > valued.length ? `；${shown.length - valued.length} 个单位${INSUFFICIENT_LABEL}，不排名` : '') +
        '。';
}

/** The diagonal hatching of 黑榜 bars (black on grey), which stays distinct from the solid red 红榜 bars in grayscale. */
export function hatchPattern(id: string, size = 6): string {
  return (
    `<defs><pattern id="${id}-hatch" width="${size}" height="${size}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="${size}" height="${size}" fill="${RANKING_FILL.bottom}"/>` +
    `<line x1="0" y1="0" x2="0" y2="${size}" stroke="#000" stroke-width="${coord(size / 3)}"/></pattern></defs>`
  );
}

/** Grid lines and the axis, drawn first so the bars lie over them. */
function axisUnderBars({ x, x0, x1, top, plotBottom, ticks }: RankingLayout, axisLabel: string | undefined): string {
  const out: string[] = ['<g class="axis" stroke="#d0d5db" stroke-width="1">'];
  for (const tick of ticks) out.push(`<line x1="${coord(x(tick))}" y1="${top}" x2="${coord(x(tick))}" y2="${plotBottom}"/>`);
  out.push(`<line x1="${x0}" y1="${plotBottom}" x2="${x1}" y2="${plotBottom}" stroke="#555"/>`);
  out.push('</g><g class="ticks" fill="#444" text-anchor="middle">');
  for (const tick of ticks) out.push(`<text x="${coord(x(tick))}" y="${plotBottom + 15}">${escapeXml(String(tick))}</text>`);
  out.push('</g>');
  if (axisLabel) {
    out.push(`<text x="${x1}" y="${plotBottom + 30}" text-anchor="end" fill="#444">${escapeXml(axisLabel)}</text>`);
  }
  return out.join('');
}

/** A unit without a score: its label and the note, greyed, with no bar. */
function insufficientRow(row: RankingBarRow, cy: number, layout: RankingLayout, note: string): string {
  const label = escapeXml(truncate(row.label, layout.maxChars));
  return (
    `<g class="row insufficient" fill="#888"><title>${escapeXml(row.label)}：${note}</title>` +
    `<text x="${layout.labelWidth}" y="${coord(cy + 4)}" text-anchor="end">${label}</text>` +
    `<text x="${layout.x0 + 4}" y="${coord(cy + 4)}" font-style="italic">${note}</text></g>`
  );
}

/** A ranked unit: label, bar from the axis start, interval whisker when known, and the score at the right. */
function valuedRow(row: RankingBarRow, value: number, cy: number, layout: RankingLayout, id: string, format: (value: number) => string): string {
  const { x, x0, labelWidth } = layout;
  const label = escapeXml(truncate(row.label, layout.maxChars));
  const kind = row.highlight ?? 'normal';
  const fill = kind === 'bottom' ? `url(#${id}-hatch)` : RANKING_FILL[kind];
  const stroke = RANKING_STROKE[kind];
  const barEnd = x(value);
  const interval = row.lo !== null && row.hi !== null ? `，95% 区间 ${format(row.lo)}–${format(row.hi)}` : '';
  const out: string[] = [`<g class="row ${kind}"><title>${escapeXml(row.label)}：${escapeXml(format(value))}${escapeXml(interval)}</title>`];
  out.push(`<text x="${labelWidth}" y="${coord(cy + 4)}" text-anchor="end" fill="#1f2328">${label}</text>`);
  out.push(
    `<rect class="bar" x="${x0}" y="${coord(cy - BAR / 2)}" width="${coord(Math.max(0, barEnd - x0))}" height="${BAR}" ` +
      `fill="${fill}" stroke="${stroke}" stroke-width="0.8"/>`,
  );
  if (row.lo !== null && row.hi !== null) {
    const wl = coord(x(row.lo));
    const wh = coord(x(row.hi));
    const d = `M${wl} ${coord(cy)}H${wh}M${wl} ${coord(cy - 5)}V${coord(cy + 5)}M${wh} ${coord(cy - 5)}V${coord(cy + 5)}`;
    out.push(`<path class="whisker" d="${d}" stroke="#000" stroke-width="1.4" fill="none" data-lo="${wl}" data-hi="${wh}"/>`);
  }
  out.push(
    `<text class="value" x="${WIDTH - 4}" y="${coord(cy + 4)}" text-anchor="end" fill="#1f2328" font-variant-numeric="tabular-nums">${escapeXml(format(value))}</text></g>`,
  );
  return out.join('');
}

/** The chart as an SVG string. Every label is escaped; the picture reads the same in colour and in grayscale. */
export function rankingBars(rows: RankingBarRow[], opts: RankingBarsOptions): string {
  const id = safeId(opts.id);
  const format = opts.format ?? twoDecimals;
  const shown = sortRankingRows(opts.insufficient === 'omit' ? rows.filter((r) => r.value !== null) : rows);
  const valued = shown.filter((r) => r.value !== null);
  const domain = opts.domain ?? rankingAxis(valued, opts.scale ?? SCORE_AXIS);
  const layout = rankingLayout(shown, domain);

  const out: string[] = [svgOpen(id, WIDTH, layout.height, opts.title, rankingDescription(shown, valued))];
  out.push(hatchPattern(id));
  out.push(legend(id, layout.x0, shown.some((r) => r.highlight === 'top'), shown.some((r) => r.highlight === 'bottom')));
  out.push(axisUnderBars(layout, opts.axisLabel));
  shown.forEach((row, i) => {
    const cy = layout.top + i * ROW + ROW / 2;
    if (row.value === null) out.push(insufficientRow(row, cy, layout, escapeXml(opts.insufficientText ?? INSUFFICIENT_LABEL)));
    else out.push(valuedRow(row, row.value, cy, layout, id, format));
  });
  if (shown.length === 0) {
    out.push(`<text x="${coord((layout.x0 + layout.x1) / 2)}" y="${layout.top + ROW / 2 + 4}" text-anchor="middle" fill="#666">暂无数据</text>`);
  }
  out.push('</svg>');
  return out.join('');
}
