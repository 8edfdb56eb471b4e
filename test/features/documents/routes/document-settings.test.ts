// The committee's notice settings, as the committee meets them: the settings page saves (audited) and refuses bad
// input in Chinese; the printed head names the issuing body and, before 发文, says 征求意见稿; township staff may
// neither change the settings nor issue.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { openRound } from '../../../kit/fixtures.js';
import { district, links, respond } from '../../../kit/bulletin.js';

t.test('the committee sets the issuing body and numbers a bulletin', async (t) => {
  let roundCode = '';
  let districtCode = '';
  const { app, repos } = await build(t, { seed: (repos) => {
    const setup = district(repos);
    const round = openRound(repos);
    respond(repos, round, setup.district, 5, 'good');
    roundCode = round.code;
    districtCode = setup.district.code;
  } });
  const s = await logIn(app, 'committee', PASSWORD);

  const form = await s.get('/admin/documents');
  t.equal(form.statusCode, 200);
  t.match(form.body, '尚未设置');
  const bad = await s.post('/admin/documents', { issuingBody: '', numberPrefix: '清平安办〔2026〕' });
  t.equal(bad.statusCode, 422);
  t.match(bad.body, '请填写发文机关');
  t.match(bad.body, '年份和序号由系统编排');
  const saved = await s.post('/admin/documents', { issuingBody: '清河区委政法委（平安办）', numberPrefix: '清平安办' });
  t.equal(saved.statusCode, 303);
  t.match((await s.get('/admin/documents?saved=1')).body, '已保存');
  t.equal(repos.audit.byAction('document.issuer').length, 1, 'audited');

  const bulletin = `/rounds/${roundCode}/bulletin?unit=${districtCode}`;
  const page = links((await s.get(bulletin)).body);
  t.match(page, '<p class="notice-issuer">清河区委政法委（平安办）</p>', 'the printed head names the issuing body');
  t.match(page, `/rounds/${roundCode}/bulletin.docx?unit=${districtCode}`, 'a Word download beside the page');
  t.match(page, 'class="button secondary print-button"', 'a 打印 button');
  t.match(page, '<p class="notice-number notice-preview">征求意见稿</p>', 'printed before 发文: 征求意见稿 where the number goes');
  const edit = `/rounds/${roundCode}/document?unit=${districtCode}&kind=bulletin`;
  t.match(page, edit, 'the committee may issue it (发文)');
  const issuePage = (await s.get(edit)).body;
  t.match(issuePage, '尚未发文');
  t.match(issuePage, '清平安办〔', 'the number 发文 will give, with the saved prefix');

  const [township] = repos.units.descendants(repos.units.roots()[0].id, 'township');
  const staff = await logIn(app, 'township', PASSWORD);
  t.equal((await staff.get('/admin/documents')).statusCode, 403);
  t.equal((await staff.get(edit)).statusCode, 403);
  const seen = (await staff.get(`/rounds/${roundCode}/bulletin?unit=${township?.code}`)).body;
  t.notMatch(seen, '/document?', 'township staff are not offered 发文');
});
