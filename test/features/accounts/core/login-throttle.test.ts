// The per-account login delay: five free tries, then 2, 4, 8 … seconds, at most 15 minutes.
import t from 'tap';
import { loginDelaySeconds, loginWaitMessage, secondsUntilNextLogin } from '../../../../server/features/accounts/core/login-throttle.js';

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
