// Error pages are somewhere to go from: staff 403/404/expired-form pages carry the staff navigation and a way back;
// a resident link that leads nowhere says to check the poster's link and how to reach the grid worker.
import t from 'tap';
import { build, anonymous, logIn, PASSWORD } from '../kit/app.js';
import { smallDistrict } from '../kit/fixtures.js';
import { pollApp } from '../kit/resident-poll.js';
import { assertChinesePage, FORM } from '../kit/resident.js';

async function staffApp(t: Parameters<typeof build>[0]) {
  const built = await build(t, { seed: (repos) => {
    const d = smallDistrict(repos);
    repos.users.create({ username: 'worker', displayName: '网格员王五', password: PASSWORD, role: 'grid', unitId: d.grids[0].id });
  } });
  return { ...built, s: await logIn(built.app, 'worker', PASSWORD) };
}

t.test('a 403 page keeps the staff navigation, the logout button and a way home', async (t) => {
  const { app, s } = await staffApp(t);
  const res = await s.get('/units/D01-T2');
  t.equal(res.statusCode, 403);
  t.match(res.body, '您没有权限查看该内容');
  t.match(res.body, '<nav aria-label="主导航">');
  t.match(res.body, '<a href="/receipts"');
  t.match(res.body, '网格员王五');
  t.match(res.body, /<form class="whoami" method="post" action="\/logout">[\s\S]*name="_csrf" value="[^"]+"[\s\S]*退出/);
  t.match(res.body, '<a class="button" href="/">返回首页</a>');
  t.match(res.body, 'href="/static/staff.css"');
  // The logout button on the error page works.
  const out = await s.post('/logout', {});
  t.equal(out.statusCode, 303);
  t.equal((await app.inject({ method: 'GET', url: '/', cookies: s.cookies })).statusCode, 302, 'logged out');
});

t.test('a 404 page, inside or outside the staff routes, keeps the navigation for a logged-in user', async (t) => {
  const { s } = await staffApp(t);
  for (const url of ['/rounds/NO-SUCH-ROUND', '/no-such-page']) {
    const res = await s.get(url);
    t.equal(res.statusCode, 404, url);
    t.match(res.body, /找不到/);
    t.match(res.body, '<nav aria-label="主导航">', `${url} has the navigation`);
    t.match(res.body, '返回首页');
  }
});

t.test('a logged-out visitor on a missing staff page is offered the login page', async (t) => {
  const { app } = await build(t);
  const res = await app.inject({ method: 'GET', url: '/no-such-page' });
  t.equal(res.statusCode, 404);
  t.match(res.body, '找不到该页面');
  t.notMatch(res.body, '<nav aria-label="主导航">');
  t.match(res.body, '<a class="button" href="/login">登录</a>');
});

t.test('an expired form (stale anti-forgery token) is a page with the navigation and a way back', async (t) => {
  const { s } = await staffApp(t);
  await s.get('/account');
  const res = await s.post('/logout', { _csrf: 'stale' });
  t.equal(res.statusCode, 403);
  t.match(res.body, '页面已过期，请刷新后重试');
  t.match(res.body, '<nav aria-label="主导航">');
  t.match(res.body, '返回首页');
});

t.test('a session that ended sends the visitor to the login page, not to an error', async (t) => {
  const { app } = await build(t);
  const s = await anonymous(app);
  const res = await s.get('/receipts');
  t.equal(res.statusCode, 302);
  t.match(res.headers.location, /^\/login\?next=/);
});

t.test('a mistyped resident link says to check the poster and how to reach the grid worker', async (t) => {
  const { app } = await pollApp(t);
  for (const [method, url] of [['GET', '/g/QH99-99-99'], ['POST', '/g/QH99-99-99'], ['GET', '/g/QH99-99-99/extra']] as const) {
    const res = await app.inject({ method, url, headers: FORM, payload: method === 'POST' ? 'q=1' : undefined });
    assertChinesePage(t, res, 404, '找不到');
    t.match(res.body, '请核对海报或通知上的链接', `${method} ${url}: check the link`);
    t.match(res.body, '请联系张贴海报的网格员', `${method} ${url}: who to ask`);
    t.notMatch(res.body, '<nav', 'no staff navigation on a resident page');
  }
  assertChinesePage(t, await app.inject({ method: 'GET', url: '/g/%E4%B8' }), 400, '链接地址有误');
  t.match((await app.inject({ method: 'GET', url: '/g/%E4%B8' })).body, '网格员');
});
