// The SPSS and Stata writers on the cases a round's data rarely shows at once, read back by PSPP and readstat: a text of
// 500 Chinese characters (1,500 bytes: an SPSS "very long string" in six segments), a question with four don't-know
// codes (an SPSS missing-value range), labels longer than the formats allow (cut on a character, never inside one),
// a missing datetime and a missing weight.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { tempDir } from '../../kit/app.js';
import { writeSav } from '../../../server/outputs/data-files/sav-writer.js';
import { writeDta } from '../../../server/outputs/data-files/dta-writer.js';
import type { DataSet } from '../../../server/outputs/data-files/data-set.js';

const LONG_TEXT = '路灯坏了请尽快修理'.repeat(56).slice(0, 500);
const LONG_LABEL = '很长的变量标签'.repeat(60);

const DATA: DataSet = {
  label: '写入测试',
  weight: 'g',
  variables: [
    { name: 'id', label: '编号', kind: 'number', decimals: 0 },
    {
      name: 'Q9', label: LONG_LABEL, kind: 'number', decimals: 0,
      valueLabels: [[1, '满意'], [2, '不满意'], [98, '不清楚'], [99, '说不清'], [100, '拒答'], [101, '其他非实质']],
      missing: [98, 99, 100, 101],
    },
    { name: 'g', label: '权重', kind: 'number', decimals: 6 },
    { name: 'when', label: '提交时间', kind: 'datetime' },
    { name: 'S9', label: '意见建议', kind: 'text' },
  ],
  rows: [
    [1, 1, 2.25, Date.UTC(2026, 9, 31, 23, 59), LONG_TEXT],
    [2, 99, 1.5, null, '好'],
    [3, 101, null, Date.UTC(2026, 0, 1, 0, 0), ''],
  ],
};

t.test('PSPP reads a very long string, a missing-value range and cut labels', async (t) => {
  const dir = tempDir(t, 'sav');
  const sav = join(dir, 'w.sav');
  writeFileSync(sav, writeSav(DATA));
  writeFileSync(join(dir, 'w.sps'), [
    'SET TVARS=NAMES.', `GET FILE='${sav}'.`, 'DISPLAY DICTIONARY.',
    "COMPUTE len = LENGTH(RTRIM(S9)).", "COMPUTE day = XDATE.MDAY(when).", 'FORMATS len day (F8.0).', 'LIST id Q9 g len day.',
  ].join('\n'));
  execFileSync('pspp', ['-o', join(dir, 'out.csv'), join(dir, 'w.sps')], { stdio: 'pipe' });
  const out = readFileSync(join(dir, 'out.csv'), 'utf8');
  t.match(out, /^S9,\d+,意见建议,.*A1500/m, 'one text variable 1,500 bytes wide');
  t.match(out, /^Q9,.*,98 THRU 101$/m, 'four don\'t-know codes as a range');
  t.match(out, /^,101\[a\],其他非实质$/m);
  const label = /^Q9,\d+,([^,]*),/m.exec(out)?.[1] ?? '';
  t.ok(label.length > 50 && LONG_LABEL.startsWith(label), 'a long label is cut on a character boundary');
  const list = parse(out.slice(out.lastIndexOf('Table: Data List')).split('\n').slice(1).join('\n'), { columns: true, relax_column_count: true }) as Array<Record<string, string>>;
  // LENGTH counts bytes in a UTF-8 file: 500 characters of 3 bytes.
  t.same(list.map((r) => [r.id, r.Q9, r.len, r.day]), [['1', '1', '1500', '31'], ['2', '99', '3', '.'], ['3', '101', '0', '1']]);
  t.equal(list[2].g.trim(), '.', 'a missing weight is system-missing');
});

t.test('readstat reads the Stata file: long text, don\'t-know codes as .a–.d with their labels, and datetimes', async (t) => {
  const dir = tempDir(t, 'dta');
  const dta = join(dir, 'w.dta');
  writeFileSync(dta, writeDta(DATA));
  execFileSync('extract_metadata', [dta, join(dir, 'meta.json')], { stdio: 'pipe' });
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { variables: Array<{ name: string; label?: string; categories?: Array<{ code: number | string; label: string }> }> };
  const q9 = meta.variables.find((v) => v.name === 'Q9');
  t.same(q9?.categories?.map((c) => [c.code, c.label]), [[1, '满意'], [2, '不满意'], ['.a', '不清楚'], ['.b', '说不清'], ['.c', '拒答'], ['.d', '其他非实质']]);
  t.ok(q9?.label && LONG_LABEL.startsWith(q9.label) && [...q9.label].length === 80, 'a label of at most 80 characters, as Stata allows');
  const rows = parse(execFileSync('readstat', [dta, '-']).toString('utf8'), { columns: true }) as Array<Record<string, string>>;
  t.equal(rows[0].S9, LONG_TEXT, 'the whole text');
  t.equal(rows[1].Q9, '', 'a don\'t-know is missing to Stata');
  // %tc: milliseconds since 1960-01-01.
  t.equal(Number(rows[0].when), Date.UTC(2026, 9, 31, 23, 59) - Date.UTC(1960, 0, 1));
  t.equal(rows[1].when, '');
  t.equal(Number(rows[0].g), 2.25);
});
