// A page rendered once with holes for the per-request values (server/features/resident-form/page-holes.ts).
import t from 'tap';
import { hole, PageWithHoles } from '../../../server/features/resident-form/page-holes.js';

t.test('holes are filled, HTML-escaped, wherever they are', async (t) => {
  const page = PageWithHoles.fromHtml(`<p>网格</p><input value="${hole('key')}"><a href="?k=${hole('key')}">${hole('who')}</a>`);
  const html = page.fill({ key: 'a"b<c>&', who: '张三' }).toString();
  t.equal(html, '<p>网格</p><input value="a&quot;b&lt;c&gt;&amp;"><a href="?k=a&quot;b&lt;c&gt;&amp;">张三</a>');
});

t.test('a page without holes is sent as it is; a hole without value is an error', async (t) => {
  t.equal(PageWithHoles.fromHtml('<p>谢谢</p>').fill().toString(), '<p>谢谢</p>');
  t.throws(() => PageWithHoles.fromHtml(`<i>${hole('key')}</i>`).fill({}), /key/);
});
