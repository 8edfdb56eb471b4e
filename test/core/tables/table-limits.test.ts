// Upload bounds (docs/rules.md#upload-limits): an XLSX zip bomb is refused by its stated size before anything is
// inflated, and by its real size when its directory lies; rows and cells are capped before and while parsing, for XLSX
// and CSV alike; a read that runs out of time is ended and refused.
import t from 'tap';
import { checkXlsxArchive } from '../../../server/core/tables/zip-limits.js';
import { readCsvText, readTableFile, type TableLimits } from '../../../server/core/tables/table-file.js';
import { readUploadedTable } from '../../../server/platform/table-reader.js';
import { deflatedPart, xlsxOf, zipArchive, zipBombXlsx } from '../../kit/xlsx-archive.js';

const LIMITS: TableLimits = { maxFileBytes: 2 * 1024 * 1024, maxUnpackedBytes: 32 * 1024 * 1024, maxRows: 100, maxCells: 1_000 };
const rowsOf = (n: number, width = 2) => Array.from({ length: n }, (_, i) => Array.from({ length: width }, (_, c) => `r${i}c${c}`));

t.test('a zip bomb that tells its size is refused by its directory, one that lies while inflating', async (t) => {
  const honest = await zipBombXlsx(300);
  t.ok(honest.length < 2 * 1024 * 1024, `the bomb is small: ${honest.length} bytes`);
  t.same(checkXlsxArchive(honest, LIMITS), { ok: false, reason: 'too-large' });
  const liar = await zipBombXlsx(300, 4096);
  t.same(checkXlsxArchive(liar, LIMITS), { ok: false, reason: 'too-large' }, 'stops inflating at the limit');
  const read = await readTableFile(liar, LIMITS);
  t.same(read, { ok: false, line: 1, problem: '文件解压后超过 32 MB，可能已损坏或被特意构造，请检查文件或分批导入', status: 413 });
});

t.test('rows and cells are counted before the workbook is parsed', async (t) => {
  t.same(checkXlsxArchive(xlsxOf(rowsOf(100)), LIMITS), { ok: true, rows: 100, cells: 200 });
  t.same(checkXlsxArchive(xlsxOf(rowsOf(101)), LIMITS), { ok: false, reason: 'too-many-rows' });
  t.same(checkXlsxArchive(xlsxOf(rowsOf(50, 21)), LIMITS), { ok: false, reason: 'too-many-cells' });
  const read = await readTableFile(xlsxOf(rowsOf(101)), LIMITS);
  t.same(read, { ok: false, line: 1, problem: '文件行数超过上限（最多 100 行），请分批导入', status: 422 });
  const fine = await readTableFile(xlsxOf(rowsOf(100)), LIMITS);
  t.equal(fine.ok && fine.rows.length, 100);
  t.same(checkXlsxArchive(Buffer.from('PK\u0003\u0004 not a zip'), LIMITS), { ok: false, reason: 'unreadable' });
});

t.test('a CSV stops at the first row or cell past its limit', async (t) => {
  const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n');
  t.equal(readCsvText(csv(rowsOf(100)), LIMITS).ok, true);
  t.same(readCsvText(csv(rowsOf(101)), LIMITS), { ok: false, line: 1, problem: '文件行数超过上限（最多 100 行），请分批导入', status: 422 });
  t.same(readCsvText(csv(rowsOf(40, 30)), LIMITS), { ok: false, line: 1, problem: '文件单元格数超过上限（最多 1000 个），请删去多余的列或分批导入', status: 422 });
  t.equal(readCsvText(csv(rowsOf(5000))).ok, true, 'without limits (the CLI imports) as before');
  const big = await readTableFile(Buffer.alloc(LIMITS.maxFileBytes + 1, 0x61), LIMITS);
  t.same(big, { ok: false, line: 1, problem: '文件过大（超过 2 MB），请分批导入', status: 413 });
});

t.test('off the event loop: the rows come back whole; past its time the worker is ended and the file refused', async (t) => {
  const rows = rowsOf(12_000, 1);
  const limits = { ...LIMITS, maxRows: 20_000, maxCells: 20_000 };
  const xlsx = await readUploadedTable(xlsxOf(rows), limits);
  t.same(xlsx.ok && xlsx.rows.map((r) => r.cells[0]), rows.map((r) => r[0]), 'several slices, in order');
  const csv = await readUploadedTable(Buffer.from(rows.map((r) => r.join(',')).join('\n') + '\n'.repeat(300_000)), limits);
  t.equal(csv.ok && csv.rows.length, 12_000, 'a large CSV too');
  const late = await readUploadedTable(xlsxOf(rows), limits, 0.001);
  t.same(late, { ok: false, line: 1, problem: '文件处理超时（超过 0.001 秒），请分批导入，或另存为 CSV UTF-8 后再试', status: 413 });
  const refused = await readUploadedTable(await zipBombXlsx(300, 4096), limits);
  t.equal(!refused.ok && refused.status, 413, 'the worker refuses a bomb the same way');
});

t.test('stored parts count by their size; an unknown method or a broken archive is unreadable, never a crash', async (t) => {
  const stored = (name: string, text: string) => ({ name, deflated: Buffer.from(text), size: text.length, crc: 0, method: 0 });
  const sheet = '<worksheet><sheetData><row r="1"><c r="A1"/></row></sheetData></worksheet>';
  t.same(checkXlsxArchive(zipArchive([stored('xl/worksheets/sheet1.xml', sheet)]), LIMITS), { ok: true, rows: 1, cells: 1 });
  const small = { ...LIMITS, maxUnpackedBytes: 10 };
  t.same(checkXlsxArchive(zipArchive([{ ...stored('xl/worksheets/sheet1.xml', sheet), size: 1 }]), small), { ok: false, reason: 'too-large' }, 'a stored part that lies');
  t.same(checkXlsxArchive(zipArchive([{ ...deflatedPart('a.xml', 'x'), method: 12 }]), LIMITS), { ok: false, reason: 'unreadable' });
  const archive = zipArchive([deflatedPart('a.xml', 'x')]);
  archive.writeUInt32LE(0, 0);
  t.same(checkXlsxArchive(archive, LIMITS), { ok: false, reason: 'unreadable' }, 'no local header where the directory points');
  const corrupt = zipArchive([{ ...deflatedPart('a.xml', 'x'), deflated: Buffer.from([0xff, 0xff, 0xff]) }]);
  t.same(checkXlsxArchive(corrupt, LIMITS), { ok: false, reason: 'unreadable' }, 'data that does not inflate');
});

t.test('more uploads at once than workers: they wait their turn and all come back', async (t) => {
  const limits = { ...LIMITS, maxRows: 20_000, maxCells: 20_000 };
  const reads = await Promise.all([1, 2, 3].map((n) => readUploadedTable(xlsxOf(rowsOf(n, 1)), limits)));
  t.same(reads.map((r) => r.ok && r.rows.length), [1, 2, 3]);
});
