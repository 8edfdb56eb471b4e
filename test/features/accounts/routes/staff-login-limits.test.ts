// The per-account login limit beside the per-address one, and which address counts behind a proxy.
import t from 'tap';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { build, formBody, tokenIn } from '../../../kit/app.js';

const admin = { username: 'admin', displayName: '管理员', password: 'correct horse battery', role: 'admin' as const, unitId: null };

/** One browser at one address: reads the login page, posts the form. */
async function attempt(
  app: FastifyInstance,
  password: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
  username = 'admin',
): Promise<LightMyRequestResponse> {
  const page = await app.inject({ method: 'GET', url: '/login', remoteAddress, headers });
  const cookies = Object.fromEntries(page.cookies.map((c) => [c.name, c.value]));
  return app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress,
    cookies,
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ _csrf: tokenIn(page.body), username, password }),
  });
}

// Before: five failures from anywhere held the account for everyone, doubling to 15 minutes, so anybody who knew a
// username could lock its owner out. Now the wait falls on the address that failed (docs/rules.md#login-limits).
t.test('50 failures from 50 other addresses never hold the owner; the address that failed is held', async (t) => {
  const { app, db } = await build(t, { seed: (repos) => void repos.users.create(admin) });
  for (let i = 1; i <= 50; i++) t.equal((await attempt(app, `guess${i}`, `10.0.${Math.ceil(i / 10)}.${i}`)).statusCode, 401, `failure ${i}`);
  const started = performance.now();
  const owner = await attempt(app, admin.password, '192.0.2.10');
  t.equal(owner.statusCode, 303, 'the owner\'s right password from their own address works at once');
  t.ok(performance.now() - started < 5000, 'within 5 s');
  t.ok(owner.cookies.find((c) => c.name === 'sp_session'));
  const alerts = db.prepare("SELECT detail FROM audit_log WHERE action = 'login.alert'").pluck().all();
  t.equal(alerts.length, 1, 'the administrator sees one alert for the burst');

  for (let i = 1; i <= 5; i++) t.equal((await attempt(app, `again${i}`, '203.0.113.7')).statusCode, 401, `attacker failure ${i}`);
  const refused = await attempt(app, admin.password, '203.0.113.7');
  t.equal(refused.statusCode, 429, 'from the address that failed five times even the right password waits');
  t.match(refused.body, '该账号连续登录失败次数过多，为保护账号安全，请 2 秒后再试');
  t.equal(refused.headers['retry-after'], '2');
  t.notOk(refused.cookies.find((c) => c.name === 'sp_session'));
  t.equal(db.prepare("SELECT failures FROM login_failures_by_address WHERE address = '203.0.113.7'").pluck().get(), 5, 'a refused try is not counted');

  // The delay passes (moved back in the database rather than waited for); the next failure doubles it.
  const back = (ms: number) => db.prepare("UPDATE login_failures_by_address SET last_at = ? WHERE address = '203.0.113.7'").run(new Date(Date.now() - ms).toISOString());
  back(3000);
  t.equal((await attempt(app, 'guess6', '203.0.113.7')).statusCode, 401);
  const next = await attempt(app, admin.password, '203.0.113.7');
  t.equal(next.statusCode, 429, 'the sixth failure doubles the delay');
  t.match(next.body, '请 4 秒后再试');
  back(5000);
  t.equal((await attempt(app, admin.password, '203.0.113.7')).statusCode, 303, 'once the delay passed the right password works');
  t.equal(db.prepare("SELECT COUNT(*) FROM login_failures_by_address WHERE address = '203.0.113.7'").pluck().get(), 0, 'a success starts over');
});

t.test('another account is not held by one being guessed', async (t) => {
  const { app } = await build(t, { seed: (repos) => {
    repos.users.create(admin);
    repos.users.create({ ...admin, username: 'weifa' });
  } });
  for (let i = 1; i <= 6; i++) await attempt(app, `guess${i}`, `10.0.0.${i}`);
  const page = await app.inject({ method: 'GET', url: '/login', remoteAddress: '10.9.9.9' });
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    remoteAddress: '10.9.9.9',
    cookies: Object.fromEntries(page.cookies.map((c) => [c.name, c.value])),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ _csrf: tokenIn(page.body), username: 'weifa', password: admin.password }),
  });
  t.equal(res.statusCode, 303);
});

t.test('behind one trusted proxy the per-address limit keys on the address the proxy saw, not the left-most', async (t) => {
  const { app } = await build(t, { seed: (repos) => void repos.users.create({ ...admin, username: 'other' }), config: { trustProxy: 1 } });
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    // The client writes whatever it likes on the left; the proxy (127.0.0.1) appends the address it saw.
    // A new username each time, so that only the per-address limit can refuse.
    const res = await attempt(app, 'x', '127.0.0.1', { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.9` }, `user${i}`);
    statuses.push(res.statusCode);
    if (i === 11) t.match(res.body, '请求过于频繁，请稍后再试');
  }
  t.equal(statuses.at(-1), 429, `spoofed left-most addresses do not escape the limit: ${statuses.join(',')}`);
  const elsewhere = await attempt(app, 'x', '127.0.0.1', { 'x-forwarded-for': '203.0.113.10' }, 'user99');
  t.equal(elsewhere.statusCode, 401, 'another real client is not limited');
});
