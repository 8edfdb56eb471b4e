// Reading Accept-Encoding, and splicing a cached page's gzip around per-request values (features/resident-form/compressed-page.ts).
import t from 'tap';
import { gunzipSync } from 'node:zlib';
import { chooseCoding } from '../../server/web/content-coding.js';
import { CompressedPage } from '../../server/features/resident-form/compressed-page.js';
import { hole, PageWithHoles } from '../../server/features/resident-form/page-holes.js';

t.test('the coding follows the client\'s weights, then the server\'s order', async (t) => {
  const both = ['br', 'gzip'] as const;
  t.equal(chooseCoding(undefined, both), null, 'no header: plain');
  t.equal(chooseCoding('', both), null);
  t.equal(chooseCoding('identity', both), null);
  t.equal(chooseCoding('gzip, deflate, br', both), 'br', 'equal weights: br first');
  t.equal(chooseCoding('gzip, deflate, br', ['gzip']), 'gzip', 'only what the page is kept in');
  t.equal(chooseCoding('br;q=0.5, gzip', both), 'gzip');
  t.equal(chooseCoding('br;q=0, gzip;q=0', both), null, 'q=0 refuses');
  t.equal(chooseCoding('*', both), 'br', '* stands for any');
  t.equal(chooseCoding('*;q=0, gzip', both), 'gzip');
  t.equal(chooseCoding('GZIP;Q=1', both), 'gzip', 'case does not matter');
  t.equal(chooseCoding(['deflate', 'gzip'], both), 'gzip', 'repeated headers');
  t.equal(chooseCoding('br;q=abc', both), null, 'a weight that is not a number counts as refused');
});

t.test('a page with holes unpacks to the filled page, whatever the values', async (t) => {
  const text = (n: number) => Array.from({ length: n }, (_, i) => `<p>第${i}段：平安建设群众安全感</p>`).join('\n');
  const html = `${text(50)}<input name="k" value="${hole('a')}">${text(20)}${hole('b')}${text(10)}`;
  const holes = PageWithHoles.fromHtml(html);
  const page = CompressedPage.of(holes);
  t.same(page.codings, ['gzip']);
  const cases: Array<Record<string, string>> = [
    { a: 'key-1', b: '' },
    { a: '"<&>\'=', b: '网格' },
    { a: 'x'.repeat(70_000), b: 'y'.repeat(3) },
  ];
  for (const values of cases) {
    const zipped = page.bytes('gzip', values);
    t.equal(gunzipSync(zipped).toString('utf8'), holes.fill(values).toString('utf8'), `values of ${values.a.length} and ${values.b.length} characters`);
  }
  t.throws(() => page.bytes('gzip', { a: 'only one' }), /no value for the page's hole "b"/);
  const plain = CompressedPage.of(PageWithHoles.fromHtml(text(30)));
  t.same(plain.codings, ['br', 'gzip']);
  t.equal(gunzipSync(plain.bytes('gzip')).toString('utf8'), text(30));
});
