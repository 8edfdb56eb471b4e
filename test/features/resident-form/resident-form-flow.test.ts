// The resident form (docs/rules.md#resident-form): fixed question numbers and its size up front, the 其他（请注明） box, the A+
// switch on the cached page, honest titles, and a rate-limited post that keeps the answers.
import t from 'tap';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { pollApp } from '../../kit/resident-poll.js';
import {
  FORM, assertChinesePage, completeAnswers, count, fieldset, formBody, hiddenField, openForm, postAnswers as post,
} from '../../kit/resident.js';
import { logIn } from '../../kit/staff-session.js';
import { surveySize } from '../../../server/core/survey/numbering.js';
import { otherOption, OTHER_MAX_LENGTH } from '../../../server/core/survey/other-text.js';

const PASSWORD = 'staff password 123';

function legendNumber(html: string, id: string): string | undefined {
  return /<span class="n">([\d.]+)\.<\/span>/.exec(fieldset(html, id))?.[1];
}

t.test('numbers never shift: a follow-up is a sub-question, before and after it opens', async (t) => {
  const { app, poll } = await pollApp(t);
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.equal(legendNumber(page.body, 'S1'), '1');
  t.equal(legendNumber(page.body, 'Q1'), '3');
  t.equal(legendNumber(page.body, 'Q1a'), '3.1', 'the follow-up is 3.1, even while hidden');
  t.equal(legendNumber(page.body, 'Q2'), '4');
  const size = surveySize(poll.survey);
  t.match(page.body, `共 ${size.questions} 题，分 ${size.sections.length} 部分，约 ${size.minutes} 分钟`);
  t.match(page.body, /<style>@supports selector\(:has\(\*\)\)\{[^<]*form:has\(input\[name="q_Q1"\]\[value="D"\]:checked,input\[name="q_Q1"\]\[value="E"\]:checked\) #f_Q1a\{display:block\}/,
    'the follow-up appears by CSS the moment its trigger is checked');
  t.match(page.body, /form:has\([^)]*\) #so\{display:block\}/, 'so does the screen-out ending');

  // Without :has(), the server's reveal after 提交 still works, numbered the same.
  const answers = completeAnswers(poll.survey, { Q1: 'D' });
  delete answers.Q1a;
  const revealed = await post(app, poll, answers, { shown: hiddenField(page.body, 'shown') ?? '' });
  t.match(revealed.body, '第 3.1 题：');
  t.equal(legendNumber(revealed.body, 'Q1a'), '3.1');
  t.equal(legendNumber(revealed.body, 'Q2'), '4', 'later numbers stay put');
  t.notOk(fieldset(revealed.body, 'Q1a').includes(' hidden'), 'the revealed follow-up is not hidden');
});

t.test('residents see the public title, required questions are marked for screen readers', async (t) => {
  const { app, poll } = await pollApp(t);
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.ok(poll.survey.publicTitle, 'the shipped questionnaire has a public title');
  t.match(page.body, `<h1>${poll.survey.publicTitle}</h1>`);
  t.notOk(page.body.includes('模拟民调'), 'no internal words');
  t.notOk(/[^=\w]"[^<>"=]*[\u4e00-\u9fff][^<>"=]*"[^\w]/.test(page.body.replace(/<[^>]*>/g, ' ')), 'no ASCII quotes around Chinese text');
  t.match(fieldset(page.body, 'Q1'), 'role="radiogroup" aria-required="true"');
  t.match(fieldset(page.body, 'Q1'), '<span class="vh">（必答）</span>');
  t.match(fieldset(page.body, poll.suggestionId), '（选答）');
});

t.test('其他（请注明）: required when chosen, at most 50 characters, stored masked, exported', async (t) => {
  const { app, db, poll } = await pollApp(t, (repos) => {
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  });
  const q = poll.survey.questions.find((x) => otherOption(x));
  const option = q && otherOption(q);
  if (!q || !option || !q.showIf) throw new Error('the questionnaire has no 其他 option');
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.match(fieldset(page.body, q.id), `name="o_${q.id}"`, 'the option carries a text box');
  t.match(fieldset(page.body, q.id), `maxlength="${OTHER_MAX_LENGTH}"`);

  const answers = completeAnswers(poll.survey, { [q.showIf.question]: q.showIf.anyOf[0], [q.id]: option.code });
  const missing = await post(app, poll, answers);
  assertChinesePage(t, missing, 422, `您选了“${option.label}”，请注明具体内容`);
  t.equal(count(db, 'responses'), 0);
  const long = await post(app, poll, answers, { [`o_${q.id}`]: '长'.repeat(OTHER_MAX_LENGTH + 1) });
  assertChinesePage(t, long, 422, `最多 ${OTHER_MAX_LENGTH} 字`);
  t.match(fieldset(long.body, q.id), `value="${'长'.repeat(OTHER_MAX_LENGTH + 1)}"`, 'what was typed is kept');

  const ok = await post(app, poll, answers, { [`o_${q.id}`]: '  楼道里有人推销保健品 13812345678 ' });
  t.equal(ok.statusCode, 200);
  t.match(ok.body, poll.survey.thankYou);
  const stored = db.prepare<[string, string], { text_value: string; text_sealed: string | null }>(
    'SELECT text_value, text_sealed FROM answers WHERE question_id = ? AND option_code = ?').get(q.id, option.code);
  t.equal(stored?.text_value, '楼道里有人推销保健品 138****5678', 'stored trimmed, the phone number masked');
  t.ok(stored?.text_sealed, 'the original is sealed, as for suggestions');

  const staff = await logIn(app, 'committee', PASSWORD);
  const csv = await staff.get(`/rounds/${poll.round.code}/responses.csv?unit=${poll.gridCode}`);
  const rows: Array<Record<string, string>> = parse(csv.body, { columns: true, bom: true });
  t.equal(rows[0][`${q.id}_其他说明`], '楼道里有人推销保健品 138****5678', 'the raw export has the text, masked');
  t.notOk(csv.body.includes('13812345678'));
});

t.test('the A+ switch works without JavaScript and keeps the cached page per request', async (t) => {
  const { app, poll } = await pollApp(t);
  const plain = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.match(plain.body, '<html lang="zh-CN" class="">');
  // A+ is a submit button of the form (the answers come back with it); ?size=big still works as a link.
  t.match(plain.body, '<button class="up" form="rf" name="size" value="big">', 'an A+ button');
  const big = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}?size=big` });
  t.match(big.body, '<html lang="zh-CN" class="big">');
  const cookie = big.cookies.find((c) => c.name === 'sp_size');
  t.equal(cookie?.value, 'big', 'the choice is remembered');
  const again = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}`, cookies: { sp_size: 'big' } });
  t.match(again.body, '<html lang="zh-CN" class="big">', 'the next page keeps the larger text');
  t.not(hiddenField(again.body, 'submission_key'), hiddenField(big.body, 'submission_key'), 'each page has its own key');
  const back = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}?size=normal`, cookies: { sp_size: 'big' } });
  t.match(back.body, '<html lang="zh-CN" class="">');
  t.equal(back.cookies.find((c) => c.name === 'sp_size')?.value, '', 'the cookie is cleared');
  // The form posted with the cookie comes back (or thanks) in the larger text too.
  const form = await openForm(app, poll.gridCode);
  const thanks = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies: { ...form.cookies, sp_size: 'big' },
    payload: formBody(completeAnswers(poll.survey), { submission_key: form.key }),
  });
  t.match(thanks.body, poll.survey.thankYou);
  t.match(thanks.body, '<html lang="zh-CN" class="big">');
});

t.test('the draft script is the only script, allowed by its hash in the CSP', async (t) => {
  const { app, poll } = await pollApp(t);
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  const script = /<script>([\s\S]*?)<\/script>/.exec(page.body)?.[1] ?? '';
  t.ok(script.length > 0 && Buffer.byteLength(script) <= 2048, `inline and small (${Buffer.byteLength(script)} bytes)`);
  const hash = createHash('sha256').update(script).digest('base64');
  t.match(String(page.headers['content-security-policy']), `script-src 'self' 'sha256-${hash}'`);
  const scriptSrc = /script-src ([^;]*)/.exec(String(page.headers['content-security-policy']))?.[1] ?? '';
  t.notOk(scriptSrc.includes('unsafe-inline'), 'no other inline script may run');
});

t.test('a rate-limited post gets its form back with every answer kept', async (t) => {
  const { app, db, poll } = await pollApp(t);
  for (let i = 0; i < 60; i++) await app.inject({ method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, payload: 'shown=' });
  const answers = completeAnswers(poll.survey, { Q1: 'D', Q1a: ['A', 'C'], [poll.suggestionId]: '晚上路灯不亮' });
  const res = await post(app, poll, answers, { reply_contact: '13812345678' });
  assertChinesePage(t, res, 429, '请稍后再提交');
  t.equal(count(db, 'responses'), 0, 'nothing stored');
  t.match(fieldset(res.body, 'Q1'), 'value="D" checked');
  t.match(fieldset(res.body, 'Q1a'), 'value="A" checked');
  t.match(fieldset(res.body, 'Q1a'), 'value="C" checked');
  t.match(fieldset(res.body, poll.suggestionId), '晚上路灯不亮</textarea>');
  t.match(fieldset(res.body, poll.suggestionId), 'value="13812345678"', 'the contact typed is kept for the resident');
  t.ok(hiddenField(res.body, 'submission_key'), 'the form keeps its key, to be sent again');
});
