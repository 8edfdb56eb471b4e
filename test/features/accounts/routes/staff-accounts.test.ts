// /admin/users and /account: an administrator creates an account for a new township, whose holder must replace the
// one-time password (refused when too short or equal to the login) and then sees only that township; refusals of
// accounts above the creator's scope; disabling, resetting, signing out everywhere; idle and absolute expiry.
import t, { type Test } from 'tap';
import { build, anonymous, logIn, type StaffSession, PASSWORD } from '../../../kit/app.js';
import { openRound, smallDistrict } from '../../../kit/fixtures.js';
import type { Db } from '../../../../server/platform/db.js';

const ONE_TIME = /id="issued-password" readonly value="([^"]+)"/;

async function setup(t: Test) {
  return build(t, { seed: (repos) => {
    smallDistrict(repos);
    repos.units.importUnits([
      { code: 'D01-T3', name: '新河镇', parentCode: 'D01', level: 'township', population: 900, households: 300 },
      { code: 'D01-T3-V1', name: '新河村', parentCode: 'D01-T3', level: 'village', population: 900, households: 300 },
      { code: 'D01-T3-V1-G1', name: '新河村第一网格', parentCode: 'D01-T3-V1', level: 'grid', population: 900, households: 300 },
    ]);
    openRound(repos);
    repos.users.create({ username: 'admin', displayName: '系统管理员赵六', password: PASSWORD, role: 'admin', unitId: null });
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    const t1 = repos.units.getByCode('D01-T1')?.id ?? null;
    repos.users.create({ username: 'township', displayName: '东城综治中心', password: PASSWORD, role: 'township', unitId: t1 });
  } });
}

const audit = (db: Db, prefix: string) =>
  db.prepare<[string], { action: string; user_id: number | null; detail: string | null; client: string | null }>(
    "SELECT action, user_id, detail, client FROM audit_log WHERE action LIKE ? || '%' ORDER BY id",
  ).all(prefix);
const userCount = (db: Db) => db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users').get()?.n ?? 0;

/** Creates an account through the page and returns the one-time password it shows. */
async function create(t: Test, s: StaffSession, form: Record<string, string>): Promise<string> {
  await s.get('/admin/users');
  const res = await s.post('/admin/users', form);
  t.equal(res.statusCode, 201, `created ${form.username}`);
  t.equal(res.headers['cache-control'], 'no-store');
  const password = ONE_TIME.exec(res.body)?.[1];
  if (!password) throw new Error('the page does not show the one-time password');
  return password;
}

t.test('the administrator creates an account for a new township; it must change its password and sees only its township', async (t) => {
  const { app, db } = await setup(t);
  const admin = await logIn(app, 'admin', PASSWORD);
  const page = await admin.get('/admin/users');
  t.match(page.body, 'href="/admin/users" aria-current="page"');
  const oneTime = await create(t, admin, { username: 'xinhe', displayName: '新河镇综治中心', role: 'township', unit: 'D01-T3' });
  t.ok(oneTime.length >= 10);
  t.match((await admin.get('/admin/users')).body, '待修改初始密码');

  const s = await logIn(app, 'xinhe', oneTime);
  const home = await s.get('/');
  t.equal(home.statusCode, 302);
  t.equal(home.headers.location, '/account/password', 'every page leads to the password form');
  t.equal((await s.get('/units/D01-T3')).headers.location, '/account/password');
  const form = await s.get('/account/password');
  t.match(form.body, '一次性密码');

  const refusals: Array<[Record<string, string>, string]> = [
    [{ current: oneTime, password: 'short1', confirm: 'short1' }, '新密码至少需要 10 个字符'],
    [{ current: oneTime, password: 'XinHe', confirm: 'XinHe' }, '新密码至少需要 10 个字符'],
    [{ current: oneTime, password: 'xinhe12345', confirm: 'xinhe12346' }, '两次输入的新密码不一致'],
    [{ current: 'not the password', password: 'a good password', confirm: 'a good password' }, '当前密码不正确'],
  ];
  for (const [body, message] of refusals) {
    const res = await s.post('/account/password', body);
    t.equal(res.statusCode, 422);
    t.match(res.body, message);
  }
  const hashBefore = db.prepare('SELECT password_hash FROM users WHERE username = ?').pluck().get('xinhe');
  t.equal((await s.get('/')).headers.location, '/account/password', 'still must change after refusals');
  t.equal(db.prepare('SELECT password_hash FROM users WHERE username = ?').pluck().get('xinhe'), hashBefore, 'nothing changed');

  const done = await s.post('/account/password', { current: oneTime, password: 'xinhe river 2026', confirm: 'xinhe river 2026' });
  t.equal(done.statusCode, 303);
  t.equal(done.headers.location, '/account?changed=1');
  t.match((await s.get('/account?changed=1')).body, '密码已修改');

  const units = await s.get('/units');
  t.equal(units.statusCode, 200);
  t.match(units.body, '新河镇');
  t.notMatch(units.body, '东城街道', 'another township is not listed');
  t.equal((await s.get('/units/D01-T3-V1-G1')).statusCode, 200);
  t.equal((await s.get('/units/D01-T1')).statusCode, 403);
  t.equal((await s.get('/admin/users')).statusCode, 403, 'a township account manages no accounts');

  const again = await anonymous(app);
  await again.get('/login');
  t.equal((await again.post('/login', { username: 'xinhe', password: oneTime })).statusCode, 401, 'the one-time password is gone');
  const actions = audit(db, 'account.').map((a) => a.action);
  t.same(actions, ['account.create', 'account.password']);
  t.match(audit(db, 'account.create')[0], { client: '127.0.0.*' }, 'from where: the truncated address');
});

t.test('a password equal to the login name is refused', async (t) => {
  const { app } = await setup(t);
  const admin = await logIn(app, 'admin', PASSWORD);
  const oneTime = await create(t, admin, { username: 'longlogin99', displayName: '网格员', role: 'grid', unit: 'D01-T1-V1-G1' });
  const s = await logIn(app, 'longlogin99', oneTime);
  await s.get('/account/password');
  const res = await s.post('/account/password', { current: oneTime, password: 'LongLogin99', confirm: 'LongLogin99' });
  t.equal(res.statusCode, 422);
  t.match(res.body, '新密码不能与用户名相同');
});

t.test('accounts above the creator’s scope are refused in Chinese, create nothing, and are audited', async (t) => {
  const { app, db } = await setup(t);
  const committee = await logIn(app, 'committee', PASSWORD);
  const page = await committee.get('/admin/users');
  t.equal(page.statusCode, 200);
  t.notMatch(page.body, '<option value="admin"', 'the committee is not offered the administrator role');
  const before = userCount(db);
  const admin = await committee.post('/admin/users', { username: 'sneaky', displayName: '假管理员', role: 'admin', unit: '' });
  t.equal(admin.statusCode, 403);
  t.match(admin.body, '您无权创建或修改系统管理员账号');
  const peer = await committee.post('/admin/users', { username: 'sneaky2', displayName: '政法委2', role: 'committee', unit: '' });
  t.equal(peer.statusCode, 403);
  t.equal(userCount(db), before, 'no account created');
  t.equal(audit(db, 'account.refused').length, 2, 'each attempt audited');

  const ok = await committee.post('/admin/users', { username: 'grid-new', displayName: '网格员', role: 'grid', unit: 'D01-T2-V1-G1' });
  t.equal(ok.statusCode, 201, 'the committee may create a grid account');
  const mismatch = await committee.post('/admin/users', { username: 'grid-bad', displayName: '网格员', role: 'grid', unit: 'D01-T2' });
  t.equal(mismatch.statusCode, 422);
  t.match(mismatch.body, '网格员账号须指定一个网格');
  const taken = await committee.post('/admin/users', { username: 'GRID-NEW', displayName: '网格员', role: 'grid', unit: 'D01-T2-V1-G1' });
  t.equal(taken.statusCode, 422);
  t.match(taken.body, '已被使用');

  const township = await logIn(app, 'township', PASSWORD);
  await township.get('/units');
  const res = await township.post('/admin/users', { username: 'x-grid', displayName: '网格员', role: 'grid', unit: 'D01-T1-V1-G1' });
  t.equal(res.statusCode, 403);
  t.match(res.body, '您没有权限');
  t.equal(audit(db, 'account.refused').length, 3);
  t.equal(userCount(db), before + 1);
});

t.test('a disabled account’s live session stops at once, with a Chinese refusal and an audit entry', async (t) => {
  const { app, db, repos } = await setup(t);
  const admin = await logIn(app, 'admin', PASSWORD);
  const victim = await logIn(app, 'township', PASSWORD);
  t.equal((await victim.get('/units')).statusCode, 200);
  const id = repos.users.getByUsername('township')?.id ?? 0;

  await admin.get(`/admin/users/${id}`);
  const disabled = await admin.post(`/admin/users/${id}/disable`, {});
  t.equal(disabled.statusCode, 200);
  t.match(disabled.body, '账号已停用');

  const refused = await victim.get('/units');
  t.equal(refused.statusCode, 403);
  t.match(refused.body, '该账号已被停用，请联系系统管理员');
  t.equal((await victim.get('/units')).headers.location, '/login?next=%2Funits', 'the session is gone');
  t.same(audit(db, 'account.disabled-session').map((a) => a.user_id), [id]);
  const login = await anonymous(app);
  await login.get('/login');
  t.equal((await login.post('/login', { username: 'township', password: PASSWORD })).statusCode, 401, 'nor can it log in');

  const self = await admin.post(`/admin/users/${repos.users.getByUsername('admin')?.id ?? 0}/disable`, {});
  t.equal(self.statusCode, 403);
  t.match(self.body, '不能停用自己的账号');

  t.equal((await admin.post(`/admin/users/${id}/enable`, {})).statusCode, 200);
  t.equal((await victim.get('/units')).statusCode, 302, 'an old session does not come back with the account');
  await logIn(app, 'township', PASSWORD);
  t.same(audit(db, 'account.').map((a) => a.action), ['account.disable', 'account.disabled-session', 'account.refused', 'account.enable']);
});

t.test('a reset gives a one-time password and ends the account’s sessions', async (t) => {
  const { app, db, repos } = await setup(t);
  const admin = await logIn(app, 'admin', PASSWORD);
  const holder = await logIn(app, 'township', PASSWORD);
  const id = repos.users.getByUsername('township')?.id ?? 0;
  await admin.get(`/admin/users/${id}`);
  const reset = await admin.post(`/admin/users/${id}/reset`, {});
  t.equal(reset.statusCode, 200);
  const oneTime = ONE_TIME.exec(reset.body)?.[1] ?? '';
  t.ok(oneTime.length >= 10, 'the one-time password is shown');
  t.equal((await holder.get('/units')).statusCode, 302, 'signed out');
  const s = await logIn(app, 'township', oneTime);
  t.equal((await s.get('/units')).headers.location, '/account/password');
  t.match(audit(db, 'account.reset')[0]?.detail ?? '', '"sessions":1');
});

t.test('the scope of an account changes, and a stale form does not overwrite a newer change', async (t) => {
  const { app, repos } = await setup(t);
  const admin = await logIn(app, 'admin', PASSWORD);
  const id = repos.users.getByUsername('township')?.id ?? 0;
  await admin.get(`/admin/users/${id}`);
  const changed = await admin.post(`/admin/users/${id}/scope`, { role: 'township', unit: 'D01-T2', fromRole: 'township', fromUnit: 'D01-T1' });
  t.equal(changed.statusCode, 200);
  t.equal(repos.users.getByUsername('township')?.unitId, repos.units.getByCode('D01-T2')?.id);
  const stale = await admin.post(`/admin/users/${id}/scope`, { role: 'grid', unit: 'D01-T1-V1-G1', fromRole: 'township', fromUnit: 'D01-T1' });
  t.equal(stale.statusCode, 409);
  t.match(stale.body, '已被他人修改');
  t.equal(repos.users.getByUsername('township')?.role, 'township');
});

t.test('sign out everywhere ends every session of the account, and sessions expire when idle or old', async (t) => {
  const { app, db } = await setup(t);
  const one = await logIn(app, 'township', PASSWORD);
  const two = await logIn(app, 'township', PASSWORD);
  const page = await one.get('/account');
  t.match(page.body, '退出所有设备');
  const out = await one.post('/account/sign-out-all', {});
  t.equal(out.statusCode, 303);
  t.equal((await two.get('/units')).statusCode, 302);
  t.equal((await one.get('/units')).statusCode, 302);
  t.match(audit(db, 'account.sign-out-all')[0]?.detail ?? '', '"sessions":2');

  const idle = await logIn(app, 'township', PASSWORD);
  t.equal((await idle.get('/units')).statusCode, 200);
  db.prepare("UPDATE sessions SET last_seen_at = ?").run(new Date(Date.now() - 8 * 3600_000 - 1000).toISOString());
  const timedOut = await idle.get('/units');
  t.equal(timedOut.statusCode, 302, 'idle for 8 hours: over');
  t.equal(timedOut.headers.location, '/login?expired=1&next=%2Funits', 'to the login page, which is told the session ended');
  const again = await idle.get(String(timedOut.headers.location));
  t.match(again.body, '登录已超时或已在其他设备退出，请重新登录', 'the login page says why');
  t.equal((await idle.get('/units')).headers.location, '/login?next=%2Funits', 'the dead cookie is cleared: said once');

  const old = await logIn(app, 'township', PASSWORD);
  db.prepare('UPDATE sessions SET expires_at = ?').run(new Date(Date.now() - 1000).toISOString());
  t.equal((await old.get('/units')).statusCode, 302, 'past its lifetime: over, however busy');

  const busy = await logIn(app, 'township', PASSWORD);
  const stale = new Date(Date.now() - 2 * 3600_000).toISOString();
  db.prepare('UPDATE sessions SET last_seen_at = ?').run(stale);
  t.equal((await busy.get('/units')).statusCode, 200);
  const seen = db.prepare<[], { last_seen_at: string }>('SELECT last_seen_at FROM sessions').get()?.last_seen_at ?? '';
  t.ok(seen > stale, 'a request slides the idle limit');
});
