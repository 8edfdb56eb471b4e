// safepoll roster import FILE: a good CSV or XLSX is imported; a bad one lists every problem and imports nothing.
import t from 'tap';
import ExcelJS from 'exceljs';
import { cliKit } from '../kit/cli.js';
import { smallDistrict } from '../kit/fixtures.js';

function allGrids(kit: ReturnType<typeof cliKit>): number {
  return kit.inspect((repos) => repos.contacts.count({ gridIds: repos.units.all().map((u) => u.id) }));
}

t.test('imports a CSV with BOM and Chinese headers, then refuses the same numbers again', async (t) => {
  const kit = cliKit(t);
  kit.inspect((repos) => smallDistrict(repos));
  const file = kit.file('roster.csv', '\uFEFF网格编码,号码,类别\nD01-T1-V1-G1,13812341234,常住居民\nD01-T2-V1-G1,0731-84123456,企业\n');
  const ok = await kit.run('roster', 'import', file);
  t.equal(ok.code, 0, ok.err);
  t.match(ok.out, '已导入 2 个号码：常住居民 1，企业 1');
  t.notMatch(ok.out + ok.err, '13812341234');
  const again = await kit.run('roster', 'import', file);
  t.equal(again.code, 1);
  t.match(again.err, '有 2 处错误，没有导入任何号码');
  t.match(again.err, '第 2 行“号码”列：号码 138****1234 已在民调数据库中');
  t.match(again.err, '第 3 行“号码”列：号码 0731-****3456 已在民调数据库中');
  t.equal(allGrids(kit), 2);
  t.equal(kit.inspect((repos) => repos.audit.byAction('roster.import')[0]?.detail), JSON.stringify({ source: 'cli', contacts: 2, byCategory: { 常住居民: 1, 企业: 1 } }));
});

t.test('imports an XLSX; refuses GBK, a missing file and an old .xls', async (t) => {
  const kit = cliKit(t);
  kit.inspect((repos) => smallDistrict(repos));
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('名单');
  sheet.addRow(['grid', 'phone', 'category', 'name', 'note']);
  sheet.addRow(['D01-T1-V1-G1', 13900001111, '学校', '李老师', '']);
  const xlsx = kit.file('roster.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  const ok = await kit.run('roster', 'import', xlsx);
  t.equal(ok.code, 0, ok.err);
  t.match(ok.out, '已导入 1 个号码：学校 1');

  const gbk = kit.file('gbk.csv', Buffer.from([0x67, 0x72, 0x69, 0x64, 0x2c, 0xba, 0xc5, 0xc2, 0xeb, 0x0a]));
  const refused = await kit.run('roster', 'import', gbk);
  t.equal(refused.code, 1);
  t.match(refused.err, '不是 UTF-8 编码（可能是 GBK）');
  t.match((await kit.run('roster', 'import', `${kit.dir}/missing.csv`)).err, '文件不存在');
  const xls = kit.file('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
  t.match((await kit.run('roster', 'import', xls)).err, '不支持旧版 Excel');
  t.equal(allGrids(kit), 1);
});
