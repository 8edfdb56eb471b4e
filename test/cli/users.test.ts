// A database started without the demo (SAFEPOLL_SEED_DEMO=0) has no account at all; `safepoll users create-admin`
// makes the first administrator with a one-time password that must be replaced at first login.
import t from 'tap';
import { openDatabase } from '../../server/platform/db.js';
import { firstAdminHint, prepareDatabase } from '../../server/startup.js';
import { appOn, testConfig, logIn } from '../kit/app.js';
import { cliKit } from '../kit/cli.js';

t.test('without the demo: no accounts, a hint at start, then create-admin prints a one-time password', async (t) => {
  const cli = cliKit(t);
  const config = testConfig({ databasePath: cli.dbPath, seedDemo: false });
  const prepared = await prepareDatabase(config, { log: () => {} });
  t.equal(prepared.seeded, undefined);
  t.same(prepared.db.prepare('SELECT username FROM users').all(), [], 'no demo accounts, no accounts at all');
  t.match(firstAdminHint(prepared.db).join('\n'), 'npx safepoll users create-admin');
  prepared.db.close();

  const listed = await cli.run('users', 'list');
  t.match(listed.out, '还没有账号');
  const bad = await cli.run('users', 'create-admin', 'x');
  t.equal(bad.code, 1);
  t.match(bad.err, '用户名须为 3–32 位');
  const made = await cli.run('users', 'create-admin', 'zhangsan', '--name', '张三');
  t.equal(made.code, 0, made.err);
  t.match(made.out, '已新建系统管理员 zhangsan（张三）');
  const password = /一次性密码：(\S+)/.exec(made.out)?.[1] ?? '';
  t.ok(password.length >= 10);
  const again = await cli.run('users', 'create-admin', 'ZhangSan');
  t.equal(again.code, 1);
  t.match(again.err, '用户名 ZhangSan 已被使用');

  const db = openDatabase(cli.dbPath);
  t.teardown(() => db.close());
  t.same(firstAdminHint(db), [], 'no hint once an administrator exists');
  t.same(db.prepare("SELECT action, user_id FROM audit_log WHERE action LIKE 'cli.%'").all(), [{ action: 'cli.users.create-admin', user_id: null }]);
  const app = await appOn(t, db, { config: { databasePath: cli.dbPath } });
  const s = await logIn(app, 'zhangsan', password);
  t.equal((await s.get('/admin/users')).headers.location, '/account/password', 'the one-time password must be replaced first');
});

t.test('reset-password gives a lost administrator a new one-time password', async (t) => {
  const cli = cliKit(t);
  await cli.run('users', 'create-admin', 'lisi');
  const reset = await cli.run('users', 'reset-password', 'lisi');
  t.equal(reset.code, 0, reset.err);
  t.match(reset.out, /一次性密码：\S{14}/);
  const missing = await cli.run('users', 'reset-password', 'nobody');
  t.equal(missing.code, 1);
  t.match(missing.err, '找不到账号 nobody');
  const listed = await cli.run('users', 'list');
  t.match(listed.out, /lisi\s+系统管理员\s+全区\s+启用，待修改初始密码/);
});
