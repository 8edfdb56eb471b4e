// When a handed-on receipt is due: the round's number of days after it was handed on. The committee sets the days
// per round (rounds.receipt_due_days); a week is what township staff in practice promise residents.
export const DEFAULT_DUE_DAYS = 7;
export const MIN_DUE_DAYS = 1;
export const MAX_DUE_DAYS = 90;

const DAY_MS = 86_400_000;

/** The due date `days` after `from`, as an ISO timestamp. */
export function dueDate(from: Date, days: number): string {
  return new Date(from.getTime() + days * DAY_MS).toISOString();
}

const CHINA_OFFSET_MS = 8 * 3600_000;
/** How far ahead a due date may lie. */
const MAX_AHEAD_DAYS = 366;

/** The days a due date may take (yyyy-mm-dd, China time): today to a year ahead, for the date input's min and max. */
export function dueDateRange(now: Date): { min: string; max: string } {
  const day = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  return { min: day(now.getTime()), max: day(now.getTime() + (MAX_AHEAD_DAYS - 1) * DAY_MS) };
}

/**
 * A due date typed in a form (yyyy-mm-dd, China time): the end of that day as an ISO timestamp, or an error message.
 * It must not lie before `now`'s day: a deadline already passed is a typing mistake.
 */
export function parseDueDate(text: string, now: Date): { ok: true; value: string } | { ok: false; message: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!m) return { ok: false, message: '办理期限格式应为 年-月-日，例如 2025-03-15' };
  // 23:59:59 in UTC+8, the end of the day the township means.
  const end = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 15, 59, 59);
  const date = new Date(end);
  if (Number.isNaN(end) || date.getUTCDate() !== Number(m[3])) return { ok: false, message: '办理期限不是有效的日期' };
  if (end < now.getTime()) return { ok: false, message: '办理期限不能早于今天' };
  if (end > now.getTime() + MAX_AHEAD_DAYS * DAY_MS) return { ok: false, message: '办理期限不能超过一年' };
  return { ok: true, value: date.toISOString() };
}
