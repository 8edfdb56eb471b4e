// /admin/tokens: administrators issue API tokens (shown once, stored as a hash only) and revoke them; every change
// is audited; nobody else reaches the page.
import { readFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { build, anonymous, logIn, bearer, type StaffSession, PASSWORD } from '../../../kit/app.js';
import { openRound, smallDistrict } from '../../../kit/fixtures.js';

const TOKEN = /sp_[A-Za-z0-9_-]{43}/;

async function setup(t: Test) {
  const built = await build(t, { seed: (repos) => {
    smallDistrict(repos);
    openRound(repos);
    repos.users.create({ username: 'admin', displayName: '系统管理员赵六', password: PASSWORD, role: 'admin', unitId: null });
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    const township = repos.units.getByCode('D01-T1');
    repos.users.create({ username: 'township', displayName: '东城综治中心', password: PASSWORD, role: 'township', unitId: township?.id ?? null });
  } });
  const round = built.repos.rounds.list()[0];
  const results = (secret: string, unit: string) =>
    built.app.inject({ method: 'GET', url: `/api/rounds/${round.code}/results?unit=${unit}`, headers: bearer(secret) });
  return { ...built, results };
}

/** Issues a token through the page and returns the secret it shows. */
async function issue(t: Test, admin: StaffSession, name: string, unit: string): Promise<string> {
  await admin.get('/admin/tokens');
  const res = await admin.post('/admin/tokens', { name, unit });
  t.equal(res.statusCode, 201, `issued ${name}`);
  const secret = TOKEN.exec(res.body)?.[0];
  if (!secret) throw new Error('the page does not show the token');
  return secret;
}

/** Every byte SQLite keeps of the database: the main file and its write-ahead log. */
function databaseBytes(dir: string): string {
  return ['test.db', 'test.db-wal']
    .map((f) => join(dir, f))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');
}

t.test('an administrator issues a token: shown once, stored as a hash, working within its unit', async (t) => {
  const { app, repos, dir, results } = await setup(t);
  const admin = await logIn(app, 'admin', PASSWORD);
  const page = await admin.get('/admin/tokens');
  t.equal(page.statusCode, 200);
  t.match(page.body, 'href="/admin/tokens" aria-current="page"', 'in the administrator’s navigation');
  t.match(page.body, '还没有签发过令牌');

  await admin.get('/admin/tokens');
  const created = await admin.post('/admin/tokens', { name: '  东城街道网格系统  ', unit: 'D01-T1' });
  t.equal(created.statusCode, 201);
  t.equal(created.headers['cache-control'], 'no-store', 'the page with the secret is never cached');
  t.match(created.body, '令牌只显示这一次');
  t.match(created.body, '复制');
  const secret = TOKEN.exec(created.body)?.[0] ?? '';
  t.ok(secret, 'the token is on the page');

  t.equal((await results(secret, 'D01-T1-V1')).statusCode, 200, 'the token reads its township');
  t.equal((await results(secret, 'D01-T2')).statusCode, 403, 'and not the other one');

  const list = await admin.get('/admin/tokens');
  t.notMatch(list.body, secret, 'never shown again');
  t.notMatch(list.body, TOKEN);
  t.match(list.body, '东城街道网格系统');
  t.match(list.body, '东城街道（D01-T1）', 'the scope unit');
  t.match(list.body, '系统管理员赵六', 'who issued it');
  t.notMatch(list.body, '从未使用', 'its use is recorded');

  const hash = createHash('sha256').update(secret).digest('hex');
  const bytes = databaseBytes(dir);
  t.notOk(bytes.includes(secret), 'the token is nowhere in the database files');
  t.ok(bytes.includes(hash), 'its SHA-256 is');

  const audit = repos.audit.byAction('api-token.create');
  t.equal(audit.length, 1, 'audited');
  t.equal(audit[0].username, 'admin');
  t.match(JSON.parse(audit[0].detail ?? '{}'), { name: '东城街道网格系统', unit: 'D01-T1' });
  t.notMatch(audit[0].detail ?? '', secret);
});

t.test('revoking: the token stops working at once, audited, with CSRF like every staff form', async (t) => {
  const { app, repos, results } = await setup(t);
  const admin = await logIn(app, 'admin', PASSWORD);
  const secret = await issue(t, admin, '区平安办大屏', '');
  t.equal((await results(secret, 'D01')).statusCode, 200, 'a whole-district token');
  const id = repos.apiTokens.list()[0]?.id ?? 0;
  t.match((await admin.get('/admin/tokens')).body, '全区（所有单位）');

  const forged = await admin.post(`/admin/tokens/${id}/revoke`, { _csrf: 'forged' });
  t.equal(forged.statusCode, 403, 'a forged form is refused');
  t.equal((await results(secret, 'D01')).statusCode, 200, 'and changes nothing');

  await admin.get('/admin/tokens');
  const revoked = await admin.post(`/admin/tokens/${id}/revoke`, {});
  t.equal(revoked.statusCode, 303);
  t.equal(revoked.headers.location, '/admin/tokens');
  t.equal((await results(secret, 'D01')).statusCode, 401, 'refused after revocation');
  t.match((await admin.get('/admin/tokens')).body, '已吊销');
  t.equal(repos.audit.byAction('api-token.revoke').length, 1, 'audited');

  await admin.get('/admin/tokens');
  const again = await admin.post(`/admin/tokens/${id}/revoke`, {});
  t.equal(again.statusCode, 409, 'a second revocation is a conflict');
  t.match(again.body, '该令牌已被吊销');
  await admin.get('/admin/tokens');
  t.equal((await admin.post('/admin/tokens/9999/revoke', {})).statusCode, 404);
  t.equal(repos.audit.byAction('api-token.revoke').length, 1);
});

t.test('a form without a name or with an unknown unit says why and issues nothing', async (t) => {
  const { app, repos } = await setup(t);
  const admin = await logIn(app, 'admin', PASSWORD);
  await admin.get('/admin/tokens');
  const blank = await admin.post('/admin/tokens', { name: '   ', unit: 'D01-T1' });
  t.equal(blank.statusCode, 422);
  t.match(blank.body, '请填写令牌用途');
  t.notMatch(blank.body, TOKEN);
  await admin.get('/admin/tokens');
  const unknown = await admin.post('/admin/tokens', { name: '某系统', unit: 'NOPE' });
  t.equal(unknown.statusCode, 422);
  t.match(unknown.body, '找不到该单位：NOPE');
  t.match(unknown.body, 'value="某系统"', 'what was typed is kept');
  t.equal(repos.apiTokens.list().length, 0);
  t.equal(repos.audit.byAction('api-token.create').length, 0);
});

t.test('only administrators reach /admin/tokens', async (t) => {
  const { app, repos } = await setup(t);
  for (const username of ['committee', 'township']) {
    const s = await logIn(app, username, PASSWORD);
    const home = await s.get('/');
    t.notMatch(home.body, '/admin/tokens', `${username}: no link`);
    const page = await s.get('/admin/tokens');
    t.equal(page.statusCode, 403, `${username}: 403`);
    t.match(page.body, '您没有权限查看该内容');
    const post = await s.post('/admin/tokens', { name: '越权', unit: '' });
    t.equal(post.statusCode, 403);
  }
  t.equal(repos.apiTokens.list().length, 0, 'nothing issued');
  const visitor = await anonymous(app);
  const res = await visitor.get('/admin/tokens');
  t.equal(res.statusCode, 302);
  t.match(res.headers.location, /^\/login/);
});
