// The resident pages are rendered once per grid and reused (server/features/resident-form/page-cache.ts). What a resident sees
// must still follow the poll's setup at once: a round closed or opened, here or from another process.
import t from 'tap';
import { join } from 'node:path';
import { openDatabase } from '../../../server/platform/db.js';
import { createRepos } from '../../../server/platform/repos.js';
import { pollApp } from '../../kit/resident-poll.js';
import { assertChinesePage, completeAnswers, hiddenField, postAnswers as post } from '../../kit/resident.js';
import { closeRoundById, createRound, openRoundById } from '../../../server/features/rounds/rounds-service.js';

const CLOSED = '本轮民调已结束，不再接收答卷';

t.test('a round closed after its form was served serves no form any more', async (t) => {
  const { app, repos, poll } = await pollApp(t);
  t.equal((await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` })).statusCode, 200);
  closeRoundById(repos, poll.round.id);
  assertChinesePage(t, await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` }), 409, CLOSED);
  assertChinesePage(t, await post(app, poll, completeAnswers(poll.survey)), 409, CLOSED);
});

t.test('a round closed by another process (the CLI) is seen on the next request', async (t) => {
  const { app, dir, poll } = await pollApp(t);
  t.equal((await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` })).statusCode, 200);
  const cli = openDatabase(join(dir, 'test.db'));
  t.teardown(() => cli.close());
  closeRoundById(createRepos(cli), poll.round.id);
  assertChinesePage(t, await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` }), 409, CLOSED);
});

t.test('a newer round opened for the grid replaces the one whose form was served', async (t) => {
  const { app, repos, poll } = await pollApp(t);
  t.match((await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` })).body, poll.periodLabel);
  const next = createRound(repos, { surveyVersionId: poll.round.surveyVersionId, period: '2025-04', unitIds: [poll.gridId] });
  openRoundById(repos, next.id);
  const page = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.match(page.body, '2025年4月');
  t.notOk(page.body.includes(poll.periodLabel));
});

t.test('every form page carries its own submission key and its own invite', async (t) => {
  const { app, repos, poll } = await pollApp(t);
  const keys = new Set<string | undefined>();
  for (let i = 0; i < 3; i++) keys.add(hiddenField((await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` })).body, 'submission_key'));
  t.equal(keys.size, 3);
  t.notOk(keys.has(undefined));

  const [first, second] = repos.invites.create(poll.round.id, poll.gridId, 2);
  const invited = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}?invite=${encodeURIComponent(first)}` });
  t.equal(hiddenField(invited.body, 'invite'), first);
  const again = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}?invite=${encodeURIComponent(second)}` });
  t.equal(hiddenField(again.body, 'invite'), second);
  const plain = await app.inject({ method: 'GET', url: `/g/${poll.gridCode}` });
  t.notOk(plain.body.includes('name="invite"'), 'no invite field without an invite');
});
