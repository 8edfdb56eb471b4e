// Posters residents can trust: the public URL on every link, the issuing body, the grid worker to call, the closing
// date, the domain to check; batches of a village or township on A4 sheets; the settings and the worker forms.
import t from 'tap';
import { build, logIn, logLines, PASSWORD } from '../../../kit/app.js';
import { TOWNSHIP, VILLAGE, gridCodesWithin, posterWorld } from '../../../kit/poster.js';

const GRID = `${VILLAGE}-G1`;
const sheetsIn = (html: string) => html.match(/<section class="sheet /g)?.length ?? 0;
const pageEndsIn = (html: string) => html.match(/<section class="sheet [^"]*page-end/g)?.length ?? 0;
const postersIn = (html: string) => html.match(/<article class="poster">/g)?.length ?? 0;

t.test('a poster prints the public URL, its domain, the issuing body, the grid worker and the closing date', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r), config: { publicUrl: 'https://poll.example.gov.cn' } });
  const grid = repos.units.getByCode(GRID);
  if (!grid) throw new Error('fixture');
  repos.posters.setGridWorker(grid.id, GRID, { name: '李红', phone: '0731-88886666' }, { userId: null, client: null });
  repos.documents.setIssuer({ issuingBody: '示范区平安建设领导小组办公室', numberPrefix: '示范平安办' }, { userId: null, client: null });
  const round = repos.rounds.list()[0];
  const s = await logIn(app, 'committee', PASSWORD);
  const res = await s.get(`/rounds/${round.code}/links/${GRID}/poster`);
  t.equal(res.statusCode, 200);
  t.match(res.body, `https://poll.example.gov.cn/g/${GRID}`, 'the link starts with the public URL');
  t.match(res.body, /正规链接以 <strong class="domain">poll\.example\.gov\.cn<\/strong> 开头/, 'the domain residents check');
  t.match(res.body, '<p class="issuer">示范区平安建设领导小组办公室</p>');
  t.match(res.body, '<strong class="worker-name">李红</strong>');
  t.match(res.body, '<strong class="worker-phone">0731-88886666</strong>');
  t.match(res.body, '填写截止：2025年1月31日', 'the last day of the round\'s month');
  t.match(res.body, /<button type="button" class="print-button" data-print>打印<\/button>/);
  t.match(res.body, '<script src="/static/print.js" defer></script>');
  t.notMatch(res.body, '尚未设置公网地址');
  t.notMatch(res.body, '尚未设置发布单位');
  t.notMatch(res.body, '尚未登记网格员');
  t.equal(postersIn(res.body), 1);
  t.equal(pageEndsIn(res.body), 0, 'one poster: no page break after it');
  const script = await s.get('/static/print.js');
  t.equal(script.statusCode, 200, 'the print script is served from the site itself (CSP script-src \'self\')');
  t.match(script.body, 'window.print()');
});

t.test('with nothing configured the poster pages warn, and the poster leaves a blank for the issuing body', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r) });
  const round = repos.rounds.list()[0];
  const s = await logIn(app, 'committee', PASSWORD);
  for (const url of [`/rounds/${round.code}/links/${GRID}/poster`, `/rounds/${round.code}/posters?unit=${VILLAGE}`, `/rounds/${round.code}/links`]) {
    const res = await s.get(url);
    t.equal(res.statusCode, 200, url);
    t.match(res.body, '尚未设置公网地址（SAFEPOLL_PUBLIC_URL）', `${url}: public URL warning`);
    t.match(res.body, '尚未设置发布单位', `${url}: issuing body warning`);
  }
  const poster = await s.get(`/rounds/${round.code}/links/${GRID}/poster`);
  t.match(poster.body, '本网格尚未登记网格员姓名和工作电话');
  t.match(poster.body, '发布单位：＿＿');
  // the worker's line is left out until a worker is registered (it used to print blanks).
  t.notMatch(poster.body, '核实电话');
  t.match(poster.body, /正规链接以 <strong class="domain">127\.0\.0\.1:3000<\/strong> 开头/);
  const batch = await s.get(`/rounds/${round.code}/posters?unit=${VILLAGE}`);
  t.match(batch.body, `${gridCodesWithin(repos, VILLAGE).length} 个网格尚未登记网格员姓名和工作电话`);
});

t.test('the public URL set on the links page and the issuing body set in 发文设置 are used by links and posters and end the warnings', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r) });
  const round = repos.rounds.list()[0];
  const s = await logIn(app, 'committee', PASSWORD);
  const before = await s.get(`/rounds/${round.code}/links`);
  t.notMatch(before.body, 'name="issuingBody"', 'the links page no longer edits the issuing body');
  t.match(before.body, /<p id="poster-issuer">发布单位（印在每张海报的顶部）：<span class="muted">尚未设置/, 'it says the issuing body is unset');
  t.match(before.body, '<a href="/admin/documents">「发文设置」</a>', 'and links to where it is set');
  const saved = await s.post(`/rounds/${round.code}/links/settings`, { publicUrl: 'https://pa.example.gov.cn/' });
  t.equal(saved.statusCode, 303);
  await s.get('/admin/documents');
  t.equal((await s.post('/admin/documents', { issuingBody: '示范区平安办', numberPrefix: '示范平安办' })).statusCode, 303);
  t.match((await s.get(`/rounds/${round.code}/links`)).body, '<p id="poster-issuer">发布单位（印在每张海报的顶部）：<strong>示范区平安办</strong>', 'the links page shows the body set');
  for (const url of [`/rounds/${round.code}/links`, `/rounds/${round.code}/links/${GRID}/poster`, `/rounds/${round.code}/posters?unit=${VILLAGE}`]) {
    const res = await s.get(url);
    t.match(res.body, `https://pa.example.gov.cn/g/${GRID}`, url);
    t.notMatch(res.body, 'http://127.0.0.1:3000/g/', `${url}: no server address left`);
    t.notMatch(res.body, '尚未设置公网地址', url);
    t.notMatch(res.body, '尚未设置发布单位', url);
  }
  t.match((await s.get(`/rounds/${round.code}/links/${GRID}/poster`)).body, '<p class="issuer">示范区平安办</p>');
  const [entry] = repos.audit.byAction('settings.poster');
  t.match(entry, { action: 'settings.poster' });
  t.equal(repos.settings.get('issuing_body'), undefined, 'one home: the issuing body is not kept as a setting');
});

t.test('a bad public URL is refused in Chinese with what was typed kept; only managers may change settings', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r) });
  const round = repos.rounds.list()[0];
  const s = await logIn(app, 'committee', PASSWORD);
  await s.get(`/rounds/${round.code}/links`);
  const bad = await s.post(`/rounds/${round.code}/links/settings`, { publicUrl: 'javascript:alert(1)' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, '公网地址必须以 https:// 或 http:// 开头');
  t.match(bad.body, 'value="javascript:alert(1)"', 'the public URL typed is kept');
  t.equal(repos.settings.storedPublicUrl(), undefined, 'nothing stored');
  const township = await logIn(app, 'township2', PASSWORD);
  const links = await township.get(`/rounds/${round.code}/links`);
  t.notMatch(links.body, 'id="poster-settings"', 'township staff see no settings form');
  t.equal((await township.post(`/rounds/${round.code}/links/settings`, { publicUrl: '' })).statusCode, 403);
});

t.test('a village\'s batch has one poster per grid, one A4 sheet each, and a page break between sheets', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r, 7), config: { publicUrl: 'https://poll.example.gov.cn' } });
  const round = repos.rounds.list()[0];
  const grids = gridCodesWithin(repos, VILLAGE);
  t.equal(grids.length, 7);
  const s = await logIn(app, 'committee', PASSWORD);
  const one = await s.get(`/rounds/${round.code}/posters?unit=${VILLAGE}&per=1`);
  t.equal(one.statusCode, 200);
  t.equal(postersIn(one.body), 7, 'one poster per grid of the village');
  for (const code of grids) t.match(one.body, `https://poll.example.gov.cn/g/${code}`);
  t.notMatch(one.body, `/g/${TOWNSHIP}-V2-G1`, 'no poster of another village');
  t.equal(sheetsIn(one.body), 7);
  t.equal(pageEndsIn(one.body), 6, 'a page break after every sheet but the last');
  const four = await s.get(`/rounds/${round.code}/posters?unit=${VILLAGE}&per=4`);
  t.equal(postersIn(four.body), 7);
  t.equal(sheetsIn(four.body), 2, 'ceil(7 / 4) sheets');
  t.equal(pageEndsIn(four.body), 1);
  t.match(four.body, 'class="sheet per-4');
  const two = await s.get(`/rounds/${round.code}/posters?unit=${VILLAGE}&per=2`);
  t.equal(sheetsIn(two.body), 4, 'ceil(7 / 2) sheets');
  const township = await s.get(`/rounds/${round.code}/posters?unit=${TOWNSHIP}`);
  t.equal(postersIn(township.body), gridCodesWithin(repos, TOWNSHIP).length, 'a township: every grid of its villages');
  const bad = await s.get(`/rounds/${round.code}/posters?unit=${VILLAGE}&per=3`);
  t.equal(bad.statusCode, 400, 'a per-page count not offered is a 400');
});

t.test('batches keep to the user\'s scope', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r) });
  const round = repos.rounds.list()[0];
  const grid = await logIn(app, 'grid', PASSWORD);
  const mine = await grid.get(`/rounds/${round.code}/posters`);
  t.equal(mine.statusCode, 200);
  t.equal(postersIn(mine.body), 1, 'a grid worker prints their own grid only');
  t.match(mine.body, `/g/${GRID}`);
  t.equal((await grid.get(`/rounds/${round.code}/posters?unit=${VILLAGE}`)).statusCode, 403);
  const township = await logIn(app, 'township2', PASSWORD);
  t.equal((await township.get(`/rounds/${round.code}/posters?unit=${VILLAGE}`)).statusCode, 403);
  t.equal((await township.get(`/rounds/${round.code}/posters?unit=NO-SUCH`)).statusCode, 404);
});

t.test('the links page folds each village into a <details>, with the village\'s batch print links', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r) });
  const round = repos.rounds.list()[0];
  const s = await logIn(app, 'committee', PASSWORD);
  const all = await s.get(`/rounds/${round.code}/links`);
  t.equal(all.body.match(/<details class="link-group">/g)?.length, 4, 'four villages, all folded');
  t.match(all.body, /<summary><strong>东门社区<\/strong><span class="muted">（东城街道）<\/span> · 5 个网格<\/summary>/);
  t.match(all.body, `/rounds/${round.code}/posters?unit=${VILLAGE}&amp;per=4`);
  t.notMatch(all.body, '<script', 'the folding needs no script');
  const one = await s.get(`/rounds/${round.code}/links?unit=${VILLAGE}`);
  t.equal(one.body.match(/<details class="link-group" open>/g)?.length, 1, 'the village narrowed to is unfolded');
});

t.test('the grid worker form: saved to the poster, refused in Chinese with the typed values kept, phone kept out of the audit', async (t) => {
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r) });
  const round = repos.rounds.list()[0];
  const s = await logIn(app, 'grid', PASSWORD);
  const page = await s.get(`/units/${GRID}`);
  t.match(page.body, 'action="/units/D01-T1-V1-G1/worker"');
  const bad = await s.post(`/units/${GRID}/worker`, { workerName: '王芳', workerPhone: '12345' });
  t.equal(bad.statusCode, 400);
  t.match(bad.body, '工作电话格式不正确');
  t.match(bad.body, 'value="王芳"');
  t.match(bad.body, 'value="12345"');
  const half = await s.post(`/units/${GRID}/worker`, { workerName: '', workerPhone: '13812345678' });
  t.equal(half.statusCode, 400);
  t.match(half.body, '请填写网格员姓名');
  const ok = await s.post(`/units/${GRID}/worker`, { workerName: ' 王芳 ', workerPhone: '138 1234 5678' });
  t.equal(ok.statusCode, 303);
  const poster = await s.get(`/rounds/${round.code}/links/${GRID}/poster`);
  t.match(poster.body, '<strong class="worker-name">王芳</strong>');
  t.match(poster.body, '<strong class="worker-phone">13812345678</strong>');
  const entries = repos.audit.byAction('unit.grid-worker');
  t.equal(entries.length, 1);
  t.notMatch(JSON.stringify(entries), '13812345678', 'the audit entry names the grid, not the phone');
  const village = await s.post(`/units/${VILLAGE}/worker`, { workerName: '王芳', workerPhone: '13812345678' });
  t.equal(village.statusCode, 403, 'outside the grid worker\'s scope');
  const committee = await logIn(app, 'committee', PASSWORD);
  await committee.get(`/units/${VILLAGE}`);
  t.equal((await committee.post(`/units/${VILLAGE}/worker`, { workerName: '王芳', workerPhone: '13812345678' })).statusCode, 400, 'only grids have a worker');
  const cleared = await s.post(`/units/${GRID}/worker`, { workerName: '', workerPhone: '' });
  t.equal(cleared.statusCode, 303);
  t.notMatch((await s.get(`/rounds/${round.code}/links/${GRID}/poster`)).body, '13812345678', 'both empty clears it');
});

t.test('the grid worker\'s phone never reaches the server log, saved or refused, nor when the poster is printed', async (t) => {
  // debug: the most the log ever says.
  const log = logLines('debug');
  const { app, repos } = await build(t, { seed: (r) => posterWorld(r), logger: log });
  const round = repos.rounds.list()[0];
  const s = await logIn(app, 'grid', PASSWORD);
  await s.get(`/units/${GRID}`);
  t.equal((await s.post(`/units/${GRID}/worker`, { workerName: '王芳', workerPhone: '1391234567' })).statusCode, 400);
  t.equal((await s.post(`/units/${GRID}/worker`, { workerName: '王芳', workerPhone: '13912345678' })).statusCode, 303);
  t.equal((await s.get(`/rounds/${round.code}/links/${GRID}/poster`)).statusCode, 200);
  t.match(log.text(), `/units/${GRID}/worker`, 'the requests are logged');
  t.notMatch(log.text(), '1391234567', 'the phone is not');
});
