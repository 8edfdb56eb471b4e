// The accounts service other capabilities ask: who may be handed a receipt (one rule, three ways of asking where they
// must work), and the per-account login limit with its stale counts forgotten.
import t from 'tap';
import { testDb } from '../../kit/helper.js';
import { receiptWorld } from '../../kit/receipts.js';
import { assignableStaff, countLoginAttempt, loginWait } from '../../../server/features/accounts/accounts-service.js';
import { FORGET_LOGIN_FAILURES_HOURS, forgetFailuresBefore } from '../../../server/features/accounts/core/login-throttle.js';

t.test('assignable staff: grid workers and township staff with a unit, where the caller needs them', async (t) => {
  const { repos } = testDb(t);
  const w = receiptWorld(repos);
  repos.users.create({ username: 'nounit', displayName: '无单位乡镇账号', password: 'x'.repeat(12), role: 'township', unitId: null });
  const names = (found: Array<{ username: string }>) => found.map((u) => u.username).sort();
  t.same(names(assignableStaff(repos, { responsibleFor: w.d.grids[0].id })), ['township', 'worker'], 'a grid: its worker and the township above it');
  t.same(names(assignableStaff(repos, { within: w.d.villages[0].id })), ['neighbour', 'worker'], 'a village: the workers of its grids');
  t.same(names(assignableStaff(repos, { seenBy: w.township })), ['neighbour', 'township', 'worker'], 'in a township user\'s scope');
  t.same(names(assignableStaff(repos, { seenBy: w.committee })), ['far', 'neighbour', 'township', 'township2', 'worker'], 'the committee sees all; never itself, nor an account without a unit');
});

t.test('login attempts: counted per name, and counts untouched for a day are forgotten', async (t) => {
  t.equal(FORGET_LOGIN_FAILURES_HOURS, 24);
  t.equal(forgetFailuresBefore(new Date('2026-12-02T10:00:00.000Z')).toISOString(), '2026-12-01T10:00:00.000Z');
  const { repos } = testDb(t);
  const at = new Date('2026-12-01T10:00:00.000Z');
  for (let i = 0; i < 6; i++) countLoginAttempt(repos, 'guessed', at);
  t.equal(loginWait(repos, 'guessed', at), 4, 'six failures: wait 4 seconds');
  const nextDay = new Date(at.getTime() + 25 * 3600_000);
  countLoginAttempt(repos, 'someone-else', nextDay);
  t.equal(repos.users.loginFailures('guessed'), undefined, 'a day later the old count is gone');
  t.equal(repos.users.loginFailures('someone-else')?.failures, 1);
});
