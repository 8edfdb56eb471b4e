import t from 'tap';
import { build, anonymous, formBody, logIn } from '../../../kit/app.js';

const admin = { username: 'admin', displayName: '管理员', password: 'correct horse battery', role: 'admin' as const, unitId: null };

t.test('a logged-out visitor of a staff page is sent to the login page, with the page to come back to', async (t) => {
  const { app } = await build(t, { seed: (repos) => void repos.users.create(admin) });
  const home = await app.inject({ method: 'GET', url: '/' });
  t.equal(home.statusCode, 302);
  t.equal(home.headers.location, '/login');
  const units = await app.inject({ method: 'GET', url: '/units?x=1' });
  t.equal(units.headers.location, `/login?next=${encodeURIComponent('/units?x=1')}`);
  const login = await app.inject({ method: 'GET', url: '/login' });
  t.equal(login.statusCode, 200);
  t.match(login.body, '工作人员登录');
  t.match(login.body, 'name="_csrf"');
});

t.test('logging in with the right password starts a session and follows next', async (t) => {
  const { app, db } = await build(t, { seed: (repos) => void repos.users.create(admin) });
  const s = await anonymous(app);
  await s.get('/login?next=%2Funits');
  const res = await s.post('/login', { username: 'admin', password: admin.password, next: '/units' });
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/units');
  const cookie = res.cookies.find((c) => c.name === 'sp_session');
  t.ok(cookie, 'session cookie set');
  t.equal(cookie?.httpOnly, true);
  t.equal(cookie?.sameSite, 'Lax');
  // The database holds only a hash of the session id.
  const stored = db.prepare<[], { id: string }>('SELECT id FROM sessions').all();
  t.equal(stored.length, 1);
  t.not(stored[0].id, cookie?.value);
  const audit = db.prepare<[], { action: string }>('SELECT action FROM audit_log').all();
  t.same(audit.map((a) => a.action), ['login']);
});

t.test('a wrong password is refused in Chinese and starts no session', async (t) => {
  const { app, db } = await build(t, { seed: (repos) => void repos.users.create(admin) });
  const s = await anonymous(app);
  await s.get('/login');
  const res = await s.post('/login', { username: 'admin', password: 'wrong' });
  t.equal(res.statusCode, 401);
  t.match(res.body, '用户名或密码不正确');
  t.notOk(res.cookies.find((c) => c.name === 'sp_session'));
  const unknown = await s.post('/login', { username: 'nobody', password: 'wrong' });
  t.equal(unknown.statusCode, 401);
  t.match(unknown.body, '用户名或密码不正确');
  t.equal(db.prepare('SELECT COUNT(*) AS n FROM sessions').pluck().get(), 0);
});

t.test('next only leads to paths on this site', async (t) => {
  const { app } = await build(t, { seed: (repos) => void repos.users.create(admin) });
  for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
    const s = await anonymous(app);
    await s.get('/login');
    const res = await s.post('/login', { username: 'admin', password: admin.password, next });
    t.equal(res.headers.location, '/', `next=${next} ignored`);
  }
});

t.test('a login form without its anti-forgery token is refused and logs nobody in', async (t) => {
  const { app, db } = await build(t, { seed: (repos) => void repos.users.create(admin) });
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: formBody({ username: 'admin', password: admin.password }),
  });
  t.equal(res.statusCode, 403);
  t.match(res.body, '页面已过期，请刷新后重试');
  t.equal(db.prepare('SELECT COUNT(*) AS n FROM sessions').pluck().get(), 0);
});

t.test('logging out ends the session', async (t) => {
  const { app, db } = await build(t, { seed: (repos) => void repos.users.create(admin) });
  const s = await logIn(app, 'admin', admin.password);
  const page = await s.get('/login');
  t.equal(page.statusCode, 302, 'a logged-in user is sent on from the login page');
  const stale = { ...s.cookies };
  const units = await s.get('/units');
  for (const item of ['首页', '单位', '轮次', '通报', '回执', '退出']) t.match(units.body, item);
  t.match(units.body, '/static/staff.css');
  const out = await s.post('/logout', {});
  t.equal(out.statusCode, 303);
  t.equal(out.headers.location, '/login');
  t.equal(db.prepare('SELECT COUNT(*) AS n FROM sessions').pluck().get(), 0);
  const again = await app.inject({ method: 'GET', url: '/units', cookies: stale });
  t.equal(again.statusCode, 302, 'the old cookie no longer works');
});

t.test('the login form is rate limited', async (t) => {
  const { app } = await build(t, { seed: (repos) => void repos.users.create(admin) });
  const s = await anonymous(app);
  await s.get('/login');
  let last = await s.post('/login', { username: 'admin', password: 'guess' });
  for (let i = 0; i < 11; i++) last = await s.post('/login', { username: 'admin', password: 'guess' + i });
  t.equal(last.statusCode, 429);
  t.match(last.body, '请求过于频繁，请稍后再试');
});

t.test('the staff stylesheet is served and prints on A4 without the navigation', async (t) => {
  const { app } = await build(t);
  const css = await app.inject({ method: 'GET', url: '/static/staff.css' });
  t.equal(css.statusCode, 200);
  t.match(css.body, /@page\s*\{\s*size:\s*A4/);
  t.match(css.body, /@media print\s*\{[\s\S]*\.topbar,[^{]*\{display:none/);
});
