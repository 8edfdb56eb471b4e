// When a handed-on receipt is due: the round's number of days after it was handed on. The committee sets the days
// per round (rounds.receipt_due_days); a week is what township staff in practice promise residents.
import { chinaDate, chinaInstant, DATE_PATTERN, DAY_MS, parseChinaDate } from '../../../core/time/china-time.js';

export const DEFAULT_DUE_DAYS = 7;
export const MIN_DUE_DAYS = 1;
export const MAX_DUE_DAYS = 90;

/** The due date `days` after `from`, as an ISO timestamp. */
export function dueDate(from: Date, days: number): string {
  return new Date(from.getTime() + days * DAY_MS).toISOString();
}

/** How far ahead a due date may lie. */
const MAX_AHEAD_DAYS = 366;

/** The days a due date may take (yyyy-mm-dd, China time): today to a year ahead, for the date input's min and max. */
export function dueDateRange(now: Date): { min: string; max: string } {
  return { min: chinaDate(now), max: chinaDate(new Date(now.getTime() + (MAX_AHEAD_DAYS - 1) * DAY_MS)) };
}

/**
 * A due date typed in a form (yyyy-mm-dd, China time): the end of that day as an ISO timestamp, or an error message.
 * It must not lie before `now`'s day: a deadline already passed is a typing mistake.
 */
export function parseDueDate(text: string, now: Date): { ok: true; value: string } | { ok: false; message: string } {
  if (!DATE_PATTERN.test(text.trim())) return { ok: false, message: '办理期限格式应为 年-月-日，例如 2025-03-15' };
  const day = parseChinaDate(text);
  if (!day) return { ok: false, message: '办理期限不是有效的日期' };
  // 23:59:59 in Beijing, the end of the day the township means.
  const date = chinaInstant({ ...day, hour: 23, minute: 59, second: 59 });
  const end = date.getTime();
  if (end < now.getTime()) return { ok: false, message: '办理期限不能早于今天' };
  if (end > now.getTime() + MAX_AHEAD_DAYS * DAY_MS) return { ok: false, message: '办理期限不能超过一年' };
  return { ok: true, value: date.toISOString() };
}
