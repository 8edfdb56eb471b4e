// The bulletin's charts from its content: ranking bars of a level's composite scores and the months' trend lines.
import { rankingBars, type RankingBarRow } from '../../domain/charts/ranking-bars.js';
import { trendLines } from '../../domain/charts/trend-lines.js';
import { niceDomain } from '../../domain/charts/svg.js';
import type { RankedLine, TrendContent } from '../../domain/bulletin/content-types.js';
import type { MetricMeta } from '../../domain/bulletin/metrics.js';
import { metric } from './numbers.js';

/** A chart ready for the page: the SVG (built by domain/charts, every label escaped) and a caption. */
export interface ChartView {
  svg: string;
  caption: string;
}

function domainFor(kind: MetricMeta['kind'], values: number[]): [number, number] {
  return kind === 'rate' ? niceDomain(values, [0, 1], 0.05) : niceDomain(values, [0, 100], 5);
}

export function rankingChart(id: string, title: string, lines: RankedLine[], composite: MetricMeta): ChartView {
  const rows: RankingBarRow[] = lines.map((u) => {
    const ok = u.reportable && u.composite.value !== null;
    return {
      label: u.name,
      value: ok ? u.composite.value : null,
      lo: ok ? u.composite.lo : null,
      hi: ok ? u.composite.hi : null,
      highlight: u.honour ?? undefined,
    };
  });
  const values = rows.flatMap((r) => [r.value, r.lo, r.hi]).filter((v): v is number => v !== null);
  const domain = domainFor(composite.kind, values);
  const format = (v: number): string => metric(v, composite.kind);
  const svg = rankingBars(rows, { id, title, domain, format, axisLabel: composite.kind === 'rate' ? '' : '分' });
  const start = domain[0] > 0 ? `横轴自 ${format(domain[0])} 起，便于比较；` : '';
  return { svg, caption: `${title}。${start}横线为 95% 区间，区间相互重叠的单位差别可能只是抽样误差。` };
}

export function trendChart(id: string, title: string, trend: TrendContent, composite: MetricMeta): ChartView {
  const lines = trend.lines.map((l) => ({
    label: l.label,
    emphasis: l.emphasis || undefined,
    points: l.values.map((value, i) => ({ period: trend.periods[i], value })),
  }));
  const values = trend.lines.flatMap((l) => l.values).filter((v): v is number => v !== null);
  const svg = trendLines(lines, {
    id,
    title,
    periods: trend.periods,
    domain: domainFor(composite.kind, values),
    format: (v) => metric(v, composite.kind),
  });
  return { svg, caption: `${title}。缺月或样本不足的月份不画点，折线在此断开。` };
}
