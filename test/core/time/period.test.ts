// The period value type on plain values: months and half years, their names, what lies in what, and texts that are
// not periods.
import t from 'tap';
import { isMonthPeriod, Period, periodLabel } from '../../../server/core/time/period.js';

function p(text: string): Period {
  const period = Period.parse(text);
  if (!period) throw new Error(`not a period: ${text}`);
  return period;
}

t.test('reading and writing periods', async (t) => {
  t.equal(p('2026-11').toString(), '2026-11');
  t.equal(p('2026-H2').toString(), '2026-H2');
  t.equal(p('2026-01').kind, 'month');
  t.equal(p('2026-H1').kind, 'half');
  for (const bad of ['2026-13', '2026-00', '2026-1', '2026-H3', '2026-H0', '26-11', '2026-11 ', '专项', ''])
    t.equal(Period.parse(bad), undefined, bad);
  t.ok(isMonthPeriod('2026-12'));
  t.notOk(isMonthPeriod('2026-H2'));
  t.notOk(isMonthPeriod('2026-12-01'));
});

t.test('the Chinese names of periods', async (t) => {
  t.equal(periodLabel('2025-03'), '2025年3月');
  t.equal(periodLabel('2025-12'), '2025年12月');
  t.equal(periodLabel('2025-H1'), '2025年上半年');
  t.equal(periodLabel('2025-H2'), '2025年下半年');
  t.equal(periodLabel('专项-春节'), '专项-春节', 'any other period as it is');
  t.equal(periodLabel('2025-13'), '2025-13');
});

t.test('half years and what they contain', async (t) => {
  t.equal(p('2026-06').halfYear().toString(), '2026-H1');
  t.equal(p('2026-07').halfYear().toString(), '2026-H2');
  t.equal(p('2026-H2').halfYear().toString(), '2026-H2');
  t.ok(p('2026-H2').contains(p('2026-07')));
  t.ok(p('2026-H2').contains(p('2026-12')));
  t.notOk(p('2026-H2').contains(p('2026-06')));
  t.notOk(p('2026-H2').contains(p('2027-01')));
  t.notOk(p('2026-H1').contains(p('2025-01')), 'another year');
  t.ok(p('2026-H1').contains(p('2026-H1')));
  t.ok(p('2026-05').contains(p('2026-05')));
  t.notOk(p('2026-05').contains(p('2026-H1')), 'a month does not contain its half year');
  t.ok(p('2026-H1').equals(p('2026-03').halfYear()));
});

t.test('months count on across year ends', async (t) => {
  t.equal(p('2026-12').plusMonths(1).toString(), '2027-01');
  t.equal(p('2026-01').plusMonths(-1).toString(), '2025-12');
  t.equal(p('2026-03').plusMonths(-15).toString(), '2024-12');
  t.equal(p('2026-10').monthIndex + 1, p('2026-11').monthIndex);
  t.equal(p('2026-12').monthIndex + 1, p('2027-01').monthIndex);
  t.equal(p('2026-H2').monthIndex, p('2026-07').monthIndex);
  t.throws(() => p('2026-H2').plusMonths(1));
});

t.test('a period runs from Beijing midnight to Beijing midnight', async (t) => {
  const month = p('2026-02').span();
  t.equal(new Date(month.start).toISOString(), '2026-01-31T16:00:00.000Z');
  t.equal(new Date(month.end).toISOString(), '2026-02-28T16:00:00.000Z');
  const half = p('2026-H2').span();
  t.equal(new Date(half.start).toISOString(), '2026-06-30T16:00:00.000Z');
  t.equal(new Date(half.end).toISOString(), '2026-12-31T16:00:00.000Z');
  t.same(p('2024-02').lastDay(), { year: 2024, month: 2, day: 29 });
  t.same(p('2025-H1').lastDay(), { year: 2025, month: 6, day: 30 });
  t.same(p('2025-H2').lastDay(), { year: 2025, month: 12, day: 31 });
});

t.test('the month of an instant is the Beijing month', async (t) => {
  t.equal(Period.monthOf(new Date('2026-11-30T15:59:59Z')).toString(), '2026-11');
  t.equal(Period.monthOf(new Date('2026-11-30T16:00:00Z')).toString(), '2026-12', 'already December in Beijing');
  t.equal(Period.monthOf(new Date('2026-12-31T16:00:00Z')).toString(), '2027-01');
});
