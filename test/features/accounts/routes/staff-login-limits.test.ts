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

t.test('after five failures from many addresses the account waits, then the right password works', async (t) => {
  const { app, db } = await build(t, { seed: (repos) => void repos.users.create(admin) });
  for (let i = 1; i <= 5; i++) t.equal((await attempt(app, `guess${i}`, `10.0.0.${i}`)).statusCode, 401, `failure ${i}`);
  const refused = await attempt(app, admin.password, '10.0.1.1');
  t.equal(refused.statusCode, 429, 'even the right password waits while the account is held');
  t.match(refused.body, '该账号连续登录失败次数过多，为保护账号安全，请 2 秒后再试');
  t.equal(refused.headers['retry-after'], '2');
  t.notOk(refused.cookies.find((c) => c.name === 'sp_session'));
  t.equal(db.prepare("SELECT failures FROM login_failures WHERE username = 'admin'").pluck().get(), 5, 'a refused try is not counted');

  // The delay passes (moved back in the database rather than waited for).
  db.prepare("UPDATE login_failures SET last_at = ? WHERE username = 'admin'").run(new Date(Date.now() - 3000).toISOString());
  const wrongAgain = await attempt(app, 'guess6', '10.0.2.1');
  t.equal(wrongAgain.statusCode, 401);
  const next = await attempt(app, admin.password, '10.0.2.2');
  t.equal(next.statusCode, 429, 'the sixth failure doubles the delay');
  t.match(next.body, '请 4 秒后再试');

  db.prepare("UPDATE login_failures SET last_at = ? WHERE username = 'admin'").run(new Date(Date.now() - 5000).toISOString());
  const ok = await attempt(app, admin.password, '10.0.3.1');
  t.equal(ok.statusCode, 303, 'the right password from another address works once the delay passed');
  t.equal(db.prepare("SELECT COUNT(*) FROM login_failures WHERE username = 'admin'").pluck().get(), 0, 'a success starts over');
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
