// The public JSON API: the same path as the resident form, for other systems.
import t from 'tap';
import { build } from '../helper.js';
import { preparePoll, type Poll } from './resident-poll.js';
import { completeAnswers, conditional, count } from './resident-kit.js';

async function setup(t: { teardown(fn: () => unknown): void }) {
  let poll: Poll | undefined;
  const built = await build(t, (repos, db) => {
    poll = preparePoll(repos, db);
  });
  if (!poll) throw new Error('fixture not prepared');
  return { ...built, poll };
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
  t.equal(unknown.statusCode, 404);
  t.match(unknown.json().message, '找不到该网格');
});

t.test('POST a response: 201 with its id, stored with its answers', async (t) => {
  const { app, db, poll } = await setup(t);
  const res = await app.inject({
    method: 'POST',
    url: `/api/rounds/${poll.round.code}/responses`,
    payload: { grid: poll.gridCode, answers: completeAnswers(poll.survey, { [poll.suggestionId]: '路灯坏了' }), submissionKey: 'api-key-0001' },
  });
  t.equal(res.statusCode, 201);
  t.match(res.json(), { id: Number, status: 'complete' });
  t.equal(count(db, 'responses', `id = ${Number(res.json().id)} AND grid_id = ${poll.gridId}`), 1);
  t.equal(count(db, 'receipts', "source = 'suggestion'"), 1);

  const again = await app.inject({
    method: 'POST',
    url: `/api/rounds/${poll.round.code}/responses`,
    payload: { grid: poll.gridCode, answers: completeAnswers(poll.survey), submissionKey: 'api-key-0001' },
  });
  t.equal(again.statusCode, 409, 'the same submission key never stores twice');
  t.match(again.json().message, '已经收到');
  t.equal(count(db, 'responses'), 1);
});

t.test('a screen-out answer is stored as screened_out', async (t) => {
  const { app, db, poll } = await setup(t);
  const screen = poll.survey.screening.find((q) => q.options.some((o) => o.screenOut));
  const out = screen?.options.find((o) => o.screenOut);
  if (!screen || !out) throw new Error('no screening option');
  const res = await app.inject({
    method: 'POST',
    url: `/api/rounds/${poll.round.code}/responses`,
    payload: { grid: poll.gridCode, answers: { [screen.id]: out.code } },
  });
  t.equal(res.statusCode, 201);
  t.equal(res.json().status, 'screened_out');
  t.equal(count(db, 'responses', "status = 'screened_out'"), 1);
});

t.test('answers that do not fit the questionnaire are a 422 naming each question', async (t) => {
  const { app, db, poll } = await setup(t);
  const { parent, child, trigger } = conditional(poll.survey);
  const calm = parent.options.find((o) => !(child.showIf?.anyOf ?? []).includes(o.code) && !o.excluded);
  if (!calm) throw new Error('no calm option');
  const url = `/api/rounds/${poll.round.code}/responses`;

  const hidden = await app.inject({
    method: 'POST', url,
    payload: { grid: poll.gridCode, answers: { ...completeAnswers(poll.survey, { [parent.id]: calm.code }), [child.id]: child.options[0].code } },
  });
  t.equal(hidden.statusCode, 422, 'an answer to a hidden question');
  t.ok(hidden.json().errors.some((e: { questionId: string }) => e.questionId === child.id));
  t.match(hidden.json().message, '答卷有误');

  const missingAnswers = completeAnswers(poll.survey, { [parent.id]: trigger.code });
  delete missingAnswers[child.id];
  const missing = await app.inject({ method: 'POST', url, payload: { grid: poll.gridCode, answers: missingAnswers } });
  t.equal(missing.statusCode, 422, 'a required question opened by a condition was not answered');
  t.ok(missing.json().errors.some((e: { questionId: string }) => e.questionId === child.id));

  const unknownCode = await app.inject({ method: 'POST', url, payload: { grid: poll.gridCode, answers: completeAnswers(poll.survey, { [parent.id]: 'ZZ' }) } });
  t.equal(unknownCode.statusCode, 422);
  t.ok(unknownCode.json().errors.some((e: { questionId: string; message: string }) => e.questionId === parent.id && e.message.length > 0));

  const unknownQuestion = await app.inject({ method: 'POST', url, payload: { grid: poll.gridCode, answers: { ...completeAnswers(poll.survey), NOPE: 'A' } } });
  t.equal(unknownQuestion.statusCode, 422);
  t.ok(unknownQuestion.json().errors.some((e: { questionId: string }) => e.questionId === 'NOPE'));

  t.equal(count(db, 'responses'), 0);
});

t.test('bad requests are 4xx with a Chinese message and store nothing', async (t) => {
  const { app, db, repos, poll } = await setup(t);
  const url = `/api/rounds/${poll.round.code}/responses`;
  const answers = completeAnswers(poll.survey);

  const nested = await app.inject({ method: 'POST', url, payload: { grid: poll.gridCode, answers: { Q1: { a: 1 } } } });
  t.equal(nested.statusCode, 400);
  t.match(nested.json().message, '请求内容不符合要求');

  const notJson = await app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{"grid": ' });
  t.equal(notJson.statusCode, 400);

  const huge = await app.inject({ method: 'POST', url, payload: { grid: poll.gridCode, answers: { [poll.suggestionId]: 'x'.repeat(100 * 1024) } } });
  t.equal(huge.statusCode, 413);
  t.equal(huge.json().message, '提交的内容过大');

  const broken = await app.inject({
    method: 'POST', url, headers: { 'content-type': 'application/json' },
    payload: Buffer.concat([Buffer.from(`{"grid":"${poll.gridCode}","answers":{"${poll.suggestionId}":"`), Buffer.from([0xc4, 0xe3]), Buffer.from('"}}')]),
  });
  t.equal(broken.statusCode, 400, 'non-UTF-8 text');

  const otherRound = await app.inject({ method: 'POST', url: '/api/rounds/NO-SUCH-ROUND/responses', payload: { grid: poll.gridCode, answers } });
  t.equal(otherRound.statusCode, 404);

  const wrongGrid = await app.inject({ method: 'POST', url, payload: { grid: 'NO-SUCH-GRID', answers } });
  t.equal(wrongGrid.statusCode, 404);

  if (poll.outsideGridCode) {
    const outside = await app.inject({ method: 'POST', url, payload: { grid: poll.outsideGridCode, answers } });
    t.equal(outside.statusCode, 404, 'a grid the round does not cover');
    t.match(outside.json().message, '不在本轮民调范围内');
  }

  repos.rounds.close(poll.round.id);
  const closed = await app.inject({ method: 'POST', url, payload: { grid: poll.gridCode, answers } });
  t.equal(closed.statusCode, 409);
  t.match(closed.json().message, '本轮民调已结束');
  const closedForm = await app.inject({ method: 'GET', url: `/api/grids/${poll.gridCode}/questionnaire` });
  t.equal(closedForm.statusCode, 409);

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
