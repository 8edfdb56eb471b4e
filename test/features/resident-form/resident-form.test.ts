// The resident form through app.inject, as a phone with JavaScript off uses it: GET the page, POST the form.
// Bad input (unknown links, broken bodies, hand-made answers) is in resident-bad-input.test.ts.
import t from 'tap';
import { pollApp } from '../../kit/resident-poll.js';
import {
  FORM, assertChinesePage, completeAnswers, conditional, count, deviceCookie, fieldset, formBody, hiddenField,
  openForm, postAnswers as post, shownFor, type Plain,
} from '../../kit/resident.js';
import { logIn, PASSWORD } from '../../kit/app.js';
import { closeRoundById, createRound } from '../../../server/features/rounds/rounds-service.js';

const setup = (t: Parameters<typeof pollApp>[0]) => pollApp(t);

t.test('the form shows the grid, the period and the visible questions only', async (t) => {
  const { app, poll } = await setup(t);
  const res = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /text\/html/);
  t.equal(res.headers['cache-control'], 'no-store', 'a page with a one-time key is never cached');
  t.match(res.body, '<html lang="zh-CN"');
  t.match(res.body, poll.gridName);
  t.match(res.body, poll.periodLabel);
  const { parent, child } = conditional(poll.survey);
  t.match(res.body, parent.text, 'an unconditional question is shown');
  t.match(res.body, `<fieldset id="f_${child.id}" class="if" hidden`, 'a question whose condition does not hold is there, hidden');
  t.ok(hiddenField(res.body, 'submission_key'), 'the form carries a one-time submission key');
  t.equal(hiddenField(res.body, 'shown'), shownFor(poll.survey, {}), 'the form lists the questions it shows');
  // One optional inline script (the draft), allowed by its hash: the form needs no JavaScript and loads none.
  t.equal(res.body.match(/<script/gi)?.length, 1, 'only the optional draft script');
  t.notOk(/<script[^>]*src=/i.test(res.body), 'no script file');
  t.notOk(/https?:\/\//.test(res.body), 'no external fonts, CDNs or frameworks');
  const cookie = res.cookies.find((c) => c.name === 'sp_dev');
  t.ok(cookie, 'the device token cookie is set');
  t.equal(cookie?.httpOnly, true);
  t.equal(cookie?.sameSite, 'Lax');
  t.equal(cookie?.maxAge, 400 * 24 * 3600);
});

t.test('the form page stays under 40 KB even with every conditional question open', async (t) => {
  const { app, poll } = await setup(t);
  const first = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.ok(Buffer.byteLength(first.body) < 40 * 1024, `first page is ${Buffer.byteLength(first.body)} bytes`);
  // Open every condition at once: answer each parent with an option that opens its child, and submit nothing else.
  const opening: Plain = {};
  for (const q of poll.survey.questions) {
    if (q.showIf) opening[q.showIf.question] = q.showIf.anyOf[0];
  }
  const res = await post(app, poll, opening, { shown: shownFor(poll.survey, {}) });
  t.equal(res.statusCode, 200);
  t.ok(Buffer.byteLength(res.body) < 40 * 1024, `fully open page is ${Buffer.byteLength(res.body)} bytes`);
});

t.test('with JavaScript off, an unsafe answer opens the crime-type question before anything is stored', async (t) => {
  const { app, db, poll } = await setup(t);
  const { parent, child, trigger } = conditional(poll.survey);
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  const key = hiddenField(page.body, 'submission_key') ?? '';
  const cookies = deviceCookie(page);

  // The resident answers everything on the page, choosing the option that opens the follow-up question.
  const answers = completeAnswers(poll.survey, { [parent.id]: trigger.code });
  delete answers[child.id];
  const first = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies,
    payload: formBody(answers, { shown: hiddenField(page.body, 'shown') ?? '', submission_key: key }),
  });
  t.equal(first.statusCode, 200);
  t.equal(count(db, 'responses'), 0, 'nothing stored while a new question waits for its answer');
  t.match(fieldset(first.body, child.id), '这道题需要补充回答', 'the new question is shown and marked');
  t.match(fieldset(first.body, parent.id), new RegExp(`value="${trigger.code}" checked`), 'the answers given are kept');
  t.equal(hiddenField(first.body, 'submission_key'), key, 'the same form keeps its submission key');
  t.match(hiddenField(first.body, 'shown') ?? '', child.id);

  const full = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies,
    payload: formBody({ ...answers, [child.id]: child.options[0].code }, { shown: hiddenField(first.body, 'shown') ?? '', submission_key: key }),
  });
  t.equal(full.statusCode, 200);
  t.match(full.body, poll.survey.thankYou);
  t.equal(count(db, 'responses', "status = 'complete'"), 1);
  t.equal(count(db, 'answers', `question_id = '${child.id}'`), 1, 'the revealed question was answered and stored');
});

t.test('answers to questions that became hidden are dropped', async (t) => {
  const { app, db, poll } = await setup(t);
  const { parent, child, trigger } = conditional(poll.survey);
  const calm = parent.options.find((o) => o.code !== trigger.code && !(child.showIf?.anyOf ?? []).includes(o.code));
  if (!calm) throw new Error('no option that keeps the question hidden');
  const answers = completeAnswers(poll.survey, { [parent.id]: calm.code });
  // The page had shown the child (the resident first said "unsafe"), then changed the answer back.
  const res = await post(app, poll, { ...answers, [child.id]: child.options[0].code }, {
    shown: shownFor(poll.survey, { ...answers, [parent.id]: trigger.code }),
  });
  t.equal(res.statusCode, 200);
  t.match(res.body, poll.survey.thankYou);
  t.equal(count(db, 'responses'), 1);
  t.equal(count(db, 'answers', `question_id = '${child.id}'`), 0);
});

t.test('a screen-out answer ends the interview politely and is counted', async (t) => {
  const { app, db, repos, poll } = await setup(t);
  const screen = poll.survey.screening.find((q) => q.options.some((o) => o.screenOut));
  const out = screen?.options.find((o) => o.screenOut);
  if (!screen || !out) throw new Error('the questionnaire has no screening option');
  const res = await post(app, poll, { [screen.id]: out.code });
  t.equal(res.statusCode, 200);
  t.match(res.body, poll.survey.screenOutMessage);
  t.notOk(res.body.includes(poll.survey.thankYou));
  t.equal(count(db, 'responses', "status = 'screened_out'"), 1);
  t.same(repos.responses.countByGrid(poll.round.id).get(poll.gridId), { complete: 0, screenedOut: 1 });
});

t.test('a missing required answer comes back as 422 with the message next to its question, answers kept', async (t) => {
  const { app, db, poll } = await setup(t);
  const required = poll.survey.questions.filter((q) => q.required && !q.showIf);
  const missing = required[required.length - 1];
  const kept = required[0];
  const answers = completeAnswers(poll.survey, { [poll.suggestionId]: '希望多巡逻' });
  delete answers[missing.id];
  const res = await post(app, poll, answers);
  assertChinesePage(t, res, 422, '还有 1 处需要修改');
  t.equal(count(db, 'responses'), 0);
  const box = fieldset(res.body, missing.id);
  t.match(box, `aria-describedby="e_${missing.id}"`);
  t.match(box, `<p class="err" id="e_${missing.id}">请回答此题</p>`, 'the message stands next to the question');
  t.match(res.body, /<div class="box alert" role="alert"/);
  const number = shownFor(poll.survey, answers).split(',').indexOf(missing.id) + 1;
  t.match(res.body, `<a href="#f_${missing.id}">第 ${number} 题：请回答此题</a>`, 'the summary links to the question');
  t.match(fieldset(res.body, kept.id), new RegExp(`value="${String(answers[kept.id])}" checked`), 'answers already given are kept');
  t.match(fieldset(res.body, poll.suggestionId), '>希望多巡逻</textarea>', 'text already typed is kept');
});

t.test('an option code that does not exist is refused', async (t) => {
  const { app, db, poll } = await setup(t);
  const q = poll.survey.questions.find((x) => x.type === 'single' && !x.showIf);
  if (!q) throw new Error('no single-choice question');
  const res = await post(app, poll, completeAnswers(poll.survey, { [q.id]: 'NO-SUCH-CODE' }));
  assertChinesePage(t, res, 422, '还有 1 处需要修改');
  t.match(fieldset(res.body, q.id), `<p class="err" id="e_${q.id}">选项无效</p>`);
  t.notOk(res.body.includes('NO-SUCH-CODE'), 'the made-up code is not echoed');
  t.equal(count(db, 'responses'), 0);
});

t.test('script typed into the suggestion is stored as text and never echoed unescaped', async (t) => {
  const { app, db, poll } = await pollApp(t, (repos) => {
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  });
  const script = '<script>alert("x")</script>';
  const required = poll.survey.questions.find((q) => q.required && !q.showIf);
  if (!required) throw new Error('no required question');
  const answers = completeAnswers(poll.survey, { [poll.suggestionId]: script });
  delete answers[required.id];
  const again = await post(app, poll, answers);
  t.equal(again.statusCode, 422);
  t.notOk(again.body.includes(script), 'the re-rendered form does not echo the script');
  t.match(again.body, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;', 'it is shown escaped in the text box');

  const res = await post(app, poll, completeAnswers(poll.survey, { [poll.suggestionId]: script }));
  t.equal(res.statusCode, 200);
  t.notOk(res.body.includes(script));
  const stored = db.prepare<[string], { text_value: string }>('SELECT text_value FROM answers WHERE question_id = ?').get(poll.suggestionId);
  t.equal(stored?.text_value, script);
  const receipt = db.prepare<[], { body: string; source: string }>('SELECT body, source FROM receipts').get();
  t.same(receipt, { body: script, source: 'suggestion' }, 'the suggestion opens a receipt with the text as typed');

  const staff = await logIn(app, 'committee', PASSWORD);
  const receipts = await staff.get('/receipts');
  t.equal(receipts.statusCode, 200);
  t.match(receipts.body, '共 1 件');
  t.notOk(receipts.body.includes(script), 'the receipts page does not echo the script');
  t.match(receipts.body, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
});

t.test('a dissatisfied (follow-up) answer opens a receipt tied to the grid and round', async (t) => {
  const { app, db, poll } = await setup(t);
  const q = poll.survey.questions.find((x) => !x.showIf && x.options.some((o) => o.followUp));
  const option = q?.options.find((o) => o.followUp);
  if (!q || !option) throw new Error('no follow-up option');
  const answers = completeAnswers(poll.survey, { [q.id]: option.code });
  const res = await post(app, poll, answers);
  t.equal(res.statusCode, 200);
  const rows = db.prepare<[], { round_id: number; grid_id: number; source: string; question_id: string; body: string }>(
    "SELECT round_id, grid_id, source, question_id, body FROM receipts WHERE source = 'follow_up'",
  ).all();
  const receipt = rows.find((r) => r.question_id === q.id);
  t.ok(receipt && receipt.round_id === poll.round.id && receipt.grid_id === poll.gridId);
  // Staff read the question and what the resident chose, e.g. 您对公安机关…满意吗？（回答：不太满意）.
  t.equal(receipt?.body, `${q.text}（回答：${option.label}）`);
});

t.test('one device answers once per round: a second visit or submission says it was received', async (t) => {
  const { app, db, poll } = await setup(t);
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  const cookies = deviceCookie(page);
  const answers = completeAnswers(poll.survey);
  t.equal((await post(app, poll, answers, {}, cookies)).statusCode, 200);

  const again = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}`, cookies });
  t.equal(again.statusCode, 200);
  t.match(again.body, '本设备本轮已提交');
  t.notOk(again.body.includes('<form'), 'no second form');

  const second = await post(app, poll, answers, {}, cookies);
  t.equal(second.statusCode, 409);
  t.match(second.body, '本设备本轮已提交');
  t.equal(count(db, 'responses'), 1);

  const forged = await post(app, poll, answers, {}, { sp_dev: 'forged-unsigned-value' });
  t.equal(forged.statusCode, 200, 'an unsigned cookie is not a device token: treated as a new device');
});

t.test('a double-click (the same form sent twice) stores one response', async (t) => {
  const { app, db, poll } = await setup(t);
  const answers = completeAnswers(poll.survey);
  const form = await openForm(app, poll.gridCode);
  const payload = formBody(answers, { shown: shownFor(poll.survey, answers), submission_key: form.key });
  const [a, b] = await Promise.all([
    app.inject({ method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies: form.cookies, payload }),
    app.inject({ method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies: form.cookies, payload }),
  ]);
  t.same([a.statusCode, b.statusCode].sort(), [200, 409]);
  t.match(a.statusCode === 409 ? a.body : b.body, '本设备本轮已提交');
  t.equal(count(db, 'responses'), 1);
});

t.test('a closed round and a round not yet open get clear pages and accept nothing', async (t) => {
  const { app, db, repos, poll } = await setup(t);
  const answers = completeAnswers(poll.survey);
  closeRoundById(repos, poll.round.id);
  assertChinesePage(t, await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` }), 409, '本轮民调已结束，不再接收答卷');
  assertChinesePage(t, await post(app, poll, answers), 409, '本轮民调已结束，不再接收答卷');

  createRound(repos, { surveyVersionId: poll.round.surveyVersionId, period: '2099-01', unitIds: [poll.gridId] });
  assertChinesePage(t, await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` }), 409, '本轮民调尚未开始');
  assertChinesePage(t, await post(app, poll, answers), 409, '本轮民调尚未开始');
  t.equal(count(db, 'responses'), 0);
});

t.test('a one-time invite link works once', async (t) => {
  const { app, db, repos, poll } = await setup(t);
  const [token] = repos.invites.create(poll.round.id, poll.gridId, 1);
  t.equal(count(db, 'invites', `token_hash = '${token}'`), 0, 'the raw token is not stored');

  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}?invite=${token}` });
  t.equal(page.statusCode, 200);
  t.equal(hiddenField(page.body, 'invite'), token, 'the form carries the invite');
  const done = await post(app, poll, completeAnswers(poll.survey), { invite: token });
  t.equal(done.statusCode, 200);
  t.equal(count(db, 'invites', 'used_at IS NOT NULL AND response_id IS NOT NULL'), 1);

  const reused = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}?invite=${token}` });
  assertChinesePage(t, reused, 410, '该邀请链接无效或已使用');
  const reposted = await post(app, poll, completeAnswers(poll.survey), { invite: token });
  assertChinesePage(t, reposted, 410, '该邀请链接无效或已使用');
  const bogus = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}?invite=not-a-token` });
  assertChinesePage(t, bogus, 410, '该邀请链接无效或已使用');
  t.equal(count(db, 'responses'), 1);
});

t.test('thank you is only said after the response row is committed', async (t) => {
  const { app, db, poll } = await setup(t);
  // A failing disk, simulated: the insert aborts. The resident must not be told "thank you".
  db.exec("CREATE TRIGGER refuse BEFORE INSERT ON responses BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END");
  const failed = await post(app, poll, completeAnswers(poll.survey));
  assertChinesePage(t, failed, 500, '系统暂时出错，请稍后再试');
  t.match(failed.body, /请求编号：[a-z0-9]+/, 'with the request id to quote');
  t.notOk(failed.body.includes('disk I/O error'), 'the cause stays in the log');
  t.notOk(failed.body.includes(poll.survey.thankYou));
  t.equal(count(db, 'answers'), 0, 'nothing half-stored');
  db.exec('DROP TRIGGER refuse');

  const ok = await post(app, poll, completeAnswers(poll.survey));
  t.equal(ok.statusCode, 200);
  t.match(ok.body, poll.survey.thankYou);
  const row = db.prepare<[], { round_id: number; grid_id: number; channel: string; status: string }>(
    'SELECT round_id, grid_id, channel, status FROM responses',
  ).get();
  t.same(row, { round_id: poll.round.id, grid_id: poll.gridId, channel: 'web', status: 'complete' });
});

t.test('submissions are rate-limited per address, generously', async (t) => {
  const { app, poll } = await setup(t);
  const statuses: number[] = [];
  let last;
  for (let i = 0; i < 61; i++) {
    last = await app.inject({ method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, payload: 'shown=' });
    statuses.push(last.statusCode);
  }
  t.equal(statuses.filter((s) => s === 429).length, 1, 'sixty submissions a minute from one address pass, the next waits');
  // The limited post gets its form back (answers kept: see the test below), not an error page.
  if (last) assertChinesePage(t, last, 429, '请稍后再提交');
});
