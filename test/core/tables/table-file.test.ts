// The one CSV reader every import uses: each record with the line it starts on in the file, as the person sees it in
// a text editor, whatever a quoted field spanning lines, blank lines or a byte-order mark do.
import t from 'tap';
import { readCsvRows, readCsvText } from '../../../server/core/tables/table-file.js';

t.test('each record keeps the line it starts on', async (t) => {
  const read = readCsvText('\uFEFFa,b\n1,"two\nlines"\n\n3,x\n4,y\n');
  t.same(read, {
    ok: true,
    rows: [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'two\nlines'] },
      { line: 5, cells: ['3', 'x'] },
      { line: 6, cells: ['4', 'y'] },
    ],
  });
});

t.test('a Windows line end inside a cell is one line, as the editor shows it', async (t) => {
  t.same(readCsvText('a,b\r\n1,"x\r\ny"\r\n2,z\r\n3,"p\r\n\r\nq"\r\n4,w\r\n'), {
    ok: true,
    rows: [
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x\r\ny'] },
      { line: 4, cells: ['2', 'z'] },
      { line: 5, cells: ['3', 'p\r\n\r\nq'] },
      { line: 8, cells: ['4', 'w'] },
    ],
  });
  t.same(readCsvText('a\n"x\ry"\nb\n'), { ok: true, rows: [{ line: 1, cells: ['a'] }, { line: 2, cells: ['x\ry'] }, { line: 4, cells: ['b'] }] }, 'a lone carriage return');
});

t.test('a malformed file names its line', async (t) => {
  const read = readCsvText('a,b\n1,2\n3,"open\n');
  t.match(read, { ok: false, problem: /^CSV 格式错误/ });
  t.ok(!read.ok && read.line >= 3, 'the line of the unclosed quote or after it');
  t.same(readCsvText(''), { ok: true, rows: [] });
});

t.test('bytes are read as UTF-8 only', async (t) => {
  t.same(readCsvRows(Buffer.from('编码,名称\nA,甲\n')), { ok: true, rows: [{ line: 1, cells: ['编码', '名称'] }, { line: 2, cells: ['A', '甲'] }] });
  t.match(readCsvRows(Buffer.from([0xb1, 0xe0, 0xc2, 0xeb])), { ok: false, line: 1, problem: /不是 UTF-8 编码/ });
});
