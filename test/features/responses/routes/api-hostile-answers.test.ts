// Hostile answer shapes on POST /api/rounds/:round/responses: a 4xx with a Chinese message, never a 500, nothing stored.
import t from 'tap';
import { pollApp } from '../../../kit/resident-poll.js';
import { completeAnswers, count } from '../../../kit/resident.js';
import { bearer, issueToken, logIn, PASSWORD } from '../../../kit/app.js';

t.test('nested lists, numbers, objects and prototype names as answers are refused in Chinese', async (t) => {
  let secret = '';
  const { app, db, poll } = await pollApp(t, (repos) => {
    secret = issueToken(repos, null);
  });
  const headers = bearer(secret);
  const url = `/api/rounds/${poll.round.code}/responses`;
  const choice = poll.survey.questions.find((q) => q.type !== 'text' && !q.showIf);
  const text = poll.survey.questions.find((q) => q.type === 'text');
  if (!choice || !text) throw new Error('fixture');
  const shapes: unknown[] = [[['A']], [[choice.options[0].code]], [1], 7, null, { a: 'A' }, [null], [['A', 'B']], [{}], true];
  for (const value of shapes) {
    const answers = { ...completeAnswers(poll.survey), [choice.id]: value };
    const res = await app.inject({ method: 'POST', url, headers, payload: { grid: poll.gridCode, answers } });
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `${JSON.stringify(value)} → ${res.statusCode}`);
    t.match(res.json().message, /[\u4e00-\u9fff]/, `${JSON.stringify(value)}: a Chinese message`);
  }
  const nested = await app.inject({ method: 'POST', url, headers, payload: { grid: poll.gridCode, answers: { ...completeAnswers(poll.survey), [choice.id]: [['A']] } } });
  t.equal(nested.statusCode, 422, 'the reported case: {"Q1":[["A"]]}');
  const textAsList = await app.inject({ method: 'POST', url, headers, payload: { grid: poll.gridCode, answers: { ...completeAnswers(poll.survey), [text.id]: [['x']] } } });
  t.ok(textAsList.statusCode === 422 || textAsList.statusCode === 400, `a nested list for a text question → ${textAsList.statusCode}`);
  for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
    const payload = `{"grid":${JSON.stringify(poll.gridCode)},"answers":{${JSON.stringify(name)}:"A"}}`;
    const res = await app.inject({ method: 'POST', url, payload, headers: { ...headers, 'content-type': 'application/json' } });
    t.ok(res.statusCode >= 400 && res.statusCode < 500, `question id ${name} → ${res.statusCode}`);
  }
  t.equal(count(db, 'responses'), 0, 'nothing stored');
});

t.test('results and bulletin lookups by unit code never find what every object carries', async (t) => {
  let secret = '';
  const { app, poll } = await pollApp(t, (repos) => {
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    secret = issueToken(repos, null);
  });
  const s = await logIn(app, 'committee', PASSWORD);
  for (const name of ['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty']) {
    const api = await app.inject({ method: 'GET', url: `/api/rounds/${poll.round.code}/results?unit=${name}`, headers: bearer(secret) });
    t.equal(api.statusCode, 404, `results ?unit=${name}`);
    const page = await s.get(`/rounds/${poll.round.code}/bulletin?unit=${name}`);
    t.ok(page.statusCode >= 400 && page.statusCode < 500, `bulletin ?unit=${name} → ${page.statusCode}`);
  }
});
