// The bulletin's charts from results: ranking bars of a level's composite scores and six-month trend lines.
import { rankingBars, type RankingBarRow } from '../../domain/charts/ranking-bars.js';
import { trendLines, type TrendSeries } from '../../domain/charts/trend-lines.js';
import { niceDomain } from '../../domain/charts/svg.js';
import type { RoundResults, UnitResult } from '../../domain/results/types.js';
import { metric, type MetricMeta } from './numbers.js';

/** A chart ready for the page: the SVG (built by domain/charts, every label escaped) and a caption. */
export interface ChartView {
  svg: string;
  caption: string;
}

function domainFor(kind: MetricMeta['kind'], values: number[]): [number, number] {
  return kind === 'rate' ? niceDomain(values, [0, 1], 0.05) : niceDomain(values, [0, 100], 5);
}

function measured(u: UnitResult | undefined): u is UnitResult & { composite: { value: number } } {
  return u !== undefined && !u.insufficient && u.n > 0 && u.composite.value !== null;
}

export function rankingChart(
  id: string,
  title: string,
  units: UnitResult[],
  composite: MetricMeta,
  honours: { top: ReadonlySet<string>; bottom: ReadonlySet<string> },
  labelOf: (u: UnitResult) => string = (u) => u.name,
): ChartView {
  const rows: RankingBarRow[] = units.map((u) => {
    const ok = measured(u);
    return {
      label: labelOf(u),
      value: ok ? u.composite.value : null,
      lo: ok ? u.composite.lo : null,
      hi: ok ? u.composite.hi : null,
      highlight: honours.top.has(u.code) ? 'top' : honours.bottom.has(u.code) ? 'bottom' : undefined,
    };
  });
  const values = rows.flatMap((r) => [r.value, r.lo, r.hi]).filter((v): v is number => v !== null);
  const domain = domainFor(composite.kind, values);
  const format = (v: number): string => metric(v, composite.kind);
  const svg = rankingBars(rows, { id, title, domain, format, axisLabel: composite.kind === 'rate' ? '' : '分' });
  const start = domain[0] > 0 ? `横轴自 ${format(domain[0])} 起，便于比较；` : '';
  return { svg, caption: `${title}。${start}横线为 95% 区间，区间相互重叠的单位差别可能只是抽样误差。` };
}

export interface TrendUnit {
  code: string;
  label: string;
  emphasis?: boolean;
}

/** The composite of each unit in each round of the series (null when not measured or too few interviews). */
export function trendSeries(series: RoundResults[], units: TrendUnit[]): TrendSeries[] {
  return units.map((unit) => ({
    label: unit.label,
    emphasis: unit.emphasis,
    points: series.map((r) => {
      const u = r.units[unit.code];
      return { period: r.period, value: measured(u) ? u.composite.value : null };
    }),
  }));
}

export function trendChart(id: string, title: string, series: RoundResults[], units: TrendUnit[], composite: MetricMeta): ChartView {
  const lines = trendSeries(series, units);
  const values = lines.flatMap((s) => s.points.map((p) => p.value)).filter((v): v is number => v !== null);
  const svg = trendLines(lines, {
    id,
    title,
    periods: series.map((r) => r.period),
    domain: domainFor(composite.kind, values),
    format: (v) => metric(v, composite.kind),
  });
  return { svg, caption: `${title}。缺月或样本不足的月份不画点，折线在此断开。` };
}
