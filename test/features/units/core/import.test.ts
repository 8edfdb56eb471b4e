// The units CSV check: a good file in any order, BOM and Chinese level names, and every kind of bad row reported.
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseUnitsCsv } from '../../../../server/features/units/core/import.js';
import type { UnitLevel } from '../../../../server/core/units/unit.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', name), 'utf8');
const none = new Map<string, UnitLevel>();
const HEADER = 'code,name,parent_code,level,population,households';

t.test('a good file gives every row, whatever the order', async (t) => {
  const { rows, errors } = parseUnitsCsv(fixture('units-good.csv'), none);
  t.same(errors, []);
  t.equal(rows.length, 8);
  t.same(rows.find((r) => r.code === 'D9-T1-V1-G1'), {
    code: 'D9-T1-V1-G1', name: '一号网格', parentCode: 'D9-T1-V1', level: 'grid', population: 1200, households: 400,
  });
  t.same(rows.find((r) => r.code === 'D9'), { code: 'D9', name: '新城区', parentCode: null, level: 'district', population: null, households: null });
});

t.test('a BOM, Chinese level names, Chinese headers, spaces and CRLF are accepted', async (t) => {
  const text = '\uFEFF编码,名称,上级编码,层级,人口,户数\r\nA,甲县,,县,,\r\nA-1,乙街道, A ,街道,,\r\nA-1-1,丙社区,A-1,社区,,\r\nA-1-1-1,丁网格,A-1-1,网格, 300 ,90\r\nA-2,戊镇,A,乡镇,,\r\nA-2-1,己村,A-2,村/社区,,\r\n';
  const { rows, errors } = parseUnitsCsv(text, none);
  t.same(errors, []);
  t.same(rows.map((r) => r.level), ['district', 'township', 'village', 'grid', 'township', 'village']);
  t.equal(rows[0].code, 'A', 'no BOM left in the first code');
  t.equal(rows[1].parentCode, 'A', 'trimmed');
  t.equal(rows[3].population, 300);
});

t.test('rows may hang under units already in the database', async (t) => {
  const existing = new Map<string, UnitLevel>([['D01', 'district'], ['D01-T1', 'township']]);
  const { rows, errors } = parseUnitsCsv(`${HEADER}\nD01-T1-V9,新村,D01-T1,village,,\nD01-T1-V9-G1,新网格,D01-T1-V9,grid,10,3\n`, existing);
  t.same(errors, []);
  t.equal(rows.length, 2);
});

t.test('every bad row is reported with its line, in Chinese', async (t) => {
  const { errors } = parseUnitsCsv(fixture('units-bad.csv'), none);
  const at = (line: number) => errors.filter((e) => e.line === line).map((e) => e.problem).join(' | ');
  t.match(at(4), '第 4 行：上级编码 "D8-T9" 不存在', 'unknown parent');
  t.match(at(5), /第 5 行：单位编码 "D8-T1-V1" 重复（与第 4 行相同）/, 'duplicate in the file');
  t.match(at(6), '缺少单位名称');
  t.match(at(7), '层级 "hamlet" 无效');
  t.match(at(8), '网格的上级应为村（社区），但 "D8-T1" 是乡镇（街道）', 'skips a level');
  t.match(at(9), '只能有一个区/县根节点，第 2 行已有一个');
  t.match(at(10), '人口 "-5" 不能为负数');
  t.match(at(11), '户数 "2.5" 必须是不小于 0 的整数');
  t.match(at(12), '应有 6 列，实际有 4 列');
  t.equal(at(2), '', 'good rows are not blamed');
  t.equal(at(3), '');
  t.same([...new Set(errors.map((e) => e.line))], [4, 5, 6, 7, 8, 9, 10, 11, 12], 'sorted by line');
  t.equal(errors.find((e) => e.line === 4)?.code, 'D8-T1-V1');
});

t.test('codes already in the database, a second root and a district with a parent are refused', async (t) => {
  const existing = new Map<string, UnitLevel>([['D01', 'district'], ['D01-T1', 'township']]);
  const { errors } = parseUnitsCsv(`${HEADER}\nD01-T1,重名街道,D01,township,,\nD02,新区,,district,,\nD03,怪区,D01,district,,\nD01-T2,无上级街道,,township,,\n`, existing);
  t.match(errors[0].problem, '第 2 行：单位编码 "D01-T1" 已存在于数据库中');
  t.match(errors[1].problem, '第 3 行：只能有一个区/县根节点，数据库中已有 "D01"');
  t.match(errors[2].problem, '第 4 行：区/县是最高层级，不能有上级编码');
  t.match(errors[3].problem, '第 5 行：乡镇（街道）必须填写上级编码');
});

t.test('a broken header, an empty file, a header alone and unclosed quotes', async (t) => {
  t.match(parseUnitsCsv('code,name,level\nA,甲,district\n', none).errors, [
    { line: 1, problem: /表头缺少 parent_code 列/ },
    { line: 1, problem: /表头缺少 population 列/ },
    { line: 1, problem: /表头缺少 households 列/ },
  ]);
  t.match(parseUnitsCsv(`${HEADER},colour\nA,甲,,district,,,red\n`, none).errors, [{ line: 1, problem: /未知的列 "colour"/ }]);
  t.match(parseUnitsCsv('', none).errors, [{ line: 1, problem: /文件是空的/ }]);
  t.match(parseUnitsCsv(`${HEADER}\n`, none).errors, [{ problem: /没有单位数据/ }]);
  const broken = parseUnitsCsv(`${HEADER}\nA,"甲,,district,,\n`, none);
  t.equal(broken.rows.length, 0);
  t.match(broken.errors, [{ problem: /CSV 格式错误/ }]);
});

t.test('a quoted field over two lines keeps the following line numbers right', async (t) => {
  const { errors } = parseUnitsCsv(`${HEADER}\nA,"甲\n区",,district,,\nA-1,乙,NOPE,township,,\n`, none);
  t.match(errors, [{ line: 4, problem: /上级编码 "NOPE" 不存在/ }]);
});

t.test('rows whose parents point at each other are reported as a loop', async (t) => {
  const text = `${HEADER}\nD,区,,district,,\nA,甲村,B,village,,\nB,乙村,C,village,,\nC,丙村,A,village,,\nE,自己,E,township,,\nF,丁镇,D,township,,\n`;
  const { rows, errors } = parseUnitsCsv(text, none);
  for (const line of [3, 4, 5]) {
    t.ok(errors.some((e) => e.line === line && /上级关系形成循环 "A" → "B" → "C" → "A"/.test(e.problem)), `line ${line} names the loop`);
  }
  t.match(errors.find((e) => e.line === 6)?.problem, '上级编码不能是自己（"E"）');
  t.same(rows.map((r) => r.code), ['D', 'F'], 'only the rows outside the loop pass');
});

t.test('the order of the rows does not change the result', async (t) => {
  const lines = fixture('units-good.csv').trim().split('\n');
  const [header, ...body] = lines;
  const sorted = (rows: ReturnType<typeof parseUnitsCsv>['rows']) => [...rows].sort((a, b) => a.code.localeCompare(b.code));
  const forward = parseUnitsCsv([header, ...body].join('\n'), none);
  const backward = parseUnitsCsv([header, ...[...body].reverse()].join('\n'), none);
  t.same(backward.errors, []);
  t.same(sorted(backward.rows), sorted(forward.rows));
});

t.test('unit codes are letters, digits, - and _ only; __proto__ under constructor is refused', async (t) => {
  const text = `${HEADER}\nD1,区,,district,,\nconstructor,乡,D1,township,,\nV1,村,constructor,village,,\n__proto__,网格,V1,grid,10,3\n` +
    `D1-T 2,空格乡,D1,township,,\n<b>,标签乡,D1,township,,\n${'A'.repeat(41)},长乡,D1,township,,\nD1-T3,好乡,D1,township,,\n`;
  const { rows, errors } = parseUnitsCsv(text, none);
  const at = (line: number) => errors.filter((e) => e.line === line).map((e) => e.problem).join(' | ');
  t.match(at(3), '第 3 行：单位编码 "constructor" 是系统保留字');
  t.match(at(5), '第 5 行：单位编码 "__proto__" 无效：只能由字母、数字、“-”和“_”组成');
  t.match(at(6), '单位编码 "D1-T 2" 无效');
  t.match(at(7), '单位编码 "<b>" 无效');
  t.match(at(8), '长度 1–40 个字符');
  t.equal(at(9), '', 'a good code next to them passes');
  t.notOk(rows.some((r) => r.code === '__proto__' || r.code === 'constructor'), 'neither is kept');
  t.ok(rows.some((r) => r.code === 'D1-T3'));
  t.ok(parseUnitsCsv(`${HEADER}\nX_1-a,区,,district,,\n`, none).errors.length === 0, 'underscore and dash inside a code are fine');
});
