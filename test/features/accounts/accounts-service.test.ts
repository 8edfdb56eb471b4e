// The accounts service other capabilities ask: who may be handed a receipt (one rule, three ways of asking where they
// must work), and the login limit per account and address with its stale counts forgotten.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { receiptWorld } from '../../kit/receipts.js';
import { assignableStaff, clearLoginFailures, countLoginAttempt, loginWait, verifyLogin } from '../../../server/features/accounts/accounts-service.js';
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
  for (let i = 0; i < 6; i++) countLoginAttempt(repos, 'guessed', '10.0.0.1', at, null);
  t.equal(loginWait(repos, 'guessed', '10.0.0.1', at), 4, 'six failures from one address: that address waits 4 seconds');
  t.equal(loginWait(repos, 'guessed', '10.0.0.2', at), 0, 'another address does not');
  const nextDay = new Date(at.getTime() + 25 * 3600_000);
  countLoginAttempt(repos, 'someone-else', '10.0.0.1', nextDay, null);
  t.equal(repos.users.loginFailures('guessed'), undefined, 'a day later the old count is gone');
  t.equal(repos.users.pairFailures('guessed', '10.0.0.1'), undefined, 'and the one per address');
  t.equal(repos.users.loginFailures('someone-else')?.failures, 1);
});

t.test('50 failures from 50 other addresses: the owner signs in at once, the attackers stay held, one alert', async (t) => {
  const { repos } = testDb(t);
  const owner = repos.users.create({ username: 'weifa', displayName: '政法委', password: 'correct horse battery', role: 'committee', unitId: null });
  // The rules' clock: one failure a second, each from a new address, then from one attacker's address on and on.
  const start = Date.parse('2026-12-01T10:00:00.000Z');
  for (let i = 0; i < 50; i++) countLoginAttempt(repos, 'weifa', `198.51.100.${i + 1}`, new Date(start + i * 1000), '198.51.100.*');
  let clock = start + 50_000;
  for (let i = 0; i < 5; i++) countLoginAttempt(repos, 'weifa', '203.0.113.7', new Date(clock++), '203.0.113.*');
  const now = new Date(clock);
  t.equal(loginWait(repos, 'weifa', '192.0.2.10', now), 0, 'the owner from their own address may try at once (well within 5 s)');
  t.ok(await verifyLogin(repos, 'weifa', 'correct horse battery'), 'and the password is checked as ever');
  t.ok(loginWait(repos, 'weifa', '203.0.113.7', now) >= 2, 'the attacker\'s own address, five failures on, waits');
  // Held further: its next failure once allowed doubles the wait.
  countLoginAttempt(repos, 'weifa', '203.0.113.7', new Date(clock + 2000), '203.0.113.*');
  t.equal(loginWait(repos, 'weifa', '203.0.113.7', new Date(clock + 2000)), 4);
  t.equal(loginWait(repos, 'weifa', '2001:db8:1:2:aaaa::1', now), 0);

  const alerts = repos.audit.byAction('login.alert');
  t.equal(alerts.length, 1, 'one alert for the burst, not one per attempt');
  t.equal(alerts[0]?.userId, owner.id);
  t.same(JSON.parse(alerts[0]?.detail ?? 'null'), { username: 'weifa', failures: 10, addresses: 10 });
  t.notMatch(JSON.stringify(alerts), /correct horse|guess/, 'no password in the log');

  // A success clears the owner's burst; a new burst makes a new alert.
  clearLoginFailures(repos, 'weifa', '192.0.2.10');
  for (let i = 0; i < 10; i++) countLoginAttempt(repos, 'weifa', `198.51.101.${i + 1}`, new Date(clock + 10_000 + i), null);
  t.equal(repos.audit.byAction('login.alert').length, 2);
});

t.test('an address spraying many usernames is held on all of them; an IPv6 /64 counts as one address', async (t) => {
  const { repos } = testDb(t);
  const at = new Date('2026-12-01T10:00:00.000Z');
  for (let i = 0; i < 20; i++) countLoginAttempt(repos, `user${i}`, `2001:db8:1:2:${i.toString(16)}::1`, at, null);
  t.equal(loginWait(repos, 'never-tried', '2001:db8:1:2:ffff::9', at), 2, 'twenty failures from one /64: every username waits');
  t.equal(loginWait(repos, 'never-tried', '2001:db8:1:3::9', at), 0, 'the next /64 does not');
  t.same(repos.audit.byAction('login.alert'), [], 'no account saw a burst');
});
