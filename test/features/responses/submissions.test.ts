// The one submission path: every channel is refused by a round that does not collect through it (the resident form
// and the API need `web`, the paper import `paper`), and a submission queued when the close commits is refused with
// the closed-round message, never stored after the close.
import t from 'tap';
import { pollApp } from '../../kit/resident-poll.js';
import { completeAnswers, count, deviceCookie, formBody, FORM, hiddenField, postAnswers, shownFor } from '../../kit/resident.js';
import { testDb } from '../../kit/helper.js';
import { preparePoll } from '../../kit/resident-poll.js';
import { cliKit, fixturePath } from '../../kit/cli.js';
import { bearer, issueToken } from '../../kit/api-token.js';
import { ResponseWriter } from '../../../server/features/responses/response-writer.js';
import { SubmissionService } from '../../../server/features/responses/submissions.js';
import { RoundLifecycle } from '../../../server/features/rounds/round-lifecycle.js';
import { getRoundResults } from '../../../server/features/results/round-results.js';
import type { Answers, Survey } from '../../../server/core/survey/model.js';
import { CLI_ACTOR } from '../../../server/core/auth/actor.js';

const WEB_OFF = '本轮民调不通过群众扫码/链接收集答卷（本轮收集方式：电话访问、纸质录入）';

function answersOf(survey: Survey, plain: Record<string, string | string[]>): Answers {
  const out: Answers = {};
  for (const [id, v] of Object.entries(plain)) {
    const q = [...survey.screening, ...survey.questions].find((x) => x.id === id);
    out[id] = q?.type === 'text' ? { kind: 'text', text: String(v) } : { kind: 'choice', codes: Array.isArray(v) ? v : [v] };
  }
  return out;
}

t.test('a round without the web channel neither shows nor takes the resident form', async (t) => {
  const { app, db, poll } = await pollApp(t);
  // Rounds have no "change channels" path: the fixture writes the phone-and-paper round directly.
  db.prepare("UPDATE rounds SET channels = 'phone,paper' WHERE id = ?").run(poll.round.id);
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.equal(page.statusCode, 403);
  t.match(page.body, WEB_OFF);
  t.notMatch(page.body, 'name="submission_key"', 'no form is served');

  const posted = await postAnswers(app, poll, completeAnswers(poll.survey));
  t.equal(posted.statusCode, 403);
  t.match(posted.body, WEB_OFF);
  t.equal(count(db, 'responses'), 0, 'nothing stored');
});

t.test('a round without the web channel refuses API answers in Chinese JSON', async (t) => {
  let secret = '';
  const { app, db, poll } = await pollApp(t, (repos) => {
    secret = issueToken(repos, null);
  });
  db.prepare("UPDATE rounds SET channels = 'phone,paper' WHERE id = ?").run(poll.round.id);
  const res = await app.inject({
    method: 'POST',
    url: `/api/rounds/${poll.round.code}/responses`,
    headers: bearer(secret),
    payload: { grid: poll.gridCode, answers: completeAnswers(poll.survey), submissionKey: 'api-channel-0001' },
  });
  t.equal(res.statusCode, 403);
  t.equal(res.json().message, WEB_OFF);
  t.equal(count(db, 'responses'), 0);
});

t.test('a web round serves the form and takes it as before', async (t) => {
  const { app, db, poll } = await pollApp(t);
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.equal(page.statusCode, 200);
  const plain = completeAnswers(poll.survey);
  // Posted as the page served it: with its device cookie and one-time key (a blind post stores nothing).
  const res = await app.inject({
    method: 'POST',
    url: `/g/${poll.gridCode}`,
    headers: FORM,
    cookies: deviceCookie(page),
    payload: formBody(plain, { shown: shownFor(poll.survey, plain), submission_key: hiddenField(page.body, 'submission_key') ?? '' }),
  });
  t.equal(res.statusCode, 200);
  t.equal(count(db, 'responses', "channel = 'web'"), 1);
});

t.test('the paper import needs the paper channel', async (t) => {
  const cli = cliKit(t);
  const round = '2025-03-hunan-100';
  for (const argv of [
    ['units', 'import', fixturePath('units-good.csv')],
    ['rounds', 'create', '--survey', 'hunan-100', '--period', '2025-03', '--units', 'D9-T1', '--channels', 'web,phone'],
    ['rounds', 'open', round],
  ]) {
    const res = await cli.run(...argv);
    if (res.code !== 0) throw new Error(res.err);
  }
  const res = await cli.run('responses', 'import', round, fixturePath('responses-good.csv'));
  t.equal(res.code, 1);
  t.match(res.err, `轮次 ${round} 未启用纸质录入：本轮民调不通过纸质录入收集答卷（本轮收集方式：群众扫码/链接、电话访问）`);
  cli.inspect((repos) => t.equal(repos.responses.countByGrid(repos.rounds.getByCode(round)?.id ?? -1).size, 0));
});

t.test('a submission queued when the close commits is refused, and the frozen results hold what came before', async (t) => {
  const { db, repos } = testDb(t);
  const poll = preparePoll(repos, db);
  const writer = new ResponseWriter(db, repos.responses);
  const submissions = new SubmissionService(db, repos, writer);
  const answers = answersOf(poll.survey, completeAnswers(poll.survey));
  const target = { round: poll.round, gridId: poll.gridId, survey: poll.survey, channel: 'web' as const, answers };
  t.match(await submissions.submit({ ...target, submissionKey: 'before-close' }), { kind: 'stored', status: 'complete' });

  // Queued with the round still open (the writer flushes a turn later); the close commits in between.
  const queued = submissions.submit({ ...target, submissionKey: 'during-close' });
  new RoundLifecycle(db, repos).close(poll.round.id, CLI_ACTOR);
  t.same(await queued, { kind: 'refused', refusal: { reason: 'round_closed', message: '本轮民调已结束，不再接收答卷' } });
  t.equal(count(db, 'responses'), 1, 'nothing stored after the close');

  const closed = repos.rounds.getById(poll.round.id);
  if (!closed) throw new Error('round missing');
  const frozen = db.prepare<[number], { payload: string }>('SELECT payload FROM results_cache WHERE round_id = ?').get(poll.round.id);
  t.ok(frozen, 'the results were frozen by the close itself, not on a later read');
  const grid = Object.values(getRoundResults(repos, closed).units).find((u) => u.unitId === poll.gridId);
  t.equal(grid?.n, 1, 'the frozen results count the one response stored before the close');
  t.match(await submissions.submit({ ...target, round: closed, submissionKey: 'after-close' }), { kind: 'refused' });
  writer.close();
});
