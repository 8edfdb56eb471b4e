// The committee's notice settings and a bulletin's document number, as the committee meets them: the settings page
// saves (audited) and refuses bad input in Chinese; the number shows on the printed head of the bulletin; a number
// another document of the year has is refused; township staff may neither.
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
  const edit = `/rounds/${roundCode}/document?unit=${districtCode}&kind=bulletin`;
  t.match(page, edit, 'the committee may number it');

  t.match((await s.get(edit)).body, '尚未编号');
  const refused = await s.post(edit, { seq: '0', issuedOn: '2026-02-30' });
  t.equal(refused.statusCode, 422);
  t.match(refused.body, '序号请填');
  t.match(refused.body, '成文日期请按');
  const numbered = await s.post(edit, { seq: '11', issuedOn: '2026-12-05' });
  t.equal(numbered.statusCode, 303);
  t.equal(numbered.headers.location, `/rounds/${roundCode}/bulletin?unit=${districtCode}`);
  const after = (await s.get(bulletin)).body;
  t.match(after, '<p class="notice-number">清平安办〔2026〕11号</p>');
  t.match(after, '二〇二六年十二月五日');

  // Another document of 2026 may not take 11: the township's bulletin is refused that number.
  const [township] = repos.units.descendants(repos.units.roots()[0].id, 'township');
  const other = `/rounds/${roundCode}/document?unit=${township?.code}&kind=bulletin`;
  await s.get(other);
  const clash = await s.post(other, { seq: '11', issuedOn: '2026-12-20' });
  t.equal(clash.statusCode, 409);
  t.match(clash.body, '2026 年的 11 号已用于另一份文件');
  t.equal((await s.post(other, { seq: '11', issuedOn: '2027-01-04' })).statusCode, 303, 'in 2027 it is free');

  const staff = await logIn(app, 'township', PASSWORD);
  t.equal((await staff.get('/admin/documents')).statusCode, 403);
  t.equal((await staff.get(edit)).statusCode, 403);
  const seen = (await staff.get(`/rounds/${roundCode}/bulletin?unit=${township?.code}`)).body;
  t.match(seen, '清平安办〔2027〕11号', 'township staff see the number on their bulletin');
  t.notMatch(seen, '/document?', 'but are not offered to change it');
});
