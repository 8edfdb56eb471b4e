// Six-month trend lines: one line per unit across the rounds, broken where a month has no score (no round, or too few
// interviews) rather than drawn across the gap as if the month had been measured.
import { Period } from '../../core/time/period.js';
import { coord, escapeXml, niceDomain, niceTicks, safeId, scaleLinear, svgOpen, truncate, twoDecimals } from './svg.js';

export interface TrendPoint {
  period: string;
  value: number | null;
}

export interface TrendSeries {
  label: string;
  points: TrendPoint[];
  /** Drawn thick and black (e.g. the whole district against its townships). */
  emphasis?: boolean;
}

export interface TrendLinesOptions {
  /** Unique on the page: ids inside inline SVGs are shared by the whole document. */
  id: string;
  title: string;
  /** The x axis in order; by default every period of every series, sorted. */
  periods?: string[];
  domain?: [number, number];
  format?: (value: number) => string;
  formatPeriod?: (period: string) => string;
}

const WIDTH = 720;
const PLOT_HEIGHT = 240;
const LEFT = 52;
const RIGHT = 24;
const TOP = 14;
const X_AXIS = 30;
const LEGEND_ROW = 20;
const LEGEND_COLUMN = 176;
const FONT_PX = 12;

// Colours that stay apart in print; dashes and marker shapes carry the difference when colour is lost.
const COLOURS = ['#0b5cad', '#b3261e', '#2e7d32', '#6a1b9a', '#c77700', '#00838f', '#5d4037', '#455a64', '#ad1457'];
const DASHES = ['', '6 3', '2 3', '9 3 2 3', '12 4'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;
type Marker = (typeof MARKERS)[number];

interface Style {
  colour: string;
  dash: string;
  marker: Marker;
  width: number;
}

function styleOf(series: TrendSeries, index: number): Style {
  if (series.emphasis) return { colour: '#000', dash: '', marker: 'circle', width: 3 };
  return {
    colour: COLOURS[index % COLOURS.length],
    dash: DASHES[index % DASHES.length],
    marker: MARKERS[index % MARKERS.length],
    width: 1.8,
  };
}

function marker(shape: Marker, cx: number, cy: number, colour: string, title: string): string {
  const t = `<title>${escapeXml(title)}</title>`;
  const paint = `fill="${colour}" stroke="#fff" stroke-width="0.8"`;
  switch (shape) {
    case 'circle':
      return `<circle cx="${coord(cx)}" cy="${coord(cy)}" r="3.6" ${paint}>${t}</circle>`;
    case 'square':
      return `<rect x="${coord(cx - 3.4)}" y="${coord(cy - 3.4)}" width="6.8" height="6.8" ${paint}>${t}</rect>`;
    case 'triangle':
      return `<path d="M${coord(cx)} ${coord(cy - 4.4)}L${coord(cx + 4.2)} ${coord(cy + 3.2)}H${coord(cx - 4.2)}Z" ${paint}>${t}</path>`;
    case 'diamond':
      return `<path d="M${coord(cx)} ${coord(cy - 4.6)}L${coord(cx + 4.2)} ${coord(cy)}L${coord(cx)} ${coord(cy + 4.6)}L${coord(cx - 4.2)} ${coord(cy)}Z" ${paint}>${t}</path>`;
  }
}

/** "2026-05" → "5月", with the year on the first month and on every January. */
export function monthLabel(period: string, index: number): string {
  const month = Period.parse(period);
  if (month?.kind !== 'month') return period;
  return index === 0 || month.index === 1 ? month.label() : `${month.index}月`;
}

/** Runs of consecutive points that have a value: each becomes one polyline, so a missing month leaves a gap. */
function runs(values: Array<number | null>): Array<Array<{ i: number; v: number }>> {
  const out: Array<Array<{ i: number; v: number }>> = [];
  let current: Array<{ i: number; v: number }> = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) out.push(current);
      current = [];
    } else current.push({ i, v });
  });
  if (current.length) out.push(current);
  return out;
}

/** The chart's geometry and formats, shared by the axes, the lines and the legend. */
interface TrendFrame {
  periods: string[];
  format: (value: number) => string;
  formatPeriod: (period: string) => string;
  /** Legend entries per row. */
  perRow: number;
  plotBottom: number;
  height: number;
  /** Right end of the plot. */
  x1: number;
  /** Horizontal position of the i-th period. */
  xAt: (i: number) => number;
  y: (value: number) => number;
  ticks: number[];
}

function trendFrame(series: TrendSeries[], periods: string[], [d0, d1]: [number, number], opts: TrendLinesOptions): TrendFrame {
  const perRow = Math.max(1, Math.floor((WIDTH - LEFT) / LEGEND_COLUMN));
  const legendRows = Math.ceil(series.length / perRow);
  const plotBottom = TOP + PLOT_HEIGHT;
  const x1 = WIDTH - RIGHT;
  const step = periods.length > 1 ? (x1 - LEFT - 20) / (periods.length - 1) : 0;
  return {
    periods,
    format: opts.format ?? twoDecimals,
    formatPeriod: opts.formatPeriod ?? ((p: string) => monthLabel(p, periods.indexOf(p))),
    perRow,
    plotBottom,
    height: plotBottom + X_AXIS + legendRows * LEGEND_ROW + 6,
    x1,
    // A single period sits in the middle rather than at the left edge.
    xAt: (i) => (periods.length > 1 ? LEFT + 10 + i * step : (LEFT + x1) / 2),
    y: scaleLinear(d0, d1, plotBottom, TOP),
    ticks: niceTicks(d0, d1, 5),
  };
}

/** The chart's text alternative: how many lines over which months, and that gaps are missing months. */
function trendDescription(seriesCount: number, periods: string[], hasValues: boolean): string {
  return !hasValues
    ? '没有可画的数据。'
    : `${seriesCount} 条折线，${periods.length} 个月（${periods.map((p, i) => monthLabel(p, i)).join('、')}）；缺月或样本不足处断开。`;
}

/** Horizontal grid lines at the value ticks, the x axis, and both axes' labels. */
function trendAxes({ ticks, y, x1, plotBottom, periods, xAt, formatPeriod }: TrendFrame): string {
  const out: string[] = ['<g class="axis" stroke="#d0d5db" stroke-width="1">'];
  for (const tick of ticks) out.push(`<line x1="${LEFT}" y1="${coord(y(tick))}" x2="${x1}" y2="${coord(y(tick))}"/>`);
  out.push(`<line x1="${LEFT}" y1="${plotBottom}" x2="${x1}" y2="${plotBottom}" stroke="#555"/></g>`);
  out.push('<g class="ticks" fill="#444">');
  for (const tick of ticks) {
    out.push(`<text x="${LEFT - 6}" y="${coord(y(tick) + 4)}" text-anchor="end">${escapeXml(String(tick))}</text>`);
  }
  periods.forEach((p, i) => {
    out.push(`<text x="${coord(xAt(i))}" y="${plotBottom + 18}" text-anchor="middle">${escapeXml(formatPeriod(p))}</text>`);
  });
  out.push('</g>');
  return out.join('');
}

/** One series: a polyline per run of measured months, and a marker (with its value as tooltip) on every month. */
function seriesLines(s: TrendSeries, style: Style, values: Array<number | null>, frame: TrendFrame): string {
  const { xAt, y, periods, format, formatPeriod } = frame;
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const out: string[] = [`<g class="series"><title>${escapeXml(s.label)}</title>`];
  for (const run of runs(values)) {
    if (run.length < 2) continue;
    const pts = run.map(({ i, v }) => `${coord(xAt(i))},${coord(y(v))}`).join(' ');
    out.push(`<polyline points="${pts}" fill="none" stroke="${style.colour}" stroke-width="${style.width}"${dash} stroke-linejoin="round"/>`);
  }
  values.forEach((v, i) => {
    if (v !== null) out.push(marker(style.marker, xAt(i), y(v), style.colour, `${s.label} ${formatPeriod(periods[i])}：${format(v)}`));
  });
  out.push('</g>');
  return out.join('');
}

/** The legend under the x axis: each series' line sample, marker and (shortened) label, in input order. */
function trendLegend(series: TrendSeries[], { perRow, plotBottom }: TrendFrame): string {
  const maxChars = Math.floor((LEGEND_COLUMN - 40) / FONT_PX);
  const out: string[] = ['<g class="legend" fill="#1f2328">'];
  series.forEach((s, i) => {
    const style = styleOf(s, i);
    const lx = LEFT + (i % perRow) * LEGEND_COLUMN;
    const ly = plotBottom + X_AXIS + Math.floor(i / perRow) * LEGEND_ROW + 10;
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    const text = truncate(s.label, maxChars);
    out.push(
      `<g><title>${escapeXml(s.label)}</title><line x1="${lx}" y1="${ly}" x2="${lx + 26}" y2="${ly}" stroke="${style.colour}" stroke-width="${style.width}"${dash}/>` +
        marker(style.marker, lx + 13, ly, style.colour, s.label) +
        `<text x="${lx + 32}" y="${ly + 4}">${escapeXml(text)}</text></g>`,
    );
  });
  out.push('</g>');
  return out.join('');
}

/** The chart as an SVG string: lines with gaps for missing months, a legend, both axes. Every label is escaped. */
export function trendLines(series: TrendSeries[], opts: TrendLinesOptions): string {
  const id = safeId(opts.id);
  const periods = opts.periods ?? [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort();
  const grid = series.map((s) => periods.map((p) => s.points.find((pt) => pt.period === p)?.value ?? null));
  const allValues = grid.flat().filter((v): v is number => v !== null);
  const frame = trendFrame(series, periods, opts.domain ?? niceDomain(allValues), opts);

  const out: string[] = [svgOpen(id, WIDTH, frame.height, opts.title, trendDescription(series.length, periods, allValues.length > 0))];
  out.push(trendAxes(frame));
  // Emphasised series last, so they are drawn on top.
  const order = series.map((s, i) => i).sort((a, b) => Number(Boolean(series[a].emphasis)) - Number(Boolean(series[b].emphasis)));
  for (const si of order) out.push(seriesLines(series[si], styleOf(series[si], si), grid[si], frame));
  if (allValues.length === 0) {
    out.push(`<text x="${coord((LEFT + frame.x1) / 2)}" y="${coord(TOP + PLOT_HEIGHT / 2)}" text-anchor="middle" fill="#666">暂无数据</text>`);
  }
  out.push(trendLegend(series, frame));
  out.push('</svg>');
  return out.join('');
}
