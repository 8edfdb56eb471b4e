// China Standard Time (Asia/Shanghai): the clock every resident and staff member reads. It is UTC+8 all year (no
// daylight saving since 1991), so a fixed offset is exact and needs no time-zone database. Stored times are ISO 8601
// UTC; everything a person types or reads goes through here.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** A calendar day; month 1–12. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock time in Beijing. */
export interface CivilTime extends CivilDate {
  hour: number;
  minute: number;
  second: number;
}

/** How a typed date looks: 2026-01-31. */
export const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The Beijing wall clock at an instant. */
export function chinaParts(instant: Date): CivilTime {
  const s = new Date(instant.getTime() + CHINA_OFFSET_MS);
  return {
    year: s.getUTCFullYear(), month: s.getUTCMonth() + 1, day: s.getUTCDate(),
    hour: s.getUTCHours(), minute: s.getUTCMinutes(), second: s.getUTCSeconds(),
  };
}

/** The instant a Beijing wall-clock time names; out-of-range fields roll over as in Date.UTC (day 0 = the last day
 * of the month before). */
export function chinaInstant(t: CivilDate & Partial<CivilTime>): Date {
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour ?? 0, t.minute ?? 0, t.second ?? 0) - CHINA_OFFSET_MS);
}

/** True when the fields name a real wall-clock time (2026-02-30 and 24:00 do not). */
function exists(t: CivilTime): boolean {
  const back = chinaParts(chinaInstant(t));
  return back.year === t.year && back.month === t.month && back.day === t.day && back.hour === t.hour && back.minute === t.minute;
}

/** A typed yyyy-mm-dd that is a real calendar day, else undefined. */
export function parseChinaDate(text: string): CivilDate | undefined {
  const m = DATE_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day] = m.slice(1).map(Number);
  return exists({ year, month, day, hour: 0, minute: 0, second: 0 }) ? { year, month, day } : undefined;
}

/** A datetime-local field's value ("2026-12-01T18:30") read as Beijing time; undefined when it is not one. */
export function parseChinaLocalTime(value: string): Date | undefined {
  const m = LOCAL_TIME.exec(value.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => Number(v ?? 0));
  const t = { year, month, day, hour, minute, second };
  return exists(t) && second < 60 ? chinaInstant(t) : undefined;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** yyyy-mm-dd of a calendar day. */
export function isoDate(d: CivilDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** The Beijing calendar day of an instant, yyyy-mm-dd (00:30 on the 5th in Beijing is the 5th, not the 4th). */
export function chinaDate(instant: Date): string {
  return isoDate(chinaParts(instant));
}

/** "2026-01-31 09:05:00": Beijing time to the second. */
export function chinaDateTime(instant: Date): string {
  const t = chinaParts(instant);
  return `${isoDate(t)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/** "2026-01-31 09:05": Beijing time to the minute, as pages and exports print a stored time. */
export function chinaMinute(instant: Date): string {
  return chinaDateTime(instant).slice(0, 16);
}

/** A stored ISO time as a Date, or undefined when it cannot be read. */
export function readInstant(iso: string): Date | undefined {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** The instant a Beijing calendar day (yyyy-mm-dd, `plusDays` later) starts, as ISO; undefined for a day that does not
 * exist. */
export function chinaDayStart(date: string, plusDays = 0): string | undefined {
  const day = parseChinaDate(date);
  return day ? chinaInstant({ ...day, day: day.day + plusDays }).toISOString() : undefined;
}

/** The start of the Beijing calendar day that `instant` falls in, as ISO: "today" on progress pages. */
export function chinaDayStartOf(instant: Date): string {
  const { year, month, day } = chinaParts(instant);
  return chinaInstant({ year, month, day }).toISOString();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 2026年12月7日. */
export function chineseDateLabel(d: CivilDate): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

/** A stored ISO time as "2026-01-31 09:05:00" in Beijing time; text that is not a time is shown as it is. */
export function chinaTimestamp(iso: string): string {
  const d = readInstant(iso);
  return d ? chinaDateTime(d) : iso;
}
