// Retry and appointment rules of 下一个号码, with plain values.
import t from 'tap';
import {
  APPOINTMENT_PAST, DEFAULT_RETRY_RULES, POOL_APPOINTMENT, POOL_FRESH, POOL_RETRY, appointmentRefusal, caseAfterOutcome,
  firstCandidate, retryRulesRefusal, type DrawCandidate,
} from '../../../../server/features/phone-interviews/core/next-number.js';
import { chinaDayStartOf as dayStart, parseChinaLocalTime as parseLocalTime } from '../../../../server/core/time/china-time.js';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const rules = { maxAttempts: 3, retryMinutes: 60 };

t.test('no answer waits the retry spacing, and the last allowed attempt closes the case', async (t) => {
  const first = caseAfterOutcome({ attempts: 0, reached: false }, 'no_answer', rules, NOW);
  t.same(first, { attempts: 1, reached: false, closed: false, pool: POOL_RETRY, nextDueAt: '2026-12-01T03:00:00.000Z' });
  const second = caseAfterOutcome(first, 'busy', rules, new Date('2026-12-01T03:05:00.000Z'));
  t.same(second, { attempts: 2, reached: false, closed: false, pool: POOL_RETRY, nextDueAt: '2026-12-01T04:05:00.000Z' });
  const third = caseAfterOutcome(second, 'no_answer', rules, new Date('2026-12-01T04:10:00.000Z'));
  t.equal(third.closed, true, 'three attempts, no more');
  t.equal(caseAfterOutcome({ attempts: 0, reached: false }, 'no_answer', { maxAttempts: 1, retryMinutes: 5 }, NOW).closed, true);
});

t.test('final outcomes close the case at once; a break-off keeps what was learnt', async (t) => {
  for (const outcome of ['complete', 'partial', 'refusal', 'invalid_number', 'suspended', 'not_eligible'] as const) {
    t.equal(caseAfterOutcome({ attempts: 0, reached: false }, outcome, rules, NOW).closed, true, outcome);
  }
  const broke = caseAfterOutcome({ attempts: 0, reached: false }, 'break_off', rules, NOW);
  t.equal(broke.closed, false);
  t.equal(broke.reached, true);
});

t.test('an appointment comes back at its time, in the appointment pool, even past the attempt limit', async (t) => {
  const at = new Date('2026-12-01T10:30:00.000Z');
  const after = caseAfterOutcome({ attempts: 2, reached: false }, 'appointment', rules, NOW, at);
  t.same(after, { attempts: 3, reached: true, closed: false, pool: POOL_APPOINTMENT, nextDueAt: at.toISOString() });
  const missed = caseAfterOutcome(after, 'no_answer', rules, at);
  t.equal(missed.closed, true, 'a missed appointment after the last attempt closes the case');
});

t.test('an appointment must be in the future', async (t) => {
  t.equal(appointmentRefusal(new Date('2026-12-01T01:59:00.000Z'), NOW), APPOINTMENT_PAST);
  t.equal(appointmentRefusal(NOW, NOW), APPOINTMENT_PAST);
  t.equal(appointmentRefusal(undefined, NOW), '请填写约访时间');
  t.equal(appointmentRefusal(new Date('2026-12-01T02:01:00.000Z'), NOW), null);
  t.match(appointmentRefusal(new Date('2027-03-01T00:00:00.000Z'), NOW), '60 天');
});

t.test('datetime-local values are China time; "today" starts at midnight China time', async (t) => {
  t.equal(parseLocalTime('2026-12-01T18:30')?.toISOString(), '2026-12-01T10:30:00.000Z');
  t.equal(parseLocalTime('2026-02-30T10:00'), undefined);
  t.equal(parseLocalTime('明天下午'), undefined);
  t.equal(dayStart(new Date('2026-12-01T15:59:00.000Z')), '2026-11-30T16:00:00.000Z');
  t.equal(dayStart(new Date('2026-12-01T16:00:00.000Z')), '2026-12-01T16:00:00.000Z');
});

t.test('retry rules are bounded', async (t) => {
  t.equal(retryRulesRefusal(DEFAULT_RETRY_RULES), null);
  t.match(retryRulesRefusal({ maxAttempts: 0, retryMinutes: 60 }), '最多拨打次数');
  t.match(retryRulesRefusal({ maxAttempts: 3, retryMinutes: 1.5 }), '重拨间隔');
  t.match(retryRulesRefusal({ maxAttempts: Number.NaN, retryMinutes: 60 }), '最多拨打次数');
});

t.test('the next case: due appointments, then retries longest waiting, then fresh numbers by random key', async (t) => {
  const c = (contactId: number, pool: DrawCandidate['pool'], nextDueAt: string, drawKey: number): DrawCandidate => ({ contactId, gridId: 1, pool, nextDueAt, drawKey });
  t.equal(firstCandidate([c(1, POOL_FRESH, '', -9e15), c(2, POOL_RETRY, '2026-12-01T01:00:00Z', 5), c(3, POOL_APPOINTMENT, '2026-12-01T01:30:00Z', 9)])?.contactId, 3);
  t.equal(firstCandidate([c(1, POOL_FRESH, '', -5), c(2, POOL_RETRY, '2026-12-01T01:00:00Z', 5), c(4, POOL_RETRY, '2026-12-01T00:00:00Z', 7)])?.contactId, 4);
  t.equal(firstCandidate([c(1, POOL_FRESH, '', 10), c(2, POOL_FRESH, '', -10)])?.contactId, 2);
  t.equal(firstCandidate([]), undefined);
});
