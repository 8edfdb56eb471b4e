// The public JSON API: the same path as the resident form, for other systems.
import { STATUS_CODES } from 'node:http';
import t, { type Test } from 'tap';
import type { LightMyRequestResponse } from 'fastify';
import { pollApp } from '../../../kit/resident-poll.js';
import { completeAnswers, conditional, count } from '../../../kit/resident.js';
import { bearer, issueToken } from '../../../kit/app.js';
import { closeRoundById, createRound } from '../../../../server/features/rounds/rounds-service.js';

/** The poll, and a whole-district API token's header for the calls that need a credential. */
async function setup(t: Parameters<typeof pollApp>[0]) {
  let secret = '';
  const built = await pollApp(t, (repos) => {
    secret = issueToken(repos, null);
  });
  return { ...built, auth: bearer(secret) };
}

/** An API error: the status, a JSON body (never an HTML page) and its Chinese message. */
function assertJsonError(t: Test, res: LightMyRequestResponse, status: number, message: string): void {
  t.equal(res.statusCode, status, `status ${status} for "${message}"`);
  t.match(res.headers['content-type'], /^application\/json/);
  t.match(res.json(), { statusCode: status, error: STATUS_CODES[status], message });
}

/** The message the 422 reply gives for one question. */
function errorFor(res: LightMyRequestResponse, questionId: string): string | undefined {
  return (res.json().errors as Array<{ questionId: string; message: string }>).find((e) => e.questionId === questionId)?.message;
}

t.test('GET /api/rounds lists rounds with their questionnaire', async (t) => {
  const { app, poll } = await setup(t);
  const res = await app.inject({ method: 'GET', url: '/api/rounds' });
  t.equal(res.statusCode, 200);
  const round = res.json().rounds.find((r: { code: string }) => r.code === poll.round.code);
  t.match(round, { code: poll.round.code, period: poll.round.period, state: 'open', survey: { key: poll.survey.id, title: poll.survey.title } });
});

t.test('GET a grid questionnaire returns the open round and its questions, without scores', async (t) => {
  const { app, poll } = await setup(t);
  const res = await app.inject({ method: 'GET', url: `/api/grids/${poll.gridCode}/questionnaire` });
  t.equal(res.statusCode, 200);
  const body = res.json();
  t.equal(body.round.code, poll.round.code);
  t.same(body.grid, { code: poll.gridCode, name: poll.gridName });
  t.equal(body.questionnaire.questions.length, poll.survey.questions.length);
  const { child } = conditional(poll.survey);
  const shown = body.questionnaire.questions.find((q: { id: string }) => q.id === child.id);
  t.same(shown.showIf, child.showIf, 'conditions are described so a client can apply them');
  t.notOk(JSON.stringify(body).includes('"score"'), 'option scores stay on the server');

  const unknown = await app.inject({ method: 'GET', url: '/api/grids/NO-SUCH-GRID/questionnaire' });
  assertJsonError(t, unknown, 404, '找不到该网格：NO-SUCH-GRID');
  const outside = await app.inject({ method: 'GET', url: `/api/grids/${poll.outsideGridCode ?? ''}/questionnaire` });
  assertJsonError(t, outside, 404, '该网格当前没有正在进行的民调');
});

t.test('POST a response: 201 with its id, stored with its answers', async (t) => {
  const { app, db, poll, auth } = await setup(t);
  const res = await app.inject({
    method: 'POST', headers: auth,
    url: `/api/rounds/${poll.round.code}/responses`,
    payload: { grid: poll.gridCode, answers: completeAnswers(poll.survey, { [poll.suggestionId]: '路灯坏了' }), submissionKey: 'api-key-0001' },
  });
  t.equal(res.statusCode, 201);
  t.match(res.json(), { id: Number, status: 'complete' });
  t.equal(count(db, 'responses', `id = ${Number(res.json().id)} AND grid_id = ${poll.gridId}`), 1);
  t.equal(count(db, 'receipts', "source = 'suggestion'"), 1);

  const again = await app.inject({
    method: 'POST', headers: auth,
    url: `/api/rounds/${poll.round.code}/responses`,
    payload: { grid: poll.gridCode, answers: completeAnswers(poll.survey), submissionKey: 'api-key-0001' },
  });
  t.equal(again.statusCode, 409, 'the same submission key never stores twice');
  t.match(again.json().message, '已经收到');
  t.equal(count(db, 'responses'), 1);
});

t.test('a screen-out answer is stored as screened_out', async (t) => {
  const { app, db, poll, auth } = await setup(t);
  const screen = poll.survey.screening.find((q) => q.options.some((o) => o.screenOut));
  const out = screen?.options.find((o) => o.screenOut);
  if (!screen || !out) throw new Error('no screening option');
  const res = await app.inject({
    method: 'POST', headers: auth,
    url: `/api/rounds/${poll.round.code}/responses`,
    payload: { grid: poll.gridCode, answers: { [screen.id]: out.code } },
  });
  t.equal(res.statusCode, 201);
  t.equal(res.json().status, 'screened_out');
  t.equal(count(db, 'responses', "status = 'screened_out'"), 1);
});

t.test('answers that do not fit the questionnaire are a 422 naming each question', async (t) => {
  const { app, db, poll, auth } = await setup(t);
  const { parent, child, trigger } = conditional(poll.survey);
  const calm = parent.options.find((o) => !(child.showIf?.anyOf ?? []).includes(o.code) && !o.excluded);
  if (!calm) throw new Error('no calm option');
  const url = `/api/rounds/${poll.round.code}/responses`;

  const hidden = await app.inject({
    method: 'POST', headers: auth, url,
    payload: { grid: poll.gridCode, answers: { ...completeAnswers(poll.survey, { [parent.id]: calm.code }), [child.id]: child.options[0].code } },
  });
  t.equal(hidden.statusCode, 422, 'an answer to a hidden question');
  t.equal(errorFor(hidden, child.id), '此题不应作答');
  t.equal(hidden.json().message, '答卷有误，请按各题说明修改后重新提交');

  const missingAnswers = completeAnswers(poll.survey, { [parent.id]: trigger.code });
  delete missingAnswers[child.id];
  const missing = await app.inject({ method: 'POST', headers: auth, url, payload: { grid: poll.gridCode, answers: missingAnswers } });
  t.equal(missing.statusCode, 422, 'a required question opened by a condition was not answered');
  t.equal(errorFor(missing, child.id), '请回答此题');

  const unknownCode = await app.inject({ method: 'POST', headers: auth, url, payload: { grid: poll.gridCode, answers: completeAnswers(poll.survey, { [parent.id]: 'ZZ' }) } });
  t.equal(unknownCode.statusCode, 422);
  t.equal(errorFor(unknownCode, parent.id), '选项无效');

  const unknownQuestion = await app.inject({ method: 'POST', headers: auth, url, payload: { grid: poll.gridCode, answers: { ...completeAnswers(poll.survey), NOPE: 'A' } } });
  t.equal(unknownQuestion.statusCode, 422);
  t.equal(errorFor(unknownQuestion, 'NOPE'), '问卷中没有这道题（NOPE）');

  t.equal(count(db, 'responses'), 0);
});

t.test('bad requests are 4xx with a Chinese message and store nothing', async (t) => {
  const { app, db, repos, poll, auth } = await setup(t);
  const url = `/api/rounds/${poll.round.code}/responses`;
  const answers = completeAnswers(poll.survey);

  const nested = await app.inject({ method: 'POST', headers: auth, url, payload: { grid: poll.gridCode, answers: { Q1: { a: 1 } } } });
  assertJsonError(t, nested, 400, '请求内容不符合要求');
  assertJsonError(t, await app.inject({ method: 'POST', headers: auth, url, payload: { grid: poll.gridCode, answers: [] } }), 400, '请求内容不符合要求');
  assertJsonError(t, await app.inject({ method: 'POST', headers: auth, url, payload: { answers } }), 400, '请求内容不符合要求');

  const notJson = await app.inject({ method: 'POST', url, headers: { ...auth, 'content-type': 'application/json' }, payload: '{"grid": ' });
  assertJsonError(t, notJson, 400, '提交的内容格式有误');
  const form = await app.inject({ method: 'POST', url, headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, payload: `grid=${poll.gridCode}` });
  assertJsonError(t, form, 400, '请求内容不符合要求');

  const huge = await app.inject({ method: 'POST', headers: auth, url, payload: { grid: poll.gridCode, answers: { [poll.suggestionId]: 'x'.repeat(100 * 1024) } } });
  assertJsonError(t, huge, 413, '提交的内容过大');

  const broken = await app.inject({
    method: 'POST', url, headers: { ...auth, 'content-type': 'application/json' },
    payload: Buffer.concat([Buffer.from(`{"grid":"${poll.gridCode}","answers":{"${poll.suggestionId}":"`), Buffer.from([0xc4, 0xe3]), Buffer.from('"}}')]),
  });
  assertJsonError(t, broken, 400, '提交的内容编码有误，请使用 UTF-8 重新提交');

  const otherRound = await app.inject({ method: 'POST', headers: auth, url: '/api/rounds/NO-SUCH-ROUND/responses', payload: { grid: poll.gridCode, answers } });
  assertJsonError(t, otherRound, 404, '找不到该轮民调：NO-SUCH-ROUND');
  const badUrl = await app.inject({ method: 'POST', headers: auth, url: '/api/rounds/%E4%B8/responses', payload: { grid: poll.gridCode, answers } });
  assertJsonError(t, badUrl, 400, '链接地址有误');
  const longUrl = await app.inject({ method: 'GET', url: `/api/grids/${'A'.repeat(200)}/questionnaire` });
  assertJsonError(t, longUrl, 414, '链接地址过长');

  const wrongGrid = await app.inject({ method: 'POST', headers: auth, url, payload: { grid: 'NO-SUCH-GRID', answers } });
  assertJsonError(t, wrongGrid, 404, '找不到该网格：NO-SUCH-GRID');

  if (poll.outsideGridCode) {
    const outside = await app.inject({ method: 'POST', headers: auth, url, payload: { grid: poll.outsideGridCode, answers } });
    assertJsonError(t, outside, 404, `该网格不在本轮民调范围内：${poll.outsideGridCode}`);
  }

  closeRoundById(repos, poll.round.id);
  const closed = await app.inject({ method: 'POST', headers: auth, url, payload: { grid: poll.gridCode, answers } });
  assertJsonError(t, closed, 409, '本轮民调已结束，不再接收答卷');
  const closedForm = await app.inject({ method: 'GET', url: `/api/grids/${poll.gridCode}/questionnaire` });
  assertJsonError(t, closedForm, 409, '本轮民调已结束，不再接收答卷');

  const draft = createRound(repos, { surveyVersionId: poll.round.surveyVersionId, period: '2099-01', unitIds: [poll.gridId] });
  const early = await app.inject({ method: 'POST', headers: auth, url: `/api/rounds/${draft.code}/responses`, payload: { grid: poll.gridCode, answers } });
  assertJsonError(t, early, 409, '本轮民调尚未开始');

  t.equal(count(db, 'responses'), 0);
});

t.test('the OpenAPI document describes the API with tags and schemas', async (t) => {
  const { app } = await setup(t);
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  t.equal(res.statusCode, 200);
  const doc = res.json();
  const submit = doc.paths['/api/rounds/{round}/responses']?.post;
  t.ok(submit, 'the submission is documented');
  t.same(submit.tags, ['responses']);
  t.ok(submit.requestBody.content['application/json'].schema.properties.answers);
  t.ok(submit.responses['422'], 'the 422 reply with per-question errors is documented');
  t.same(doc.paths['/api/grids/{gridCode}/questionnaire'].get.tags, ['questionnaires']);
  t.same(doc.paths['/api/rounds'].get.tags, ['rounds']);
  t.notOk(doc.paths['/g/{gridCode}'], 'the HTML form is not part of the API document');
});
