// `safepoll responses import ROUND FILE.csv`: rows are checked like web submissions; all rows are stored or none.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { cliKit, fixturePath, type CliKit } from '../kit/cli.js';

const ROUND = '2025-03-hunan-100';

/** Units imported, a round over township D9-T1 only (two grids), opened. */
async function openRound(t: Parameters<typeof cliKit>[0], open = true): Promise<CliKit> {
  const cli = cliKit(t);
  for (const argv of [
    ['units', 'import', fixturePath('units-good.csv')],
    ['rounds', 'create', '--survey', 'hunan-100', '--period', '2025-03', '--units', 'D9-T1'],
    ...(open ? [['rounds', 'open', ROUND]] : []),
  ]) {
    const res = await cli.run(...argv);
    if (res.code !== 0) throw new Error(res.err);
  }
  return cli;
}

const good = readFileSync(fixturePath('responses-good.csv'), 'utf8');
const [header, row1, row2] = good.trim().split('\n');

t.test('a good file is stored whole: answers, screen-outs, receipts, channel paper', async (t) => {
  const cli = await openRound(t);
  const res = await cli.run('responses', 'import', ROUND, fixturePath('responses-good.csv'));
  t.equal(res.code, 0, res.err);
  t.match(res.out, `已导入 4 份答卷到轮次 ${ROUND}（完成 3，甄别退出 1），来自 2 个网格`);
  cli.inspect((repos) => {
    const round = repos.rounds.getByCode(ROUND);
    if (!round) throw new Error('round missing');
    const g1 = repos.units.getByCode('D9-T1-V1-G1')?.id ?? -1;
    const g2 = repos.units.getByCode('D9-T1-V1-G2')?.id ?? -1;
    const counts = repos.responses.countByGrid(round.id);
    t.same(counts.get(g1), { complete: 2, screenedOut: 0 });
    t.same(counts.get(g2), { complete: 1, screenedOut: 1 });
    const receipts = repos.receipts.listForRound(round.id);
    t.ok(receipts.some((r) => r.source === 'suggestion' && r.body === '晚上路灯不亮，希望尽快修好'), 'the suggestion, comma and all');
    t.ok(receipts.some((r) => r.source === 'follow_up' && r.questionId === 'Q1'), 'the unsafe answer opens a follow-up');
  });
  const list = await cli.run('rounds', 'list');
  t.match(list.out, `${ROUND}\t进行中\t2025-03\tmonthly\thunan-100\t2\t3\t1`);
});

t.test('every bad row is reported with its line and question, and nothing is stored', async (t) => {
  const cli = await openRound(t);
  const cells = (row: string) => row.split(',');
  const withCell = (row: string, column: string, value: string) => {
    const c = cells(row);
    c[cells(header).indexOf(column)] = value;
    return c.join(',');
  };
  const file = cli.file('bad.csv', [
    header,
    row1, // line 2: good
    withCell(row1, 'Q3', 'Z'), // 3: unknown option code
    withCell(row1, 'Q5', ''), // 4: required answer missing
    withCell(row1, 'Q1a', 'A'), // 5: answer to a hidden question
    withCell(row1, 'Q2', 'A;B'), // 6: two codes on a single choice
    withCell(row1, 'grid', 'D9-T2-V1-G1'), // 7: grid outside the round
    withCell(row1, 'grid', 'NOPE'), // 8: unknown grid
    withCell(row1, 'grid', 'D9-T1-V1'), // 9: a village, not a grid
    `${row1},extra`, // 10: a column too many
  ].join('\n'));
  const res = await cli.run('responses', 'import', ROUND, file);
  t.equal(res.code, 1);
  t.match(res.err, '没有导入任何答卷');
  t.match(res.err, /第 3 行：Q3：/);
  t.match(res.err, /第 4 行：Q5：/);
  t.match(res.err, '第 5 行：Q1a：此题不应作答');
  t.match(res.err, '第 6 行：Q2：此题只能选一项');
  t.match(res.err, `第 7 行：网格 "D9-T2-V1-G1" 不在轮次 ${ROUND} 的范围内`);
  t.match(res.err, '第 8 行：网格编码 "NOPE" 不存在');
  t.match(res.err, '第 9 行："D9-T1-V1" 不是网格');
  t.match(res.err, '第 10 行：应有 21 列，实际有 22 列');
  t.notMatch(res.err, '第 2 行', 'the good row is not blamed');
  t.equal(res.out, '');
  cli.inspect((repos) => {
    const round = repos.rounds.getByCode(ROUND);
    t.equal(repos.responses.countByGrid(round?.id ?? -1).size, 0, 'not even the good row');
  });
});

t.test('an unknown column, a draft or closed round, a missing round', async (t) => {
  const cli = await openRound(t, false);
  const draft = await cli.run('responses', 'import', ROUND, fixturePath('responses-good.csv'));
  t.equal(draft.code, 1);
  t.match(draft.err, '尚未开启');
  await cli.run('rounds', 'open', ROUND);
  const unknown = await cli.run('responses', 'import', ROUND, cli.file('unknown.csv', `${header},Q99\n${row2},A\n`));
  t.equal(unknown.code, 1);
  t.match(unknown.err, '问卷 hunan-100 中没有题目 "Q99"（未知的列）');
  const firstColumn = await cli.run('responses', 'import', ROUND, cli.file('first.csv', `S1,grid\n1,D9-T1-V1-G1\n`));
  t.equal(firstColumn.code, 1);
  t.match(firstColumn.err, '第一列应为 grid');
  await cli.run('rounds', 'close', ROUND);
  const closed = await cli.run('responses', 'import', ROUND, fixturePath('responses-good.csv'));
  t.equal(closed.code, 1);
  t.match(closed.err, '已结束，不再接收答卷');
  const missing = await cli.run('responses', 'import', '2030-01-none', fixturePath('responses-good.csv'));
  t.equal(missing.code, 1);
  t.match(missing.err, '找不到轮次');
  cli.inspect((repos) => t.equal(repos.responses.countByGrid(repos.rounds.getByCode(ROUND)?.id ?? -1).size, 0));
});
