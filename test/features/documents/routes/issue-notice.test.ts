// 发文 as the committee meets it: a download is a preview (征求意见稿, no number) and takes nothing; 发文 takes the
// year's next number once (a second submit takes none), keeps the file, and lists it in 发文登记; the issued file
// downloads as the same bytes every time, also after the data change; LibreOffice reads its number, date and title;
// a correction is a new notice naming the corrected number; only the committee issues (docs/rules.md#issuing-notices).
import t from 'tap';
import { build, logIn, PASSWORD, type StaffSession } from '../../../kit/app.js';
import { openRound } from '../../../kit/fixtures.js';
import type { Round } from '../../../../server/core/rounds/round.js';
import { district, links, respond, type Setup } from '../../../kit/bulletin.js';
import { docxText, libreOfficeText } from '../../../kit/docx.js';
import { chinaDate } from '../../../../server/core/time/china-time.js';
import { chineseDate } from '../../../../server/features/documents/core/official-notice.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

const NUMBER = /平安办〔\d{4}〕\d+号/;

/** The file name a download is saved under (the UTF-8 form of Content-Disposition). */
function fileName(res: { headers: Record<string, unknown> }): string {
  return decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(String(res.headers['content-disposition']))?.[1] ?? '');
}

async function download(s: StaffSession, url: string) {
  const res = await s.get(url);
  return { status: res.statusCode, bytes: res.rawPayload, name: fileName(res), text: await docxText(res.rawPayload) };
}

/** The fixture district with three answers in every grid of a round (closed when asked), and its first township. */
async function fixture(t: Parameters<typeof build>[0], closed: boolean) {
  let setup: Setup | undefined;
  let round: Round | undefined;
  const built = await build(t, { seed: (repos) => {
    setup = district(repos);
    round = openRound(repos);
    for (const v of setup.villages) respond(repos, round, v, 3, 'good');
    if (closed) round = closeRoundById(repos, round.id);
  } });
  if (!setup || !round) throw new Error('fixture');
  return { ...built, setup, round, unit: setup.townships[0] };
}

t.test('a download is a preview; 发文 takes one number and keeps the file exactly as issued', async (t) => {
  const { app, repos, setup, round, unit } = await fixture(t, false);
  const year = Number(chinaDate(new Date()).slice(0, 4));
  const docx = `/rounds/${round.code}/bulletin.docx?unit=${unit.code}`;
  const committee = await logIn(app, 'committee', PASSWORD);

  for (const attempt of [1, 2]) {
    const preview = await download(committee, docx);
    t.equal(preview.status, 200);
    t.match(preview.text, '征求意见稿', `download ${attempt}: marked 征求意见稿`);
    t.notMatch(preview.text, NUMBER, `download ${attempt}: no 文号`);
    t.match(preview.name, /（征求意见稿）\.docx$/, `download ${attempt}: the file name says so: ${preview.name}`);
  }
  t.equal(repos.documents.nextSeq(year), 1, 'looking took no number');
  t.equal(repos.documents.list().length, 0, 'and issued nothing');

  const page = links((await committee.get(`/rounds/${round.code}/bulletin?unit=${unit.code}`)).body);
  const issueUrl = `/rounds/${round.code}/document?unit=${unit.code}&kind=bulletin`;
  t.match(page, issueUrl, 'the bulletin page offers 发文');
  const form = (await committee.get(issueUrl)).body;
  t.match(form, `平安办〔${year}〕1号`, 'the page says which number 发文 will take');
  const post = `/rounds/${round.code}/document/issue?unit=${unit.code}&kind=bulletin`;
  t.equal((await committee.post(post, { corrects: '' })).statusCode, 303, '发文');
  t.equal((await committee.post(post, { corrects: '' })).statusCode, 303, 'a second submit of the same form');
  t.equal(repos.documents.nextSeq(year), 2, 'took one number, not two');
  t.equal(repos.audit.byAction('document.issue').length, 1, 'audited once');

  const register = (await committee.get('/documents')).body;
  const rows = register.match(/<tr><td>[^<]*平安办〔/g) ?? [];
  t.equal(rows.length, 1, 'one row in 发文登记');
  for (const cell of [`平安办〔${year}〕1号`, unit.name, '政法委张三', '/documents/1/file', '2025年1月']) t.match(register, cell, `发文登记 shows ${cell}`);
  const issuedPage = (await committee.get(`/rounds/${round.code}/bulletin?unit=${unit.code}`)).body;
  t.match(issuedPage, `已发文：平安办〔${year}〕1号`, 'the bulletin page names the issued number');

  const first = await download(committee, '/documents/1/file');
  const second = await download(committee, '/documents/1/file');
  t.ok(first.bytes.equals(second.bytes), 'two downloads of the issued notice are the same bytes');
  t.match(first.text, `平安办〔${year}〕1号`, 'it carries its number');
  t.notMatch(first.text, '征求意见稿', 'and is no preview');
  t.match(first.text, chineseDate(chinaDate(new Date())), 'and its date of issue');

  const before = await download(committee, docx);
  for (const v of setup.villages.slice(0, 2)) respond(repos, round, v, 4, 'best');
  const after = await download(committee, docx);
  t.not(after.text, before.text, 'the data changed: a preview now reads differently');
  const later = await download(committee, '/documents/1/file');
  t.ok(later.bytes.equals(first.bytes), 'the issued notice is still exactly as issued');

  const lo = await libreOfficeText(first.bytes);
  t.match(lo, `平安办〔${year}〕1号`, 'LibreOffice reads the number');
  t.match(lo, chineseDate(chinaDate(new Date())), 'and the date of issue');
  t.match(lo, `${unit.name}`, 'and the title with the unit');
  t.match(lo, '通报', 'a bulletin');

  // A correction: a new notice with the next number that names the one it corrects; both stay in the register.
  const correctForm = (await committee.get(issueUrl)).body;
  t.match(correctForm, 'name="corrects" value="1"', 'the issued page offers a correction of notice 1');
  t.equal((await committee.post(post, { corrects: '1' })).statusCode, 303, '发文更正');
  t.equal((await committee.post(post, { corrects: '1' })).statusCode, 303, 'submitted twice');
  t.equal(repos.documents.nextSeq(year), 3, 'the correction took one number');
  const correction = await download(committee, '/documents/2/file');
  t.match(correction.text, `平安办〔${year}〕2号`);
  t.match(correction.text, `现对平安办〔${year}〕1号《`, 'it names the notice it corrects');
  t.match(correction.text, '（更正）', 'its title says it is a correction');
  const both = (await committee.get('/documents')).body;
  t.match(both, `更正 平安办〔${year}〕1号`, 'the register links the correction to the corrected notice');
  t.match(both, `已由 平安办〔${year}〕2号 更正`, 'and the corrected notice to its correction');
  t.ok((await download(committee, '/documents/1/file')).bytes.equals(first.bytes), 'the corrected notice keeps its file');
  t.equal(repos.audit.byAction('document.correct').length, 1, 'the correction is audited');
  t.equal((await committee.post(post, { corrects: '99' })).statusCode, 400, 'a correction of a notice that is not this bulletin\'s is refused');
});

t.test('only the committee issues and opens the register', async (t) => {
  const { app, repos, round, unit } = await fixture(t, true);
  const clerk = await logIn(app, 'township', PASSWORD);
  await clerk.get(`/rounds/${round.code}/bulletin?unit=${unit.code}`);
  const refused = await clerk.post(`/rounds/${round.code}/document/issue?unit=${unit.code}&kind=bulletin`, { corrects: '' });
  t.equal(refused.statusCode, 403, 'township staff may not issue');
  t.match(refused.body, '只有政法委（平安办）和系统管理员可以发文');
  t.equal((await clerk.get('/documents')).statusCode, 403, 'nor open the register');
  t.equal(repos.documents.list().length, 0, 'nothing issued');

  // The half-year summary is issued the same way.
  const committee = await logIn(app, 'committee', PASSWORD);
  const summary = await download(committee, `/summary.docx?survey=${round.surveyKey}&end=${round.period}&unit=${unit.code}`);
  t.match(summary.text, '征求意见稿', 'the summary downloads as a preview');
  t.notMatch(summary.text, NUMBER);
  await committee.get(`/rounds/${round.code}/document?unit=${unit.code}&kind=summary`);
  t.equal((await committee.post(`/rounds/${round.code}/document/issue?unit=${unit.code}&kind=summary`, { corrects: '' })).statusCode, 303);
  const [issued] = repos.documents.list();
  t.equal(issued?.kind, 'summary');
  const file = await download(committee, `/documents/${issued?.id}/file`);
  t.match(file.text, NUMBER, 'the issued summary carries its number');
  t.match(file.text, '半年小结');
  t.equal((await clerk.get(`/documents/${issued?.id}/file`)).statusCode, 403, 'township staff do not open the register\'s files');
});
