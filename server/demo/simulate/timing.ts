// When simulated interviews happen: inside the round's period, in waking hours (China time), never in the future.
import type { Rng } from '../../core/stats/rng.js';

export interface TimeWindow {
  start: number;
  end: number;
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;
const FIRST_HOUR = 8;
const LAST_HOUR = 21;

/**
 * The period's time span in epoch ms (China midnight to China midnight): `YYYY-MM` is one month, `YYYY-H1`/`YYYY-H2`
 * six. Cut at `now` when the period is under way; a period entirely in the future keeps its full span.
 */
export function periodWindow(period: string, now: Date): TimeWindow {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  const half = /^(\d{4})-H([12])$/.exec(period);
  let year: number;
  let first: number;
  let months: number;
  if (month) {
    [year, first, months] = [Number(month[1]), Number(month[2]) - 1, 1];
  } else if (half) {
    [year, first, months] = [Number(half[1]), half[2] === '1' ? 0 : 6, 6];
  } else {
    // Other periods (ad hoc rounds): the 30 days before now.
    return { start: now.getTime() - 30 * DAY_MS, end: now.getTime() };
  }
  const start = Date.UTC(year, first, 1) - CHINA_OFFSET_MS;
  const end = Date.UTC(year, first + months, 1) - CHINA_OFFSET_MS;
  const cut = Math.min(end, now.getTime());
  return { start, end: cut > start ? cut : end };
}

/** A moment in the window during waking hours, China time. */
export function randomTimeIn(window: TimeWindow, rng: Rng): number {
  const days = Math.max(1, Math.ceil((window.end - window.start) / DAY_MS));
  for (let attempt = 0; attempt < 8; attempt++) {
    const day = rng.int(0, days - 1);
    const t = window.start + day * DAY_MS + (FIRST_HOUR + rng.uniform(0, LAST_HOUR - FIRST_HOUR)) * 3600_000;
    if (t < window.end) return Math.floor(t);
  }
  // A window shorter than a day's waking hours (the period started this morning): anywhere in it.
  return Math.floor(rng.uniform(window.start, window.end));
}

/** Month index (year·12 + month − 1) of a period's first month, for month-to-month drift; 0 when not a date period. */
export function periodMonthIndex(period: string): number {
  const m = /^(\d{4})-(\d{2}|H[12])$/.exec(period);
  if (!m) return 0;
  const month = m[2] === 'H1' ? 1 : m[2] === 'H2' ? 7 : Number(m[2]);
  return Number(m[1]) * 12 + month - 1;
}
