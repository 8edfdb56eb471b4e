// `safepoll units import|list`: a good file is stored whole, a bad one not at all, with every bad row reported.
import t from 'tap';
import { cliKit, fixturePath } from '../kit/cli.js';

t.test('help lists every command, and each command explains itself', async (t) => {
  const cli = cliKit(t);
  const help = await cli.run('help');
  t.equal(help.code, 0);
  for (const words of ['units import FILE.csv', 'units list', 'rounds create', 'rounds open ROUND', 'rounds close ROUND', 'rounds list', 'responses import ROUND FILE.csv', 'simulate ROUND']) {
    t.match(help.out, `safepoll ${words}`);
  }
  const one = await cli.run('units', 'import', '--help');
  t.equal(one.code, 0);
  t.match(one.out, 'code,name,parent_code,level,population,households');
  t.same(await cli.run('help', 'rounds', 'create'), { code: 0, out: (await cli.run('rounds', 'create', '--help')).out, err: '' });
  const unknown = await cli.run('frobnicate');
  t.equal(unknown.code, 2);
  t.match(unknown.err, '未知的命令 "frobnicate"');
  const sub = await cli.run('units', 'explode');
  t.equal(sub.code, 2);
  t.match(sub.err, 'safepoll units import FILE.csv');
  const args = await cli.run('units', 'import');
  t.equal(args.code, 2);
  t.match(args.err, '参数个数不对');
  const option = await cli.run('units', 'list', '--colour', 'red');
  t.equal(option.code, 2);
  t.match(option.err, 'colour');
});

t.test('a good file is imported in any order and listed', async (t) => {
  const cli = cliKit(t);
  const res = await cli.run('units', 'import', fixturePath('units-good.csv'));
  t.equal(res.code, 0, res.err);
  t.match(res.out, '已导入 8 个单位：区（县） 1，乡镇（街道） 2，村（社区） 2，网格 3；现共有 8 个单位');
  const list = await cli.run('units', 'list', '--level', '网格');
  t.equal(list.code, 0);
  const lines = list.out.split('\n');
  t.equal(lines[0], 'code\tname\tlevel\tparent_code\tpopulation\thouseholds');
  t.same(lines.slice(1), [
    'D9-T1-V1-G1\t一号网格\t网格\tD9-T1-V1\t1200\t400',
    'D9-T1-V1-G2\t二号网格\t网格\tD9-T1-V1\t980\t330',
    'D9-T2-V1-G1\t和平一网格\t网格\tD9-T2-V1\t1500\t520',
  ]);
  t.match(list.err, '共 3 个单位');
  t.equal((await cli.run('units', 'list')).out.split('\n').length, 9);
  const tree = await cli.run('units', 'list', '--tree');
  t.equal(tree.code, 0, tree.err);
  t.same(tree.out.split('\n'), [
    'D9 新城区【区（县），下辖网格 3】',
    '  D9-T1 河东街道【乡镇（街道），下辖网格 2】',
    '    D9-T1-V1 幸福村【村（社区），下辖网格 2】',
    '      D9-T1-V1-G1 一号网格【网格，人口 1200】',
    '      D9-T1-V1-G2 二号网格【网格，人口 980】',
    '  D9-T2 河西镇【乡镇（街道），下辖网格 1】',
    '    D9-T2-V1 和平社区【村（社区），下辖网格 1】',
    '      D9-T2-V1-G1 和平一网格【网格，人口 1500】',
  ]);
  const shallow = await cli.run('units', 'list', '--tree', '--level', 'township');
  t.same(shallow.out.split('\n'), ['D9 新城区【区（县），下辖网格 3】', '  D9-T1 河东街道【乡镇（街道），下辖网格 2】', '  D9-T2 河西镇【乡镇（街道），下辖网格 1】']);
  const badLevel = await cli.run('units', 'list', '--level', 'planet');
  t.equal(badLevel.code, 1);
  t.match(badLevel.err, '层级 "planet" 无效');

  // Importing the same file again: every code is already there, nothing changes.
  const again = await cli.run('units', 'import', fixturePath('units-good.csv'));
  t.equal(again.code, 1);
  t.match(again.err, '第 2 行：单位编码 "D9-T1-V1-G1" 已存在于数据库中');
  t.match(again.err, '没有导入任何单位');
  t.equal(cli.inspect((r) => r.units.count()), 8);
});

t.test('a bad file reports every bad row and stores nothing', async (t) => {
  const cli = cliKit(t);
  const res = await cli.run('units', 'import', fixturePath('units-bad.csv'));
  t.equal(res.code, 1);
  t.match(res.err, 'units-bad.csv 有 9 处错误，没有导入任何单位');
  for (const line of [4, 5, 6, 7, 8, 9, 10, 11, 12]) t.match(res.err, `第 ${line} 行：`);
  t.match(res.err, '上级编码 "D8-T9" 不存在');
  t.equal(res.out, '');
  t.equal(cli.inspect((r) => r.units.count()), 0, 'not even the good rows');
});

t.test('a missing file, a GBK file and a file with a BOM', async (t) => {
  const cli = cliKit(t);
  const missing = await cli.run('units', 'import', `${cli.dir}/nope.csv`);
  t.equal(missing.code, 1);
  t.match(missing.err, '文件不存在');
  // "甲县" in GBK: not UTF-8.
  const gbk = cli.file('gbk.csv', Buffer.concat([Buffer.from('code,name,parent_code,level,population,households\nA,'), Buffer.from([0xbc, 0xd7, 0xcf, 0xd8]), Buffer.from(',,district,,\n')]));
  const res = await cli.run('units', 'import', gbk);
  t.equal(res.code, 1);
  t.match(res.err, '不是 UTF-8 编码');
  const bom = cli.file('bom.csv', '\uFEFFcode,name,parent_code,level,population,households\r\nA,甲县,,区（县）,,\r\nA-1,乙镇,A,乡镇（街道）,,\r\n');
  const ok = await cli.run('units', 'import', bom);
  t.equal(ok.code, 0, ok.err);
  t.equal(cli.inspect((r) => r.units.getByCode('A')?.name), '甲县');
});

t.test('a wrong configuration is reported, not thrown', async (t) => {
  const { runCli } = await import('../../server/cli/main.js');
  const err: string[] = [];
  const code = await runCli(['units', 'list'], { out: () => {}, err: (s) => err.push(s) }, { SAFEPOLL_DB: '', SAFEPOLL_SEED_DEMO: 'maybe' });
  t.equal(code, 1);
  t.match(err.join('\n'), 'SAFEPOLL_SEED_DEMO must be 1 or 0');
});
