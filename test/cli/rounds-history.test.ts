// A round opened and closed from the command line shows in the round's history on the staff page, as a change by
// the command line: the CLI records the same `round.open` / `round.close` actions as the web (it used to record
// `cli.rounds.open`, which the round's history never listed).
import t from 'tap';
import { join } from 'node:path';
import { build, logIn } from '../kit/app.js';
import { openRound, smallDistrict } from '../kit/fixtures.js';
import { runCli } from '../../server/cli/main.js';

const PASSWORD = 'committee password';

t.test('open and close from the CLI appear in the round page history, by the command line', async (t) => {
  let code = '';
  const { app, dir, db } = await build(t, { seed: (repos) => {
    smallDistrict(repos);
    repos.users.create({ username: 'committee', displayName: '政法委张三', password: PASSWORD, role: 'committee', unitId: null });
    const round = openRound(repos);
    code = round.code;
  } });
  // openRound opened it through the repository; make a draft to open from the CLI as well.
  const draftCode = await (async () => {
    const out: string[] = [];
    const err: string[] = [];
    const env = { SAFEPOLL_DB: join(dir, 'test.db') };
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    // The open round is closed first: two open rounds may not take the same grids' resident links.
    t.equal(await runCli(['rounds', 'close', code], io, env), 0, err.join('\n'));
    const created = await runCli(['rounds', 'create', '--survey', 'hunan-100', '--period', '2025-02'], io, env);
    t.equal(created, 0, err.join('\n'));
    t.equal(await runCli(['rounds', 'open', '2025-02-hunan-100'], io, env), 0, err.join('\n'));
    t.equal(await runCli(['rounds', 'close', '2025-02-hunan-100'], io, env), 0, err.join('\n'));
    return '2025-02-hunan-100';
  })();

  const s = await logIn(app, 'committee', PASSWORD);
  const page = await s.get(`/rounds/${draftCode}`);
  t.equal(page.statusCode, 200);
  const history = page.body.slice(page.body.indexOf('操作记录'));
  t.match(history, /系统\/命令行<\/td><td>新建轮次/);
  t.match(history, /系统\/命令行<\/td><td>开始轮次/);
  t.match(history, /系统\/命令行<\/td><td>结束轮次/);

  const other = await s.get(`/rounds/${code}`);
  t.match(other.body, /系统\/命令行<\/td><td>结束轮次/, 'a round opened elsewhere and closed from the CLI');

  const details = db.prepare<[], { action: string; detail: string }>("SELECT action, detail FROM audit_log WHERE action LIKE 'round.%' ORDER BY id").all();
  t.same(details.map((d) => d.action), ['round.close', 'round.create', 'round.open', 'round.close']);
  t.ok(details.every((d) => JSON.parse(d.detail).by === 'cli'), 'the detail records that the CLI acted');
});
