// CSV for Excel: quoting by RFC 4180, CRLF, a BOM, and formula-looking text neutralised.
import t from 'tap';
import { csvField, csvRow, neutralise, toCsv } from '../../../server/core/tables/csv.js';

t.test('text that a spreadsheet would run as a formula gets a leading apostrophe', async (t) => {
  for (const text of ['=cmd|\' /C calc\'!A0', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
    t.equal(neutralise(text), `'${text}`, JSON.stringify(text));
  }
  for (const text of ['平安', 'a=b', '1-2', '', "'quoted"]) t.equal(neutralise(text), text, JSON.stringify(text));
});

t.test('fields: numbers as numbers, text quoted only when needed', async (t) => {
  t.equal(csvField(-1.5), '-1.5', 'a negative number stays a number');
  t.equal(csvField(null), '');
  t.equal(csvField(Number.NaN), '', 'never NaN in a file');
  t.equal(csvField('东门社区'), '东门社区');
  t.equal(csvField('a,b'), '"a,b"');
  t.equal(csvField('say "hi"'), '"say ""hi"""');
  t.equal(csvField('line\nbreak'), '"line\nbreak"');
  t.equal(csvField('=1,2'), `"'=1,2"`, 'neutralised, then quoted');
  t.equal(csvRow(['a', 1, null]), 'a,1,\r\n');
});

t.test('a file starts with the BOM and ends every line with CRLF', async (t) => {
  t.equal(toCsv([['单位', '得分'], ['东门社区', 91.61]]), '\uFEFF单位,得分\r\n东门社区,91.61\r\n');
});
