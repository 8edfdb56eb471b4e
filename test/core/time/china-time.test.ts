// Beijing time on plain values: days that start at 16:00 UTC, instants either side of midnight in Beijing, dates and
// wall-clock times that do not exist.
import t from 'tap';
import {
  chinaDate, chinaDateTime, chinaDayStart, chinaDayStartOf, chinaInstant, chinaMinute, chinaParts, chineseDateLabel,
  DAY_MS, daysInMonth, HOUR_MS, isoDate, parseChinaDate, parseChinaLocalTime, readInstant,
} from '../../../server/core/time/china-time.js';

t.test('an instant reads on the Beijing clock, eight hours ahead of UTC', async (t) => {
  t.equal(chinaDate(new Date('2026-12-04T15:59:59Z')), '2026-12-04', 'one second before midnight in Beijing');
  t.equal(chinaDate(new Date('2026-12-04T16:00:00Z')), '2026-12-05', 'midnight in Beijing is the next day');
  t.equal(chinaDate(new Date('2026-12-31T16:30:00Z')), '2027-01-01', 'across the year end');
  t.equal(chinaDateTime(new Date('2026-01-30T16:05:00.000Z')), '2026-01-31 00:05:00');
  t.equal(chinaMinute(new Date('2026-03-05T06:07:59Z')), '2026-03-05 14:07');
  t.same(chinaParts(new Date('2026-02-28T16:00:00Z')), { year: 2026, month: 3, day: 1, hour: 0, minute: 0, second: 0 });
});

t.test('a Beijing wall-clock time names one instant', async (t) => {
  t.equal(chinaInstant({ year: 2026, month: 12, day: 1, hour: 18, minute: 30 }).toISOString(), '2026-12-01T10:30:00.000Z');
  t.equal(chinaInstant({ year: 2026, month: 1, day: 1 }).toISOString(), '2025-12-31T16:00:00.000Z');
  t.equal(chinaInstant({ year: 2026, month: 13, day: 1 }).toISOString(), '2026-12-31T16:00:00.000Z', 'month 13 rolls over');
});

t.test('typed dates: only real calendar days', async (t) => {
  t.same(parseChinaDate(' 2024-02-29 '), { year: 2024, month: 2, day: 29 }, 'a leap day');
  t.equal(parseChinaDate('2025-02-29'), undefined, 'no leap day in 2025');
  t.equal(parseChinaDate('2026-02-30'), undefined);
  t.equal(parseChinaDate('2025-13-15'), undefined, 'month 13');
  t.equal(parseChinaDate('2025-00-10'), undefined, 'month 0');
  t.equal(parseChinaDate('2025-3-15'), undefined, 'one-digit month');
  t.equal(parseChinaDate('明天'), undefined);
  t.equal(isoDate({ year: 2026, month: 3, day: 5 }), '2026-03-05');
  t.equal(chineseDateLabel({ year: 2026, month: 12, day: 7 }), '2026年12月7日');
});

t.test('datetime-local values are Beijing time', async (t) => {
  t.equal(parseChinaLocalTime('2026-12-01T18:30')?.toISOString(), '2026-12-01T10:30:00.000Z');
  t.equal(parseChinaLocalTime('2026-12-01T07:59:30')?.toISOString(), '2026-11-30T23:59:30.000Z', 'before 08:00 is the UTC day before');
  t.equal(parseChinaLocalTime('2026-02-30T10:00'), undefined);
  t.equal(parseChinaLocalTime('2026-12-01T24:00'), undefined);
  t.equal(parseChinaLocalTime('2026-12-01T10:60'), undefined);
  t.equal(parseChinaLocalTime('2026-12-01T10:00:75'), undefined);
  t.equal(parseChinaLocalTime('明天下午'), undefined);
});

t.test('where a Beijing day starts', async (t) => {
  t.equal(chinaDayStart('2026-01-31'), '2026-01-30T16:00:00.000Z');
  t.equal(chinaDayStart('2026-01-31', 1), '2026-01-31T16:00:00.000Z', 'the day after, across the month end');
  t.equal(chinaDayStart('2026-12-31', 1), '2026-12-31T16:00:00.000Z', 'across the year end');
  t.equal(chinaDayStart('2026-02-30'), undefined);
  t.equal(chinaDayStartOf(new Date('2026-12-01T15:59:00.000Z')), '2026-11-30T16:00:00.000Z');
  t.equal(chinaDayStartOf(new Date('2026-12-01T16:00:00.000Z')), '2026-12-01T16:00:00.000Z');
});

t.test('units and month lengths', async (t) => {
  t.equal(DAY_MS, 86_400_000);
  t.equal(HOUR_MS, 3_600_000);
  t.equal(daysInMonth(2024, 2), 29);
  t.equal(daysInMonth(2100, 2), 28, 'a century is no leap year');
  t.equal(daysInMonth(2026, 12), 31);
  t.equal(readInstant('not a time'), undefined);
  t.equal(readInstant('2026-01-01T00:00:00Z')?.getTime(), Date.UTC(2026, 0, 1));
});
