// The one axis rule of every ranking bar chart (the bulletin page, the Word file, the work-group image): bars start
// at the nearest ten below the lowest interval's lower end and end at the top of the scale. Charts used to start at
// 75, 50, 70 or 60 as their data fell, so the same gap looked large in one chart and small in the next.

/** A measuring scale: scores 0–100 in steps of 10, rates 0–1 in steps of 0.1. */
export interface AxisScale {
  min: number;
  /** The top of the scale; Infinity for an open scale, whose axis ends at the nearest step above the data. */
  max: number;
  step: number;
}

export const SCORE_AXIS: AxisScale = { min: 0, max: 100, step: 10 };
export const RATE_AXIS: AxisScale = { min: 0, max: 1, step: 0.1 };

export interface AxisRow {
  value: number | null;
  lo: number | null;
  hi: number | null;
}

/** k × step without binary noise (0.7, not 0.7000000000000001). */
function multiple(k: number, step: number): number {
  return Number((k * step).toPrecision(12));
}

/** The end of an open scale: the nearest step strictly above the highest value. */
function openTop(highs: number[], scale: AxisScale): number {
  if (highs.length === 0) return scale.min + 10 * scale.step;
  return multiple(Math.floor(Math.max(...highs) / scale.step + 1e-9) + 1, scale.step);
}

/**
 * The axis [start, end] of a ranking: start is the nearest step strictly below the lowest lower end of an interval
 * (a unit without an interval counts with its score), so every bar and whisker has room; the scale's minimum when
 * that is lower. End is the scale's top, or on an open scale the nearest step above the highest value.
 */
export function rankingAxis(rows: readonly AxisRow[], scale: AxisScale = SCORE_AXIS): [number, number] {
  const lows = rows.flatMap((r) => (r.value === null ? [] : [r.lo ?? r.value])).filter(Number.isFinite);
  const highs = rows.flatMap((r) => (r.value === null ? [] : [r.hi ?? r.value])).filter(Number.isFinite);
  const top = Number.isFinite(scale.max) ? scale.max : openTop(highs, scale);
  if (lows.length === 0) return [scale.min, top];
  // The 1e-9 keeps a bound that is itself a multiple (70, or 0.7 stored as 0.69999…) on its own step before going one below.
  const start = multiple(Math.ceil(Math.min(...lows) / scale.step - 1e-9) - 1, scale.step);
  const from = Math.max(scale.min, start);
  return [from, Math.max(top, from + scale.step)];
}
