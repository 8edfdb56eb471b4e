// `safepoll rounds create|open|close|list`: defaults, the state changes, and clear refusals of bad input.
import t from 'tap';
import { cliKit, fixturePath } from '../kit/cli.js';

async function withUnits(t: Parameters<typeof cliKit>[0]) {
  const cli = cliKit(t);
  const res = await cli.run('units', 'import', fixturePath('units-good.csv'));
  if (res.code !== 0) throw new Error(res.err);
  return cli;
}

t.test('create over the whole district by default, then open and close', async (t) => {
  const cli = await withUnits(t);
  const created = await cli.run('rounds', 'create', '--survey', 'hunan-100', '--period', '2025-03');
  t.equal(created.code, 0, created.err);
  t.match(created.out, '已创建轮次 2025-03-hunan-100（草稿）');
  t.match(created.out, '单位 D9（3 个网格），每网格配额 10，最低样本量 5，收集方式 web,phone,paper');
  const stored = cli.inspect((r) => r.rounds.getByCode('2025-03-hunan-100'));
  t.equal(stored?.state, 'draft');

  const opened = await cli.run('rounds', 'open', '2025-03-hunan-100');
  t.equal(opened.code, 0, opened.err);
  t.match(opened.out, '轮次 2025-03-hunan-100 已开启');
  const again = await cli.run('rounds', 'open', '2025-03-hunan-100');
  t.equal(again.code, 1);
  t.match(again.err, '轮次 2025-03-hunan-100 已经是进行中状态');

  const closed = await cli.run('rounds', 'close', '2025-03-hunan-100');
  t.equal(closed.code, 0, closed.err);
  t.match(closed.out, '已结束');
  const reopen = await cli.run('rounds', 'open', '2025-03-hunan-100');
  t.equal(reopen.code, 1);
  t.match(reopen.err, '当前为已结束状态，不能开启');
  const state = cli.inspect((r) => r.rounds.getByCode('2025-03-hunan-100'));
  t.equal(state?.state, 'closed');
  t.type(state?.closedAt, 'string');
});

t.test('create with every option, and the list', async (t) => {
  const cli = await withUnits(t);
  const res = await cli.run('rounds', 'create', '--survey', 'shaanxi-9rates', '--period', '2025-04', '--units', 'D9-T1,D9-T2-V1',
    '--quota', '3', '--min', '2', '--kind', 'adhoc', '--channels', 'phone,paper');
  t.equal(res.code, 0, res.err);
  const round = cli.inspect((r) => r.rounds.getByCode('2025-04-shaanxi-9rates-adhoc'));
  t.equal(round?.kind, 'adhoc');
  t.equal(round?.quotaPerGrid, 3);
  t.equal(round?.minSample, 2);
  t.same(round?.channels, ['phone', 'paper']);
  t.equal(round?.unitIds.length, 2);
  await cli.run('rounds', 'create', '--survey', 'hunan-100', '--period', '2025-05');
  const list = await cli.run('rounds', 'list');
  t.equal(list.code, 0);
  const lines = list.out.split('\n');
  t.equal(lines[0], 'code\tstate\tperiod\tkind\tsurvey\tgrids\tcomplete\tscreened_out');
  t.same(lines.slice(1), [
    '2025-05-hunan-100\t草稿\t2025-05\tmonthly\thunan-100\t3\t0\t0',
    '2025-04-shaanxi-9rates-adhoc\t草稿\t2025-04\tadhoc\tshaanxi-9rates\t3\t0\t0',
  ]);
});

t.test('bad input is refused with a message and nothing is created', async (t) => {
  const cli = await withUnits(t);
  const cases: Array<[string[], string]> = [
    [['--period', '2025-03'], '缺少 --survey'],
    [['--survey', 'hunan-100'], '缺少 --period'],
    [['--survey', 'nope', '--period', '2025-03'], '问卷 "nope" 不存在；可用的问卷：hunan-100、shaanxi-9rates'],
    [['--survey', 'hunan-100', '--period', '2025-13'], '期间格式不正确'],
    [['--survey', 'hunan-100', '--period', '2025-03', '--units', 'D9,XX'], '找不到这些单位：XX'],
    [['--survey', 'hunan-100', '--period', '2025-03', '--quota=-1'], '每网格配额必须是不小于 0 的整数'],
    [['--survey', 'hunan-100', '--period', '2025-03', '--kind', 'weekly'], '请选择轮次类型'],
    [['--survey', 'hunan-100', '--period', '2025-03', '--channels', 'web,fax'], '未知的收集方式：fax'],
  ];
  for (const [args, message] of cases) {
    const res = await cli.run('rounds', 'create', ...args);
    t.equal(res.code, 1, args.join(' '));
    t.match(res.err, message);
  }
  t.equal(cli.inspect((r) => r.rounds.list().length), 0);
  await cli.run('rounds', 'create', '--survey', 'hunan-100', '--period', '2025-03');
  const twice = await cli.run('rounds', 'create', '--survey', 'hunan-100', '--period', '2025-03');
  t.equal(twice.code, 1);
  t.match(twice.err, '该轮次已经存在：2025-03-hunan-100');
  const unknown = await cli.run('rounds', 'close', '1999-01-none');
  t.equal(unknown.code, 1);
  t.match(unknown.err, '找不到轮次 "1999-01-none"');
  const draftClose = await cli.run('rounds', 'close', '2025-03-hunan-100');
  t.equal(draftClose.code, 1);
  t.match(draftClose.err, '当前为草稿状态，不能结束');
});

t.test('without units there is nothing to poll', async (t) => {
  const cli = cliKit(t);
  const res = await cli.run('rounds', 'create', '--survey', 'hunan-100', '--period', '2025-03');
  t.equal(res.code, 1);
  t.match(res.err, '请先用 safepoll units import 导入单位');
});

t.test('a sweep is phone only by default, and a second round taking web answers cannot open', async (t) => {
  const cli = await withUnits(t);
  t.equal((await cli.run('rounds', 'create', '--survey', 'hunan-100', '--period', '2025-03')).code, 0);
  t.equal((await cli.run('rounds', 'open', '2025-03-hunan-100')).code, 0);
  const sweep = await cli.run('rounds', 'create', '--survey', 'hunan-100', '--period', '2025-H1', '--kind', 'sweep');
  t.equal(sweep.code, 0, sweep.err);
  t.match(sweep.out, '收集方式 phone');
  t.equal((await cli.run('rounds', 'open', '2025-H1-hunan-100-sweep')).code, 0, 'opens beside the monthly round');
  t.equal((await cli.run('rounds', 'create', '--survey', 'hunan-100', '--period', '2025-04', '--kind', 'adhoc')).code, 0);
  const refused = await cli.run('rounds', 'open', '2025-04-hunan-100-adhoc');
  t.equal(refused.code, 1);
  t.match(refused.err, '正由进行中的轮次 2025-03-hunan-100（');
});
