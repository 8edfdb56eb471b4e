// Bad input on the resident form (/g/:gridCode): unknown links, links the router cannot read, broken bodies and
// hand-made answers. Each is a 4xx HTML page in Chinese that says what is wrong, and nothing is stored.
import t from 'tap';
import { pollApp } from '../../kit/resident-poll.js';
import { FORM, assertChinesePage, completeAnswers, conditional, count, fieldset, formBody, openForm, shownFor } from '../../kit/resident.js';

const setup = (t: Parameters<typeof pollApp>[0]) => pollApp(t);

t.test('an unknown grid and a grid without an open round get a clear page, for the link and the form', async (t) => {
  const { app, db, poll } = await setup(t);
  const answers = completeAnswers(poll.survey);
  const payload = formBody(answers, { shown: shownFor(poll.survey, answers), submission_key: 'unknown-grid-key' });
  assertChinesePage(t, await app.inject({ method: 'GET', url: '/g/NO-SUCH-GRID' }), 404, '找不到该网格：NO-SUCH-GRID');
  assertChinesePage(t, await app.inject({ method: 'POST', url: '/g/NO-SUCH-GRID', headers: FORM, payload }), 404, '找不到该网格：NO-SUCH-GRID');
  // A village code is not a grid link.
  assertChinesePage(t, await app.inject({ method: 'GET', url: '/g/T-D01-01' }), 404, '找不到该网格：T-D01-01');
  const outside = `/g/${poll.outsideGridCode ?? ''}`;
  assertChinesePage(t, await app.inject({ method: 'GET', url: outside }), 404, '该网格当前没有正在进行的民调');
  assertChinesePage(t, await app.inject({ method: 'POST', url: outside, headers: FORM, payload }), 404, '该网格当前没有正在进行的民调');
  t.equal(count(db, 'responses'), 0);
});

t.test('links the router cannot read, or that are far too long, are Chinese pages too, never JSON or a 500', async (t) => {
  const { app, db, poll } = await setup(t);
  const cases: Array<[url: string, status: number, message: string]> = [
    ['/g/%', 400, '链接地址有误，请检查后重新打开'],
    ['/g/%E4%B8', 400, '链接地址有误，请检查后重新打开'],
    [`/g/${'A'.repeat(200)}`, 414, '链接地址过长，请检查后重新打开'],
    [`/g/${'A'.repeat(65)}`, 400, '请求内容不符合要求（params/gridCode：过长）'],
    [`/g/${encodeURIComponent('网格💥')}`, 404, '找不到该网格：网格💥'],
    ['/g/%00', 404, '找不到该网格'],
    [`/g/${poll.gridCode}?invite=a&invite=b`, 400, '请求内容不符合要求（querystring/invite：类型不对）'],
    [`/g/${poll.gridCode}?invite=%E4%B8`, 410, '该邀请链接无效或已使用'],
    [`/g/${poll.gridCode}/more`, 404, '找不到该页面'],
  ];
  for (const [url, status, message] of cases) {
    assertChinesePage(t, await app.inject({ method: 'GET', url }), status, message);
  }
  const post = await app.inject({ method: 'POST', url: '/g/%ZZ', headers: FORM, payload: 'shown=' });
  assertChinesePage(t, post, 400, '链接地址有误');
  // The router answers these before any hook runs; they still carry the headers of every other page.
  t.match(String(post.headers['content-security-policy']), "default-src 'self'");
  t.equal(post.headers['x-content-type-options'], 'nosniff');
  t.equal(post.headers['cache-control'], 'no-store');

  const script = await app.inject({ method: 'GET', url: `/g/${encodeURIComponent('<script>alert(1)</script>')}` });
  assertChinesePage(t, script, 404, '找不到该网格：&lt;script&gt;alert(1)&lt;/script&gt;');
  t.notOk(script.body.includes('<script>'), 'the code in the link is not echoed unescaped');
  t.equal(count(db, 'responses'), 0);
});

t.test('answers to questions the page never showed are refused, not stored', async (t) => {
  const { app, db, poll } = await setup(t);
  const { parent, child, trigger } = conditional(poll.survey);
  const calm = parent.options.find((o) => !(child.showIf?.anyOf ?? []).includes(o.code));
  if (!calm) throw new Error('no option that keeps the question hidden');
  const answers = completeAnswers(poll.survey, { [parent.id]: calm.code });
  const firstPage = shownFor(poll.survey, answers);
  t.notOk(firstPage.split(',').includes(child.id), 'the page did not show the crime-type question');

  // The page carries the follow-up, hidden, and shows it while its trigger is checked (condition CSS): a resident who
  // answered it and then changed the trigger sends its answer. It is dropped, not held against them.
  const closed = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM,
    payload: formBody({ ...answers, [child.id]: child.options[0].code }, { shown: firstPage, submission_key: 'hidden-answer-key' }),
  });
  t.equal(closed.statusCode, 422, 'only the unknown key sends the form back');
  t.match(fieldset(closed.body, child.id), ' hidden', 'the follow-up stays hidden');
  t.notOk(fieldset(closed.body, child.id).includes('checked'), 'its dropped answer is not kept');
  t.match(fieldset(closed.body, parent.id), new RegExp(`value="${calm.code}" checked`), 'the answers given are kept');

  // A follow-up of a question the page never showed (a body made by hand) is refused.
  const sparse = poll.survey.screening.map((q) => q.id).join(',');
  const hidden = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM,
    payload: formBody({ ...answers, [child.id]: child.options[0].code }, { shown: sparse, submission_key: 'hidden-answer-key-2' }),
  });
  assertChinesePage(t, hidden, 422, `<li>“${child.text}”这道题此时不应作答</li>`);
  t.equal(count(db, 'responses'), 0);

  const unknown = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM,
    payload: formBody({ ...answers, NOPE: 'A' }, { shown: firstPage, submission_key: 'unknown-question-key' }),
  });
  assertChinesePage(t, unknown, 422, '<li>问卷中没有这道题（NOPE）</li>');

  // The same answer is fine once the page has shown the question and the trigger is chosen.
  const opened = completeAnswers(poll.survey, { [parent.id]: trigger.code });
  const form = await openForm(app, poll.gridCode);
  const ok = await app.inject({
    method: 'POST', url: `/g/${poll.gridCode}`, headers: FORM, cookies: form.cookies,
    payload: formBody(opened, { shown: shownFor(poll.survey, opened), submission_key: form.key }),
  });
  t.equal(ok.statusCode, 200);
  t.match(ok.body, poll.survey.thankYou);
  t.equal(count(db, 'responses'), 1, 'only the proper submission is stored');
});

t.test('oversized and broken bodies are a clear 4xx, never a 500, and store nothing', async (t) => {
  const { app, db, poll } = await setup(t);
  const url = `/g/${poll.gridCode}`;
  const answers = completeAnswers(poll.survey);
  const valid = formBody(answers, { shown: shownFor(poll.survey, answers), submission_key: 'bad-input-key' });
  const suggestion = `q_${poll.suggestionId}`;
  const send = (payload: string | Buffer | object, headers: Record<string, string> = FORM) =>
    app.inject({ method: 'POST', url, headers, payload });

  assertChinesePage(t, await send(`${valid}&${suggestion}=${'x'.repeat(100 * 1024)}`), 413, '提交的内容过大');
  assertChinesePage(t, await send(JSON.stringify({ a: 'x'.repeat(100 * 1024) }), { 'content-type': 'application/json' }), 413, '提交的内容过大');

  const notUtf8 = '提交的内容编码有误，请使用 UTF-8 重新提交';
  assertChinesePage(t, await send(`${valid}&${suggestion}=%C4%E3%BA%C3%B0%A1`), 400, notUtf8);
  assertChinesePage(t, await send(Buffer.concat([Buffer.from(`${valid}&${suggestion}=`), Buffer.from([0xc4, 0xe3, 0xba, 0xc3])])), 400, notUtf8);
  assertChinesePage(t, await send(`${valid}&${suggestion}=%E4%B8`), 400, notUtf8);
  assertChinesePage(t, await send(`${valid}&%FF=1`), 400, notUtf8);

  assertChinesePage(t, await send('{"shown": ', { 'content-type': 'application/json' }), 400, '提交的内容格式有误');
  assertChinesePage(t, await send({ q_Q1: { nested: true }, shown: ['a', { b: 1 }] }, { 'content-type': 'application/json' }), 400, '请求内容不符合要求');
  assertChinesePage(t, await send('[1, 2]', { 'content-type': 'application/json' }), 400, '请求内容不符合要求');
  assertChinesePage(t, await send('hello', { 'content-type': 'text/plain' }), 400, '请求内容不符合要求');
  assertChinesePage(t, await send('--x\r\n', { 'content-type': 'multipart/form-data; boundary=x' }), 415, '不支持的提交格式');
  assertChinesePage(t, await send(Array.from({ length: 400 }, (_, i) => `f${i}=1`).join('&')), 400, '请求内容不符合要求');

  const empty = await send('');
  assertChinesePage(t, empty, 422, '请回答此题');
  t.match(empty.body, '<form method="post"', 'an empty form comes back to be filled in');

  const single = poll.survey.questions.find((q) => q.type === 'single' && !q.showIf);
  if (!single) throw new Error('no single-choice question');
  const twice = await send(`${valid}&q_${single.id}=${single.options[1].code}`);
  assertChinesePage(t, twice, 422, '还有 1 处需要修改');
  t.match(fieldset(twice.body, single.id), `<p class="err" id="e_${single.id}">此题只能选一项</p>`, 'two codes on a single-choice question');

  t.equal(count(db, 'responses'), 0);
});
