// /audit: administrators and the committee read who changed what, when and from where; filters by action, account,
// date range and round; pages of 50; a CSV export of the same selection (BOM, neutralised cells). Nothing in the log
// can be changed or removed, through the product or in the database.
import t, { type Test } from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound, smallDistrict } from '../../../kit/fixtures.js';

async function setup(t: Test) {
  const built = await build(t, { seed: (repos) => {
    smallDistrict(repos);
    repos.users.create({ username: 'admin', displayName: '系统管理员赵六', password: PASSWORD, role: 'admin', unitId: null });
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    const t1 = repos.units.getByCode('D01-T1')?.id ?? null;
    repos.users.create({ username: 'township', displayName: '东城综治中心', password: PASSWORD, role: 'township', unitId: t1 });
  } });
  const round = openRound(built.repos);
  return { ...built, round };
}

t.test('the audit page lists changes with Chinese names, who, when and from where; filters narrow it', async (t) => {
  const { app, repos, round } = await setup(t);
  const admin = await logIn(app, 'admin', PASSWORD);
  await admin.get('/admin/users');
  await admin.post('/admin/users', { username: 'grid-a', displayName: '网格员甲', role: 'grid', unit: 'D01-T1-V1-G1' });
  repos.audit.record(null, 'round.close', { round: round.code });
  repos.audit.record(null, 'round.open', { round: 'another-round' });

  const committee = await logIn(app, 'committee', PASSWORD);
  const page = await committee.get('/audit');
  t.equal(page.statusCode, 200);
  t.match(page.body, 'href="/audit" aria-current="page"');
  for (const text of ['新建账号', '登录', '结束轮次', '系统管理员赵六（admin）', '127.0.0.*', '用户名：grid-a', '角色：网格员']) t.match(page.body, text);

  const accounts = await committee.get('/audit?action=account');
  t.match(accounts.body, '共 1 条');
  const logins = await committee.get(`/audit?action=login&user=${repos.users.getByUsername('admin')?.id}`);
  t.match(logins.body, '共 1 条');
  const byRound = await committee.get(`/audit?round=${round.code}`);
  t.match(byRound.body, '共 1 条');
  t.match(byRound.body, '结束轮次');

  // A China-time day either side of now, so the test does not depend on the hour it runs at.
  const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
  t.match((await committee.get(`/audit?from=${day(-1)}&to=${day(1)}`)).body, '共 7 条', 'two questionnaire versions loaded, two logins, the new account, two round entries');
  t.match((await committee.get(`/audit?from=${day(1)}`)).body, '共 0 条');
  t.match((await committee.get('/audit?from=2000-01-01&to=2000-01-31')).body, '共 0 条');
  const bad = await committee.get('/audit?from=2026-02-30');
  t.equal(bad.statusCode, 200);
  t.match(bad.body, '起始日期无效：2026-02-30');
  const reversed = await committee.get('/audit?from=2026-02-02&to=2026-02-01');
  t.match(reversed.body, '起始日期不能晚于截止日期');
});

t.test('the audit log pages by 50 and exports the filtered selection as CSV', async (t) => {
  const { app, repos, db } = await setup(t);
  const sly = repos.users.create({ username: 'sly', displayName: '=HYPERLINK("x")', password: PASSWORD, role: 'grid', unitId: null });
  db.transaction(() => {
    for (let i = 0; i < 120; i++) repos.audit.record(i === 0 ? sly.id : null, 'cli.units.import', { file: `units-${i}.csv`, units: i });
  })();
  const admin = await logIn(app, 'admin', PASSWORD);
  const first = await admin.get('/audit?action=cli');
  t.match(first.body, '共 120 条');
  t.match(first.body, '第 1 / 3 页');
  const decoded = first.body.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  t.match(decoded, 'href="/audit?action=cli&page=2">下一页', 'the pager keeps the filter');
  t.equal((first.body.match(/<tr><td>/g) ?? []).length, 50);
  const last = await admin.get('/audit?action=cli&page=3');
  t.equal((last.body.match(/<tr><td>/g) ?? []).length, 20);

  const csv = await admin.get('/audit.csv?action=cli');
  t.equal(csv.statusCode, 200);
  t.match(String(csv.headers['content-type']), 'text/csv');
  t.match(String(csv.headers['content-disposition']), 'attachment');
  t.ok(csv.body.startsWith('\uFEFF时间（北京时间）,操作人,操作,操作代码,内容,来源'), 'BOM and Chinese header');
  const lines = csv.body.trim().split('\r\n');
  t.equal(lines.length, 121, 'every filtered entry, header included');
  t.match(lines[1], '导入单位（命令行）');
  t.match(lines[120], `,"'=HYPERLINK(""x"")（sly）",`, 'a name that looks like a formula is neutralised');
  t.notMatch(csv.body, '登录,', 'logins are filtered out');
});

t.test('township and grid staff do not see the audit log', async (t) => {
  const { app } = await setup(t);
  const s = await logIn(app, 'township', PASSWORD);
  t.equal((await s.get('/audit')).statusCode, 403);
  t.equal((await s.get('/audit.csv')).statusCode, 403);
  t.notMatch((await s.get('/units')).body, 'href="/audit"', 'no link in the navigation');
});

t.test('nothing in the audit log can be changed or deleted', async (t) => {
  const { app, db } = await setup(t);
  await logIn(app, 'admin', PASSWORD);
  t.throws(() => db.prepare("UPDATE audit_log SET action = 'x'").run(), /append-only/);
  t.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/);
  t.equal(db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get(), 3, 'the two questionnaire versions and the login, unchanged');
  for (const method of ['PUT', 'DELETE', 'PATCH'] as const) {
    const res = await app.inject({ method, url: '/audit' });
    t.equal(res.statusCode, 404, `${method} /audit is no route`);
  }
});

t.test('the audit log reads for a clerk: Chinese states and codes, a round by code and title, Beijing times, one address form', async (t) => {
  const { app, repos, round } = await setup(t);
  const grid = repos.units.getByCode('D01-T1-V1-G1');
  if (!grid) throw new Error('fixture');
  const receipt = repos.receipts.create({ roundId: round.id, gridId: grid.id, responseId: null, source: 'staff', questionId: null, body: '路灯坏了' });
  const committee = await logIn(app, 'committee', PASSWORD);
  await committee.get(`/receipts/${receipt}`);
  const assigned = await committee.post(`/receipts/${receipt}/assign`, { assignee: `unit:${grid.code}`, due: '2026-12-20' });
  t.equal(assigned.statusCode, 303, 'handed to the grid');
  // A refused step (closing what nobody answered yet), recorded by the receipt service without the address.
  await committee.get(`/receipts/${receipt}`);
  t.equal((await committee.post(`/receipts/${receipt}/close`, {})).statusCode, 409, 'not answered yet');
  // Recorded by the receipts repository with the round's internal id and the state codes, and without an address.
  repos.receipts.answer(receipt, { action: '已处理', text: '路灯已修好', method: 'visit' }, { at: '2026-12-05T02:30:00.000Z' });

  const page = await committee.get('/audit?action=receipt');
  t.equal(page.statusCode, 200);
  const title = repos.surveys.getVersion(round.surveyVersionId)?.survey.title ?? '';
  t.ok(title.length > 0);
  for (const text of ['原状态：待处理', '新状态：已交办', '原状态：已交办', '新状态：已答复', '答复方式：上门', `轮次：${round.code}（${title}）`,
    '单位：东门社区第一网格（D01-T1-V1-G1）', '时间：2026-12-05 10:30:00']) {
    t.match(page.body, text, text);
  }
  const detailCells = [...page.body.matchAll(/<td class="text">([^<]*)<\/td>/g)].map((m) => m[1]);
  t.equal(detailCells.length, 3);
  for (const cell of detailCells) {
    t.notMatch(cell, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, `no ISO instant in "${cell}"`);
    t.notMatch(cell, /[{}"]|&quot;|assigned|answered|\bopen\b/, `no JSON and no state codes in "${cell}"`);
    t.notMatch(cell, new RegExp(`轮次：${round.id}(；|$)`), 'the round is not shown by its internal id');
  }
  // Every entry a web request wrote shows the same truncated address; only the one written outside a request has none.
  const rows = [...(await committee.get('/audit')).body.matchAll(/<tr><td>[^<]*<\/td><td>[^<]*<\/td><td>([^<]*)<\/td><td class="text">[^<]*<\/td><td>([^<]*)<\/td><\/tr>/g)];
  const byAction = rows.map((m) => [m[1], m[2]]);
  for (const action of ['回执交办', '回执操作被拒绝', '登录']) {
    t.same(byAction.filter(([a]) => a === action).map(([, c]) => c).slice(0, 1), ['127.0.0.*'], `${action}: from 127.0.0.*`);
  }
  t.same(byAction.filter(([a]) => a === '回执答复').map(([, c]) => c), ['—'], 'the repository call outside a request has no address');

  const csv = await committee.get('/audit.csv?action=receipt');
  t.match(csv.body, '原状态：已交办；新状态：已答复');
  t.notMatch(csv.body, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}[^,]*Z/, 'no UTC instants in the export');
});
