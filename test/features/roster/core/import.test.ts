// The roster file checks on plain rows: headers in Chinese or English, what a header or an empty file lacks, and
// every bad row reported with its line and column.
import t from 'tap';
import { checkRosterRows, describeRosterError, type GridLookup } from '../../../../server/features/roster/core/import.js';
import { readCsvRows } from '../../../../server/core/tables/table-file.js';

const grid: GridLookup = (code) => ({ G1: { id: 1, isGrid: true, inScope: true }, G2: { id: 2, isGrid: true, inScope: false } })[code];
const none = () => new Set<string>();

function check(csv: string, known: (c: readonly string[]) => ReadonlySet<string> = none) {
  const read = readCsvRows(Buffer.from(csv));
  if (!read.ok) throw new Error(read.problem);
  return checkRosterRows(read.rows, { grid, known });
}

t.test('Chinese and English headers, optional columns, canonical numbers', async (t) => {
  const zh = check('网格编码,手机号码,人员类别,姓名,备注\nG1,138 1234 1234,流动人口,王五,"晚上\n再打"\n');
  t.same(zh.errors, []);
  t.same(zh.contacts, [{ line: 2, gridId: 1, kind: 'mobile', canonical: '13812341234', masked: '138****1234', category: '流动人口', name: '王五', note: '晚上\n再打' }]);
  const en = check('Grid_Code,Phone\n\nG1,(0731) 8412-3456\n');
  t.same(en.contacts.map((c) => [c.line, c.canonical, c.category]), [[3, '0731-84123456', null]]);
});

t.test('what a header or a file lacks', async (t) => {
  t.same(check('').errors.map(describeRosterError), ['第 1 行：文件是空的：第一行应为表头 网格编码,号码,类别,姓名,备注']);
  t.match(check('网格,类别,电话簿\nG1,x,y').errors.map(describeRosterError).join('\n'), /缺少“号码”列[\s\S]*未知的列“电话簿”/);
  t.match(check('grid,phone\n').errors[0].problem, '只有表头');
});

t.test('every bad row with its line and column; the good ones are not stored alone', async (t) => {
  const csv = ['grid,phone,category', 'G1,13812341234,常住居民', 'G2,13912341234,', ',13712341234,', 'G1,13812341234,', 'G1,13612341234,' + 'x'.repeat(21)].join('\n');
  const { errors } = check(csv, (c) => new Set(c.filter((n) => n === '13612341234')));
  t.same(errors.map(describeRosterError), [
    '第 3 行“grid”列：网格“G2”不在您的管辖范围内',
    '第 4 行“grid”列：缺少网格编码',
    '第 5 行“phone”列：号码 138****1234 在文件中重复（与第 2 行相同）',
    '第 6 行“category”列：类别过长（最多 20 个字）',
  ]);
  const known = check('grid,phone\nG1,13612341234', (c) => new Set(c));
  t.same(known.errors.map(describeRosterError), ['第 2 行“phone”列：号码 136****1234 已在民调数据库中']);
  t.same(known.contacts, []);
});

t.test('a category outside the list is refused on its row, an empty one is allowed', async (t) => {
  const csv = ['grid,phone,category', 'G1,13812341234,常住居民', 'G1,13912341234,', 'G1,13712341234,居民', 'G1,13612341234, 企业 '].join('\n');
  const { errors, contacts } = check(csv);
  t.same(errors.map(describeRosterError), ['第 4 行“category”列：类别“居民”不在类别列表中（可填：常住居民、流动人口、企业、学校、重点人群，或留空）']);
  t.same(contacts.map((c) => c.category), ['常住居民', null, '企业'], 'known categories (trimmed) and empty ones pass');
});
