// Numbers as the bulletin prints them: the field's own formats (scores 91.61, rates 87.3%, ranks ↑2/↓1) from the
// statistics module, made safe for missing values so a page never shows NaN or "null".
import { formatRankChange, formatRate, formatScore } from '../../../core/stats/format.js';
import type { Estimate } from '../../../core/results/types.js';
import { Period, periodLabel } from '../../../core/time/period.js';
import type { MetricKind } from '../../../core/results/metrics.js';

/** "2026-10" → "2026年10月", "2026-H1" → "2026年上半年". */
export { periodLabel };

export const DASH = '—';

/** What kind of number a metric is (decided in core/results/metrics.ts, which the exports and the API follow). */
export type { MetricKind, MetricMeta } from '../../../core/results/metrics.js';
export { surveyMetrics } from '../../../core/results/metrics.js';

export function score(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : formatScore(value);
}

export function rate(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? DASH : formatRate(value);
}

export function metric(value: number | null | undefined, kind: MetricKind): string {
  return kind === 'rate' ? rate(value) : score(value);
}

/** "+1.25" / "-0.50" / "0.00" for scores; "+2.1个百分点" for rates. */
export function signedChange(value: number | null | undefined, kind: MetricKind): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  if (kind === 'rate') {
    const points = Math.round(value * 1000) / 10;
    return `${points > 0 ? '+' : ''}${points.toFixed(1)}个百分点`;
  }
  const rounded = formatScore(Math.abs(value));
  if (rounded === formatScore(0)) return rounded;
  return `${value > 0 ? '+' : '-'}${rounded}`;
}

export function rankChange(value: number | null | undefined): string {
  return value === null || value === undefined ? DASH : formatRankChange(value);
}

/** 'up', 'down' or '' — a class for colouring a change (the arrow or sign carries it in print). */
export function direction(value: number | null | undefined, epsilon = 0.005): 'up' | 'down' | '' {
  if (value === null || value === undefined || !Number.isFinite(value) || Math.abs(value) < epsilon) return '';
  return value > 0 ? 'up' : 'down';
}

/** "88.12–92.30": the 95% interval, or a dash when there is none. */
export function interval(e: Estimate | null | undefined, kind: MetricKind): string {
  if (!e || e.lo === null || e.hi === null) return DASH;
  return `${metric(e.lo, kind)}–${metric(e.hi, kind)}`;
}

/** "2026年5月—10月" or across a year "2025年11月—2026年4月". */
export function periodRangeLabel(first: string, last: string): string {
  if (first === last) return periodLabel(first);
  const a = Period.parse(first);
  const b = Period.parse(last);
  if (a?.kind === 'month' && b?.kind === 'month' && a.year === b.year) return `${a.label()}—${b.index}月`;
  return `${periodLabel(first)}—${periodLabel(last)}`;
}
