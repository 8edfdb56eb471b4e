// The bulletin's charts from its content: ranking bars of a level's composite scores, the months' trend lines, and
// the ranking image for work groups. Every ranking is drawn on the one axis rule of outputs/charts/ranking-axis.ts.
import { modelNoteFor } from '../core/model-ranking.js';
import { rankingBars, type RankingBarRow } from '../../../outputs/charts/ranking-bars.js';
import { rankingImage, type RankingImageRow } from '../../../outputs/charts/ranking-image.js';
import { rankingAxis, RATE_AXIS, SCORE_AXIS, type AxisScale } from '../../../outputs/charts/ranking-axis.js';
import { trendLines } from '../../../outputs/charts/trend-lines.js';
import { niceDomain } from '../../../outputs/charts/svg.js';
import type { BulletinContent, RankedLine, TrendContent, UnitTableContent } from '../core/content-types.js';
import type { MetricMeta } from '../../../core/results/metrics.js';
import { periodLabel } from '../../../core/time/period.js';
import { chinaMinute, readInstant } from '../../../core/time/china-time.js';
import { ROUND_KIND_LABELS } from '../../../core/rounds/round.js';
import { metric } from './numbers.js';

/** A chart ready for the page: the SVG (built by outputs/charts, every label escaped), a caption, and the link to the
 * same ranking as a PNG for work groups (ranking charts only). */
export interface ChartView {
  svg: string;
  caption: string;
  png?: string | null;
}

function scaleOf(kind: MetricMeta['kind']): AxisScale {
  return kind === 'rate' ? RATE_AXIS : SCORE_AXIS;
}

/** A unit's bar: its direct estimate, or its small-area estimate and interval where the level is ranked by the model
 * (so the bars of a ranking always follow its order). */
function barRow(u: RankedLine, model = false): RankingBarRow {
  const estimate = model && u.composite.smallArea ? u.composite.smallArea : u.composite;
  const ok = u.reportable && estimate.value !== null;
  return {
    label: u.name,
    value: ok ? estimate.value : null,
    lo: ok ? estimate.lo : null,
    hi: ok ? estimate.hi : null,
    highlight: u.honour ?? undefined,
  };
}

export function rankingChart(id: string, title: string, lines: RankedLine[], composite: MetricMeta, png: string | null = null, model = false): ChartView {
  const rows = lines.map((u) => barRow(u, model));
  const domain = rankingAxis(rows, scaleOf(composite.kind));
  const format = (v: number): string => metric(v, composite.kind);
  const svg = rankingBars(rows, { id, title, domain, format, axisLabel: composite.kind === 'rate' ? '' : '分' });
  const start = domain[0] > 0 ? `横轴自 ${domain[0]} 起（各排名图同一规则：区间下端以下最近的整十），便于比较；` : '';
  return { svg, caption: `${title}。${start}横线为 95% 区间，区间相互重叠的单位差别可能只是抽样误差。`, png };
}

/** The address of a ranked table's image: the bulletin's round and unit, and the level the table ranks. */
export function rankingPngHref(roundCode: string, unitCode: string, level: string): string {
  return `/rounds/${encodeURIComponent(roundCode)}/ranking.png?unit=${encodeURIComponent(unitCode)}&level=${encodeURIComponent(level)}`;
}

/** Which ranked table of the page a ranking image shows: the level below the unit by default, or the one asked for. */
export function rankedTableOf(content: BulletinContent, level: string | undefined): UnitTableContent | null {
  const tables = [content.children, content.villages].filter((t): t is UnitTableContent => t !== null);
  return level === undefined ? (tables[0] ?? null) : (tables.find((t) => t.level === level) ?? null);
}

/** "数据计算于 2026/11/01 08:00。" in China time, so a picture forwarded weeks later still says how fresh it is. */
function computedAtText(iso: string): string {
  const at = readInstant(iso);
  return at ? `数据计算于 ${chinaMinute(at).replaceAll('-', '/')}。` : '';
}

/** The ranking image (SVG, 1080 px wide) of one ranked table of a bulletin, as posted in work groups. */
export function rankingImageSvg(content: BulletinContent, table: UnitTableContent, issuingBody: string): string {
  const { composite } = content.metrics;
  const format = (v: number): string => metric(v, composite.kind);
  const showParent = table.rows.some((r) => r.parentCode !== content.unit.code);
  const model = content.smallArea?.modelLevels.includes(table.level) ?? false;
  const rows: RankingImageRow[] = table.rows.map((u) => ({
    ...barRow(u, model),
    rank: u.reportable ? u.rank : null,
    rankRange: u.rankRange,
    detail: showParent ? u.parentName : '',
  }));
  const scope = content.unit.level === 'district' && table.level === 'village' ? '全区' : content.unit.name;
  const notes = [
    ...(content.round.state === 'open' ? ['本轮民调尚在进行，以下为阶段结果，结束后以正式通报为准。'] : []),
    `名次为${content.rankScope}所有${table.levelLabel}中的名次；` +
      (rows.some((r) => r.highlight) && content.honours ? `红色为红榜、黑灰色为黑榜：${content.honours.footnote}` : '') +
      `少于 ${content.minSample} 份有效答卷的单位不排名。${computedAtText(content.computedAt)}`,
    // Villages and grids ranked by the small-area estimate say so, as the bulletin's table does.
    ...modelNoteFor(table.level, content.smallArea),
  ];
  return rankingImage(rows, {
    issuingBody,
    title: `${scope}各${table.levelLabel}${composite.name}排名`,
    subtitle: `${periodLabel(content.round.period)} · ${ROUND_KIND_LABELS[content.round.kind]} · 轮次 ${content.round.code}`,
    format,
    scale: scaleOf(composite.kind),
    notes,
  });
}

export function trendChart(id: string, title: string, trend: TrendContent, composite: MetricMeta): ChartView {
  const lines = trend.lines.map((l) => ({
    label: l.label,
    emphasis: l.emphasis || undefined,
    points: l.values.map((value, i) => ({ period: trend.periods[i], value })),
  }));
  const values = trend.lines.flatMap((l) => l.values).filter((v): v is number => v !== null);
  const domain = composite.kind === 'rate' ? niceDomain(values, [0, 1], 0.05) : niceDomain(values, [0, 100], 5);
  const svg = trendLines(lines, { id, title, periods: trend.periods, domain, format: (v) => metric(v, composite.kind) });
  return { svg, caption: `${title}。缺月或样本不足的月份不画点，折线在此断开。` };
}
