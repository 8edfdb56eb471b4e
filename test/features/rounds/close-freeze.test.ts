// Closing a round (docs/rules.md#closing-a-round): the close's transaction changes the state and counts the completed
// responses; the results are frozen after it commits — from the staff page in the results worker, the event loop free
// meanwhile — and nothing that enters them can change once the close committed (a review decision, a call outcome,
// a response: refused inside their own transaction), so a crash before the freeze was stored loses nothing: the next
// read computes the same figures. The policy is forced (syncLimit 0) so that this small round takes the path of a
// 200,000-response one; the event loop's longest block at that size is measured in bench/event-loop.ts.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../kit/app.js';
import { pollApp } from '../../kit/resident-poll.js';
import { addCommittee, holdResponses } from '../../kit/review.js';
import { gradedAnswers } from '../../kit/bulletin.js';
import { addContacts, catiWorld, fakeNumber, takeNext, type CatiWorld } from '../../kit/cati.js';
import { openDatabase } from '../../../server/platform/db.js';
import { createRepos } from '../../../server/platform/repos.js';
import { getRoundResults } from '../../../server/features/results/round-results.js';
import { liveStats, setLivePolicy } from '../../../server/features/results/live-results.js';
import { acceptHeld, reverseDecision } from '../../../server/features/review/review-service.js';
import { closeRoundById } from '../../../server/features/rounds/rounds-service.js';
import type { RoundResults } from '../../../server/core/results/types.js';

/** The figures of the results: everything but when they were computed and the receipt counts (live after a close). */
function figures(results: RoundResults): unknown {
  const { computedAt: _at, receipts: _receipts, ...rest } = results;
  return JSON.parse(JSON.stringify(rest));
}

t.test('the staff close freezes off the event loop; nothing moves the frozen results; a lost freeze comes out the same', async (t) => {
  let held: number[] = [];
  const { app, repos, db, poll } = await pollApp(t, (r, p) => {
    addCommittee(r);
    const answers = gradedAnswers(p.survey, 'best');
    r.responses.insertMany([1, 2, 3, 4, 5].map(() => ({ roundId: p.round.id, gridId: p.gridId, channel: 'simulated' as const, status: 'complete' as const, answers, survey: p.survey })));
    held = holdResponses(r, p, 2);
  });
  const committee = repos.users.getByUsername('committee');
  if (!committee) throw new Error('fixture');
  t.same(acceptHeld(repos, db, held[0], poll.round, committee.id, poll.survey), { ok: true }, 'a held answer accepted before the close counts');
  // The app's own repositories (its memos and its results worker), not the fixture's handle.
  setLivePolicy(app.repos, { syncLimit: 0 });

  const s = await logIn(app, 'committee', PASSWORD);
  t.equal((await s.get(`/rounds/${poll.round.code}/close`)).statusCode, 200);
  let settled = false;
  const closing = s.post(`/rounds/${poll.round.code}/close`, {}).then((res) => {
    settled = true;
    return res;
  });
  const other = await s.get('/rounds');
  t.equal(other.statusCode, 200);
  t.notOk(settled, 'another page is answered while the close waits for its freeze');
  const closed = await closing;
  t.equal(closed.statusCode, 303, closed.body);
  t.ok(liveStats(app.repos, poll.round.id).longestStepMs > 0, 'the freeze was computed in the results worker and taken in by slices');

  const cached = () => db.prepare<[number], { payload: string }>('SELECT payload FROM results_cache WHERE round_id = ?').get(poll.round.id);
  t.ok(cached(), 'stored in results_cache before the redirect');
  const frozen = getRoundResults(repos, poll.round);
  t.equal(frozen.units[poll.gridCode]?.n, 6, 'the five answers and the accepted one');
  const audit = repos.audit.byAction('round.close', 5)[0];
  t.match(JSON.parse(audit?.detail ?? '{}'), { complete: 6 }, "the close's audit entry: complete = the frozen n");

  // Pages read before the close, acting after it: refused inside their own transaction, nothing counted moves.
  const reversed = reverseDecision(repos, db, held[0], 'rejected', poll.round, committee.id, poll.survey);
  t.match(reversed, { ok: false, problem: /本轮已结束/ }, 'an acceptance is not taken back after the close');
  t.match(acceptHeld(repos, db, held[1], poll.round, committee.id, poll.survey), { ok: false, problem: /本轮已结束/ }, 'nor a held answer accepted');
  const late = repos.responses.insert({ roundId: poll.round.id, gridId: poll.gridId, channel: 'web', status: 'complete', answers: gradedAnswers(poll.survey, 'best'), survey: poll.survey });
  t.match(late, { ok: false, refused: { reason: 'round_closed' } }, 'nor a response stored');
  t.equal(db.prepare("SELECT COUNT(*) FROM responses WHERE status = 'complete'").pluck().get(), 6);

  // A SIGKILL between the close's commit and the freeze's store leaves the round closed without its results_cache
  // row; the next process (fresh memos, its own connection) computes them on the first read: the same figures.
  db.prepare('DELETE FROM results_cache WHERE round_id = ?').run(poll.round.id);
  const after = openDatabase(db.name);
  t.teardown(() => after.close());
  const restarted = createRepos(after);
  t.same(figures(getRoundResults(restarted, poll.round)), figures(frozen), 'the same figures after the lost freeze');
  t.ok(cached(), 'and stored again');
});

t.test('a call outcome posted after the close is refused and not recorded (the AAPOR rates are frozen too)', async (t) => {
  let world: CatiWorld | undefined;
  const { app, repos, db } = await build(t, {
    seed: (r, d) => {
      world = catiWorld(r);
      addContacts(d, world.myGrid.id, [0, 1].map(fakeNumber));
    },
  });
  if (!world) throw new Error('fixture');
  const s = await logIn(app, 'grid', PASSWORD);
  const contact = await takeNext(s, world.round.code);
  if (contact === undefined) throw new Error('no number drawn');
  // The interviewer's call screen was open before the close (another connection, the CLI, closes meanwhile).
  closeRoundById(repos, world.round.id);
  const refused = await s.post(`/cati/${world.round.code}/calls/${contact}`, { outcome: 'refusal' });
  t.equal(refused.statusCode, 409);
  t.match(refused.body, '本轮民调已结束');
  t.equal(db.prepare('SELECT COUNT(*) FROM calls').pluck().get(), 0, 'no call recorded');
});
