// The resident form's details: A+ / 标准字 send the form back in the new size with everything typed (the
// reply number included), the contact field's hint does not repeat （选填）, a question that takes at most three
// choices says so to the browser, and the pages that lead nowhere name the 村（社区）.
import t from 'tap';
import { pollApp } from '../../kit/resident-poll.js';
import { completeAnswers, count, fieldset, formBody, FORM, openForm, shownFor } from '../../kit/resident.js';

const NUMBER = '13812345678';
const SUGGESTION = '小区后门路灯坏了';

t.test('A+ posts the form and brings it back larger with every answer and the reply number kept, nothing stored', async (t) => {
  const { app, db, poll } = await pollApp(t);
  const form = await openForm(app, poll.gridCode);
  t.match(form.body, '<button class="up" form="rf" name="size" value="big">A+ 大字</button>');
  const plain = completeAnswers(poll.survey, { [poll.suggestionId]: SUGGESTION });
  const payload = formBody(plain, { shown: shownFor(poll.survey, plain), submission_key: form.key, reply_contact: NUMBER, size: 'big' });
  const big = await app.inject({ method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies: form.cookies, payload });
  t.equal(big.statusCode, 200);
  t.match(big.body, '<html lang="zh-CN" class="big">', 'the larger text');
  t.equal(big.cookies.find((c) => c.name === 'sp_size')?.value, 'big', 'and remembered');
  t.match(fieldset(big.body, poll.suggestionId), `>${SUGGESTION}</textarea>`, 'the suggestion is kept');
  t.match(big.body, `name="reply_contact" value="${NUMBER}"`, 'the reply number is kept');
  for (const [id, code] of Object.entries(plain)) {
    if (id === poll.suggestionId) continue;
    t.match(fieldset(big.body, id), `value="${String(code)}" checked`, `the answer to ${id} is kept`);
  }
  t.notMatch(big.body, /需要修改|请再点一次/, 'no error and no notice: nothing was submitted');
  t.equal(count(db, 'responses'), 0, 'nothing stored');

  const normal = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies: { ...form.cookies, sp_size: 'big' },
    payload: formBody(plain, { shown: shownFor(poll.survey, plain), submission_key: form.key, reply_contact: NUMBER, size: 'normal' }),
  });
  t.match(normal.body, '<html lang="zh-CN"', 'a page');
  t.notMatch(normal.body, 'class="big"', '标准字 goes back');
  t.match(normal.body, `name="reply_contact" value="${NUMBER}"`);
  t.equal(count(db, 'responses'), 0, 'still nothing stored');
});

t.test('Enter in a text field submits the form, not A+: the first submit button of the form is a plain one', async (t) => {
  const { app, poll } = await pollApp(t);
  const page = (await openForm(app, poll.gridCode)).body;
  const first = /<button[^>]*>/.exec(page)?.[0] ?? '';
  t.match(first, 'type="submit"', `the first button is ${first}`);
  t.notMatch(first, 'name="size"');
});

t.test('the contact field says （选填） once: its hint does not start with 选填', async (t) => {
  const { app, poll } = await pollApp(t);
  const field = fieldset((await openForm(app, poll.gridCode)).body, poll.suggestionId);
  t.match(field, '（选填）');
  const hint = /<p class="hint" id="h_reply_contact">([^<]*)<\/p>/.exec(field)?.[1] ?? '';
  t.ok(hint.length > 0, 'the hint is there');
  t.notMatch(hint, /^选填/, hint);
});

t.test('a question that takes at most three choices tells the browser, and the server still refuses a fourth', async (t) => {
  const { app, poll } = await pollApp(t);
  const limited = poll.survey.questions.find((q) => q.maxChoices !== undefined);
  if (!limited?.showIf) throw new Error('the shipped questionnaire has a limited follow-up');
  t.match(fieldset((await openForm(app, poll.gridCode)).body, limited.id), `data-max="${limited.maxChoices}"`);
  const four = limited.options.filter((o) => !o.other).slice(0, (limited.maxChoices ?? 0) + 1).map((o) => o.code);
  const plain = completeAnswers(poll.survey, { [limited.showIf.question]: limited.showIf.anyOf[0], [limited.id]: four });
  const form = await openForm(app, poll.gridCode);
  const res = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies: form.cookies,
    payload: formBody(plain, { shown: shownFor(poll.survey, plain), submission_key: form.key }),
  });
  t.equal(res.statusCode, 422);
  t.match(res.body, `最多可选 ${limited.maxChoices} 项`);
});

t.test('a link that leads nowhere names the 村（社区）', async (t) => {
  const { app } = await pollApp(t);
  const page = await app.inject({ method: 'GET', url: '/g/NO-SUCH-GRID' });
  t.match(page.body, '村（社区）');
  t.notMatch(page.body, /社区（村）|村\/社区/);
});
