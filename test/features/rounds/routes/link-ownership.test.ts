// Which round a grid's resident link serves: the open round of the grid that takes web answers.
// Rounds over the same grid with other channels (a paper-only special round, a phone-only sweep) coexist with it;
// a second round that would take the same grid's web answers cannot be opened, and says which round holds the link.
import t from 'tap';
import { pollApp } from '../../../kit/resident-poll.js';
import { completeAnswers, postAnswers } from '../../../kit/resident.js';
import { logIn } from '../../../kit/app.js';
import { RoundLifecycle, RoundLinkTaken } from '../../../../server/features/rounds/round-lifecycle.js';
import type { Repos } from '../../../../server/platform/repos.js';
import { closeRoundById, createRound, openRoundById } from '../../../../server/features/rounds/rounds-service.js';
import { CLI_ACTOR } from '../../../../server/core/auth/actor.js';

const PASSWORD = 'committee password 1';
const MONTHLY_TITLE = '2025-03-hunan-100（平安建设群众安全感和政法机关执法满意度模拟民调 · 2025年3月）';

function addCommittee(repos: Repos): void {
  repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
}

function completedIn(db: { prepare(sql: string): { get(...a: unknown[]): unknown } }, roundId: number): number {
  const row = db.prepare("SELECT COUNT(*) AS n FROM responses WHERE round_id = ? AND status = 'complete'").get(roundId) as { n: number };
  return row.n;
}

t.test('a paper-only special round for the village leaves the link with the open monthly round', async (t) => {
  const { app, repos, db, poll } = await pollApp(t);
  // The link's page is cached before the special round opens: the cache must not keep or switch to the wrong round.
  t.match((await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` })).body, poll.periodLabel);
  const village = repos.units.getByCode('T-D01-01');
  const special = createRound(repos, {
    surveyVersionId: poll.round.surveyVersionId, period: '2025-04', kind: 'adhoc', unitIds: [village?.id ?? -1], channels: ['paper'],
  });
  openRoundById(repos, special.id);

  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.equal(page.statusCode, 200, 'not 403 本轮民调不通过群众扫码/链接收集答卷');
  t.match(page.body, poll.periodLabel);
  t.notOk(page.body.includes('2025年4月'), 'the special round is not served');
  const res = await postAnswers(app, poll, completeAnswers(poll.survey));
  t.equal(res.statusCode, 200);
  t.match(res.body, '提交成功');
  t.equal(completedIn(db, poll.round.id), 1, 'the answer counts for the monthly round');
  t.equal(completedIn(db, special.id), 0);
});

t.test('a sweep gets phone only by default and opens beside the monthly round without taking its links', async (t) => {
  const { app, repos, db, poll } = await pollApp(t);
  const sweep = createRound(repos, { surveyVersionId: poll.round.surveyVersionId, period: '2025-H1', kind: 'sweep', unitIds: poll.round.unitIds });
  t.same(sweep.channels, ['phone']);
  t.equal(sweep.quotaPerGrid, 0, 'a sweep has no quota per grid');
  openRoundById(repos, sweep.id);
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.equal(page.statusCode, 200);
  t.match(page.body, poll.periodLabel);
  t.notOk(page.body.includes('2025年上半年'));
  await postAnswers(app, poll, completeAnswers(poll.survey));
  t.equal(completedIn(db, poll.round.id), 1);
  t.equal(completedIn(db, sweep.id), 0);
});

t.test('a second round taking the same grid\'s web answers is refused with the name of the round holding the link', async (t) => {
  const { app, repos, db, poll } = await pollApp(t, (r) => addCommittee(r));
  const lifecycle = new RoundLifecycle(db, repos);
  const second = createRound(repos, { surveyVersionId: poll.round.surveyVersionId, period: '2025-H1', kind: 'sweep', unitIds: poll.round.unitIds, channels: ['web', 'phone'] });
  t.throws(() => lifecycle.open(second.id, CLI_ACTOR), RoundLinkTaken);

  const s = await logIn(app, 'committee', PASSWORD);
  const confirm = await s.get(`/rounds/${second.code}/open`);
  t.equal(confirm.statusCode, 200);
  t.match(confirm.body, MONTHLY_TITLE, 'the confirmation page says which round holds the link');
  t.notMatch(confirm.body, /<button[^>]*>确认开始/, 'and offers no button that would fail');
  const res = await s.post(`/rounds/${second.code}/open`, {});
  t.equal(res.statusCode, 409);
  t.match(res.body, `不能开始轮次 ${second.code}`);
  t.match(res.body, MONTHLY_TITLE);
  t.equal(repos.rounds.getById(second.id)?.state, 'draft', 'nothing changed');

  // The links page of the waiting round says whose answers the links collect instead of "答卷计入该网格".
  const links = await s.get(`/rounds/${second.code}/links`);
  t.match(links.body, /id="link-holder"[^>]*>[^<]*2025-03-hunan-100/);
  t.notOk(links.body.includes('答卷计入该网格'));
  t.match((await s.get(`/rounds/${poll.round.code}/links`)).body, '答卷计入该网格', 'the holder\'s own page is unchanged');

  // Once the monthly round is over, the link can move.
  closeRoundById(repos, poll.round.id);
  t.equal(lifecycle.open(second.id, CLI_ACTOR).state, 'open');
});

t.test('rounds over different grids both take web answers', async (t) => {
  const { repos, db, poll } = await pollApp(t);
  const other = repos.units.getByCode('T-D02');
  const round = createRound(repos, { surveyVersionId: poll.round.surveyVersionId, period: '2025-03', kind: 'adhoc', unitIds: [other?.id ?? -1] });
  t.equal(new RoundLifecycle(db, repos).open(round.id, CLI_ACTOR).state, 'open');
});

t.test('the links page of a paper-only round says the links collect the monthly round\'s answers', async (t) => {
  const { app, repos, poll } = await pollApp(t, (r) => addCommittee(r));
  const special = openRoundById(repos,
    createRound(repos, { surveyVersionId: poll.round.surveyVersionId, period: '2025-04', kind: 'adhoc', unitIds: poll.round.unitIds, channels: ['paper'] }).id,
  );
  const s = await logIn(app, 'committee', PASSWORD);
  const links = await s.get(`/rounds/${special.code}/links`);
  t.match(links.body, '本轮民调不通过群众扫码/链接收集答卷');
  t.match(links.body, MONTHLY_TITLE);
  t.notOk(links.body.includes('答卷计入该网格'));
});

t.test('two open web rounds left from before the rule: the link serves the monthly round, not the sweep', async (t) => {
  const { app, repos, poll } = await pollApp(t);
  // The repository opens without the lifecycle's check, as rounds opened before it were.
  openRoundById(repos,
    createRound(repos, { surveyVersionId: poll.round.surveyVersionId, period: '2025-H1', kind: 'sweep', unitIds: poll.round.unitIds, channels: ['web', 'phone'] }).id,
  );
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.match(page.body, poll.periodLabel);
  t.notOk(page.body.includes('2025年上半年'));
});
