// The per-account login delay: five free tries, then 2, 4, 8 … seconds, at most 15 minutes.
import t from 'tap';
import { loginAddressKey, loginDelaySeconds, loginWaitMessage, loginWaitSeconds, secondsUntilNextLogin } from '../../../../server/features/accounts/core/login-throttle.js';

t.test('the delay grows after five failures and is capped', async (t) => {
  t.same([0, 1, 4, 5, 6, 7, 8].map(loginDelaySeconds), [0, 0, 0, 2, 4, 8, 16]);
  t.equal(loginDelaySeconds(40), 900);
});

t.test('seconds still to wait count from the last attempt', async (t) => {
  const lastAt = '2026-12-01T10:00:00.000Z';
  t.equal(secondsUntilNextLogin(undefined, new Date(lastAt)), 0);
  t.equal(secondsUntilNextLogin({ failures: 4, lastAt }, new Date(lastAt)), 0);
  t.equal(secondsUntilNextLogin({ failures: 7, lastAt }, new Date('2026-12-01T10:00:03.500Z')), 5);
  t.equal(secondsUntilNextLogin({ failures: 7, lastAt }, new Date('2026-12-01T10:00:08.000Z')), 0);
  t.match(loginWaitMessage(5), '请 5 秒后再试');
  t.match(loginWaitMessage(900), '请 15 分钟后再试');
});

t.test('the address a login counts against: IPv4 as it is, IPv6 by its /64', async (t) => {
  t.equal(loginAddressKey('203.0.113.7'), '203.0.113.7');
  t.equal(loginAddressKey('::ffff:203.0.113.7'), '203.0.113.7');
  t.equal(loginAddressKey('2001:db8:0001:2:aaaa::1'), '2001:db8:1:2::/64');
  t.equal(loginAddressKey('2001:db8::1'), '2001:db8:0:0::/64');
  t.equal(loginAddressKey('::1'), '0:0:0:0::/64');
});

t.test('the wait is the longer of the per-account-and-address and the per-address limits', async (t) => {
  const lastAt = '2026-12-01T10:00:00.000Z';
  const now = new Date(lastAt);
  t.equal(loginWaitSeconds({ pair: undefined, address: undefined }, now), 0);
  t.equal(loginWaitSeconds({ pair: { failures: 6, lastAt }, address: { failures: 6, lastAt } }, now), 4);
  t.equal(loginWaitSeconds({ pair: undefined, address: { failures: 19, lastAt } }, now), 0, 'nineteen failures spread over usernames are free');
  t.equal(loginWaitSeconds({ pair: { failures: 1, lastAt }, address: { failures: 22, lastAt } }, now), 8);
});
