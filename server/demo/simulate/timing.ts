// When simulated interviews happen: inside the round's period, in waking hours (China time), never in the future.
import type { Rng } from '../../core/stats/rng.js';
import { DAY_MS, HOUR_MS } from '../../core/time/china-time.js';
import { Period } from '../../core/time/period.js';

export interface TimeWindow {
  start: number;
  end: number;
}

const FIRST_HOUR = 8;
const LAST_HOUR = 21;

/**
 * The period's time span in epoch ms (China midnight to China midnight): `YYYY-MM` is one month, `YYYY-H1`/`YYYY-H2`
 * six. Cut at `now` when the period is under way; a period entirely in the future keeps its full span.
 */
export function periodWindow(period: string, now: Date): TimeWindow {
  const parsed = Period.parse(period);
  // Other periods (ad hoc rounds): the 30 days before now.
  if (!parsed) return { start: now.getTime() - 30 * DAY_MS, end: now.getTime() };
  const { start, end } = parsed.span();
  const cut = Math.min(end, now.getTime());
  return { start, end: cut > start ? cut : end };
}

/** A moment in the window during waking hours, China time. */
export function randomTimeIn(window: TimeWindow, rng: Rng): number {
  const days = Math.max(1, Math.ceil((window.end - window.start) / DAY_MS));
  for (let attempt = 0; attempt < 8; attempt++) {
    const day = rng.int(0, days - 1);
    const t = window.start + day * DAY_MS + (FIRST_HOUR + rng.uniform(0, LAST_HOUR - FIRST_HOUR)) * HOUR_MS;
    if (t < window.end) return Math.floor(t);
  }
  // A window shorter than a day's waking hours (the period started this morning): anywhere in it.
  return Math.floor(rng.uniform(window.start, window.end));
}

/** Month index (year·12 + month − 1) of a period's first month, for month-to-month drift; 0 when not a date period. */
export function periodMonthIndex(period: string): number {
  return Period.parse(period)?.monthIndex ?? 0;
}
