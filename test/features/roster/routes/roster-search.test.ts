// The roster page: an import row with a category outside the list is refused with its row number
// and the pasted CSV comes back in its box (with a working token) to be fixed and sent again; one resident is found by
// the whole number (its keyed hash, never shown in clear) or by name and marked 拒绝再访 from the results.
import t from 'tap';
import { build, logIn, tokenIn, PASSWORD } from '../../../kit/app.js';
import { appRepos, pasteCsv, withRosterStaff } from '../../../kit/roster.js';

const CSV = [
  'grid,phone,category,name',
  'D01-T1-V1-G1,13800000001,常住居民,王小明',
  'D01-T1-V1-G2,13800000002,居民,李四',
  'D01-T2-V1-G1,13800000004,学校,王大明',
].join('\n');

/** The text in the page's CSV box, entities decoded as a browser does. */
function textareaOf(html: string): string {
  const m = /<textarea id="roster-csv" name="csv"[^>]*>([\s\S]*?)<\/textarea>/.exec(html);
  return (m?.[1] ?? '').replace(/&#x3D;/g, '=').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

t.test('an unknown category is refused on its row; the CSV comes back to be fixed and sent again', async (t) => {
  const { app, db } = await build(t, { seed: (repos) => withRosterStaff(repos) });
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await pasteCsv(s, CSV);
  t.equal(res.statusCode, 400);
  t.match(res.body, '文件有 1 处问题，没有导入任何号码');
  t.match(res.body, '第 3 行“category”列：类别“居民”不在类别列表中');
  const errorBox = /<div class="error-box"[\s\S]*?<\/div>/.exec(res.body)?.[0] ?? '';
  t.notMatch(errorBox, /1380000000\d/, 'the problems name no number in clear');
  t.equal(textareaOf(res.body), CSV, 'the pasted CSV is back in its box');
  t.equal(res.headers['cache-control'], 'no-store', 'and the page with it is not cached');
  const repos = appRepos(db);
  t.equal(repos.contacts.count({ gridIds: repos.units.all().map((u) => u.id) }), 0);

  // The page the server returned carries a token: fixing the box and sending it again works.
  s.csrf = tokenIn(res.body);
  const fixed = await s.post('/roster/import', { csv: textareaOf(res.body).replace(',居民,', ',常住居民,') });
  t.equal(fixed.statusCode, 303);
  t.equal(fixed.headers.location, '/roster?imported=3');
});

t.test('search by the whole number or by name, within scope; mark 拒绝再访 from the results', async (t) => {
  const { app, db } = await build(t, { seed: (repos) => withRosterStaff(repos) });
  const committee = await logIn(app, 'committee', PASSWORD);
  t.equal((await pasteCsv(committee, CSV.replace(',居民,', ',常住居民,'))).statusCode, 303);
  const township = await logIn(app, 'township', PASSWORD);
  const page = await township.get('/roster');
  t.match(page.body, 'action="/roster/search"');

  const byNumber = await township.post('/roster/search', { q: '138 0000 0001' });
  t.equal(byNumber.statusCode, 200);
  t.match(byNumber.body, '查找结果：号码 138****0001');
  t.match(byNumber.body, '找到 1 个号码');
  t.notMatch(byNumber.body, /13800000001|138 0000 0001/, 'the number typed is not shown in clear');
  t.equal(byNumber.headers['cache-control'], 'no-store');

  const outside = await township.post('/roster/search', { q: '13800000004' });
  t.match(outside.body, '您的范围内没有找到该号码或姓名', 'another township’s number reads as not found');
  t.notMatch(outside.body, /action="\/roster\/\d+\/status"/, 'and nothing to mark');

  const partial = await township.post('/roster/search', { q: '1380000' });
  t.equal(partial.statusCode, 422);
  t.match(partial.body, '号码不完整或无效');
  t.notMatch(partial.body, 'value="1380000"');

  const byName = await committee.post('/roster/search', { q: '明' });
  t.match(byName.body, '查找结果：姓名含“明”');
  t.match(byName.body, '找到 2 个号码');
  t.match(byName.body, '138****0001');
  t.match(byName.body, '138****0004');
  t.notMatch(byName.body, '138****0002');
  t.notMatch(byName.body, /王小明|王大明/, 'names are not listed');
  t.match(byName.body, 'id="roster-q" type="search" name="q" value="明"', 'the name typed is kept');
  t.match((await township.post('/roster/search', { q: '明' })).body, '找到 1 个号码', 'a township finds only its own');

  // Mark from the results with the token of the page returned.
  township.csrf = tokenIn(byNumber.body);
  const id = /action="\/roster\/(\d+)\/status"/.exec(byNumber.body)?.[1];
  const marked = await township.post(`/roster/${id}/status`, { from: 'active', to: 'do_not_call', back: '', found: '1' });
  t.equal(marked.statusCode, 303);
  t.equal(marked.headers.location, `/roster?marked=${id}`);
  t.match((await township.get(marked.headers.location ?? '')).body, '已将 138****0001 标记为“拒绝再访”');
  const repos = appRepos(db);
  t.equal(repos.contacts.getById(Number(id))?.status, 'do_not_call');
  t.equal(repos.audit.byAction('roster.status').length, 1);
  t.equal((await township.get(`/roster?marked=${repos.contacts.findByNumber('13800000004')?.id}`)).body.includes('已将'), false, 'no notice about a number outside the scope');
});
