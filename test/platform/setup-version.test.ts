// The resident pages' caches ask SetupWatch whether the poll's setup changed. Triggers (migration 024) count changes
// to rounds, their units and questionnaires by any connection; answers written by another connection (the response
// writer's thread, a CLI import) change nothing there, so the pages are not rebuilt for every batch of answers.
import t from 'tap';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { testDb } from '../kit/app.js';
import { preparePoll } from '../kit/resident-poll.js';
import { openDatabase } from '../../server/platform/db.js';
import { createRepos } from '../../server/platform/repos.js';
import { SetupWatch } from '../../server/platform/setup-watch.js';
import { closeRoundById } from '../../server/features/rounds/rounds-service.js';

function other(t: Parameters<typeof testDb>[0], dir: string) {
  const db = openDatabase(join(dir, 'test.db'));
  t.teardown(() => db.close());
  return { db, repos: createRepos(db) };
}

t.test('answers written by another connection leave the setup stamp as it was', async (t) => {
  const { db, repos, dir } = testDb(t);
  const poll = preparePoll(repos, db);
  const watch = new SetupWatch(db);
  const before = watch.stamp();
  const writer = other(t, dir);
  writer.repos.responses.insert({ roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'screened_out', survey: poll.survey, answers: {} });
  await nextTurn();
  t.ok(watch.unchangedSince(before), 'a stored response is not a change of the setup');
});

t.test('a round closed, a questionnaire changed or a unit renamed by another connection is seen next turn', async (t) => {
  const { db, repos, dir } = testDb(t);
  const poll = preparePoll(repos, db);
  const watch = new SetupWatch(db);
  const cli = other(t, dir);
  const changes: Array<[string, () => void]> = [
    ['round closed', () => closeRoundById(cli.repos, poll.round.id)],
    ['questionnaire edited', () => cli.db.prepare("UPDATE surveys SET title = title || '（修订）'").run()],
    ['unit renamed', () => cli.db.prepare("UPDATE units SET name = name || '（新）' WHERE code = 'T-D01-01-01'").run()],
    ['round units changed', () => cli.db.prepare('DELETE FROM round_units WHERE round_id = ?').run(poll.round.id)],
  ];
  for (const [what, change] of changes) {
    await nextTurn();
    const before = watch.stamp();
    change();
    t.ok(watch.unchangedSince(before), `${what}: not seen within the turn the stamp was read`);
    await nextTurn();
    t.notOk(watch.unchangedSince(before), `${what}: seen from the next turn`);
  }
});

t.test('the triggers that keep setup_version exist (a rebuild of these tables must recreate them)', async (t) => {
  const { db } = testDb(t);
  const names = db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'setup_version_%' ORDER BY name")
    .all()
    .map((r) => r.name);
  t.same(names, [
    'setup_version_round_units_delete', 'setup_version_round_units_insert',
    'setup_version_rounds_delete', 'setup_version_rounds_insert', 'setup_version_rounds_update',
    'setup_version_surveys_delete', 'setup_version_surveys_insert', 'setup_version_surveys_update',
  ]);
});
