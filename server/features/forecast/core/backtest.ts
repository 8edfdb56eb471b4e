// Back-testing: the forecast made from each past round against the official result the committee entered for it.
// Error = forecast − outcome; the forecast earns trust when the errors are small and about 80% of outcomes fall
// inside the 80% ranges. Both pools are back-tested side by side, phone interviews only and every response
// (docs/statistics.md#answer-modes): the settings choose which one the forecast uses; the record shows which has earned it.

export interface BacktestRow {
  roundCode: string;
  period: string;
  outcome: number;
  outcomeRank: number | null;
  /** null when that round gives no forecast (no composite, no responses). */
  forecast: number | null;
  range80: [number, number] | null;
  error: number | null;
  inside80: boolean | null;
}

export interface BacktestSummary {
  rows: BacktestRow[];
  compared: number;
  meanError: number | null;
  meanAbsoluteError: number | null;
  shareInside80: number | null;
}

export function backtestRow(
  r: { roundCode: string; period: string; outcome: number; outcomeRank: number | null },
  forecast: { mean: number; range80: [number, number] } | null,
): BacktestRow {
  if (!forecast) return { ...r, forecast: null, range80: null, error: null, inside80: null };
  const [lo, hi] = forecast.range80;
  return { ...r, forecast: forecast.mean, range80: [lo, hi], error: forecast.mean - r.outcome, inside80: r.outcome >= lo && r.outcome <= hi };
}

export function summariseBacktest(rows: BacktestRow[]): BacktestSummary {
  const done = rows.filter((r) => r.error !== null);
  const n = done.length;
  if (n === 0) return { rows, compared: 0, meanError: null, meanAbsoluteError: null, shareInside80: null };
  let err = 0;
  let abs = 0;
  let inside = 0;
  for (const r of done) {
    err += r.error ?? 0;
    abs += Math.abs(r.error ?? 0);
    if (r.inside80) inside += 1;
  }
  return { rows, compared: n, meanError: err / n, meanAbsoluteError: abs / n, shareInside80: inside / n };
}

/** The answers a forecast pools (docs/statistics.md#answer-modes). */
export type BacktestPool = 'phone' | 'all';

export interface BacktestByPool {
  phone: BacktestSummary;
  all: BacktestSummary;
  /** Per row (the same rounds in the same order), the pool the settings had the forecast use; null when none. */
  used: Array<BacktestPool | null>;
}
