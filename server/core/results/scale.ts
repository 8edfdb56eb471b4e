// Every published interval stays on its estimate's scale (docs/statistics.md#intervals): [0, 100] for scores, [0, 1]
// for rates. The one place intervals are clipped; the round results, the roster categories and the half-year summary
// all pass their intervals through it, so the page, print, Word, XLSX/CSV, image and API inherit the same bounds.
import type { MetricKind } from './metrics.js';

/** The top of a kind's scale: 100 points for a score, 1 (100%) for a rate. */
export function scaleTop(kind: MetricKind): number {
  return kind === 'rate' ? 1 : 100;
}

/** A bound moved onto [0, top]; null stays null. */
export function clipToScale(x: number | null, kind: MetricKind): number | null {
  return x === null ? null : Math.min(scaleTop(kind), Math.max(0, x));
}

/**
 * The estimate with its interval clipped to the scale. A t interval of a unit with 3 answers (t(0.975, 2) = 4.30)
 * easily passes 100; the clipped interval says what the data can say — the true score cannot exceed 100.
 */
export function onScale<E extends { lo: number | null; hi: number | null }>(e: E, kind: MetricKind): E {
  return { ...e, lo: clipToScale(e.lo, kind), hi: clipToScale(e.hi, kind) };
}
