// A typed due date is a Beijing calendar day: the end of that day, refused when it does not exist, has passed or lies
// more than a year ahead.
import t from 'tap';
import { dueDateRange, parseDueDate } from '../../../../server/features/receipts/core/deadline.js';

const now = new Date('2026-03-10T02:00:00Z'); // 10:00 on 10 March in Beijing

t.test('a due date is the end of that day in Beijing', async (t) => {
  t.same(parseDueDate('2026-03-15', now), { ok: true, value: '2026-03-15T15:59:59.000Z' });
  t.same(parseDueDate('2026-03-10', now), { ok: true, value: '2026-03-10T15:59:59.000Z' }, 'today is allowed');
});

t.test('dates that do not exist are refused, not rolled into another month', async (t) => {
  t.same(parseDueDate('2026-13-15', now), { ok: false, message: '办理期限不是有效的日期' }, 'month 13 is not January');
  t.same(parseDueDate('2026-02-30', now), { ok: false, message: '办理期限不是有效的日期' });
  t.same(parseDueDate('2026/03/15', now), { ok: false, message: '办理期限格式应为 年-月-日，例如 2025-03-15' });
  t.same(parseDueDate('2026-03-09', now), { ok: false, message: '办理期限不能早于今天' });
  t.same(parseDueDate('2027-03-11', now), { ok: false, message: '办理期限不能超过一年' });
});

t.test('the date input offers Beijing today to a year ahead', async (t) => {
  t.same(dueDateRange(new Date('2026-03-09T16:30:00Z')), { min: '2026-03-10', max: '2027-03-10' }, '00:30 in Beijing is already the 10th');
});
