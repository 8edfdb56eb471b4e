// Open-round results never recompute per request: a large round answers from its latest computation while a worker
// thread recomputes it, and says when its numbers were computed. The policy is forced here (syncLimit 0) so that a
// tiny round behaves as a 200,000-response one; the time it takes is measured in bench/results.ts, not here.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { R_DATA, answerGrids, answerWithText, smallRound } from '../../kit/results-domain.js';
import { computeRoundMemo, getRoundResults } from '../../../server/features/results/round-results.js';
import { closeLiveResults, liveRefreshed, liveResultsReady, liveStats, setLivePolicy } from '../../../server/features/results/live-results.js';
import type { RoundResults } from '../../../server/core/results/types.js';
import { closeRoundById } from '../../../server/features/rounds/rounds-service.js';

function top(results: RoundResults): number {
  return results.units['D01']?.n ?? -1;
}

t.test('a large open round answers from its latest results and refreshes them off the event loop', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  setLivePolicy(repos, { syncLimit: 0 });
  t.teardown(() => closeLiveResults(repos));

  const first = getRoundResults(repos, s.round);
  const n = top(first);
  t.equal(liveStats(repos, s.round.id).refreshes, 0, 'the first read computes in the request: there is nothing to answer from');

  answerWithText(repos, s, s.grids[0], '路灯坏了');
  const stale = getRoundResults(repos, s.round);
  t.equal(stale, first, 'the read after a write returns the latest results as they are');
  t.equal(top(stale), n, 'without the new response');
  t.equal(stale.computedAt, first.computedAt, 'and says when they were computed');
  t.equal(liveStats(repos, s.round.id).refreshes, 1, 'and starts one background refresh');
  for (let i = 0; i < 5; i++) getRoundResults(repos, s.round);
  t.equal(liveStats(repos, s.round.id).refreshes, 1, 'more reads during the refresh start no other');

  await liveRefreshed(repos, s.round.id);
  t.equal(liveStats(repos, s.round.id).lastError, undefined);
  const current = getRoundResults(repos, s.round);
  t.equal(top(current), n + 1, 'once refreshed, the new response counts');
  t.ok(current.computedAt >= first.computedAt);
  const here = computeRoundMemo(repos, s.round).results;
  t.same(JSON.parse(JSON.stringify(current.units)), JSON.parse(JSON.stringify(here.units)), 'the worker computes what this thread would');
  t.same(current.receipts, here.receipts, 'receipts included');
  t.equal(Object.getPrototypeOf(current.units), null, 'units keyed by code without a prototype');

  t.equal(getRoundResults(repos, s.round), current, 'unchanged data: the same results');
  t.equal(liveStats(repos, s.round.id).refreshes, 1, 'and no refresh');
});

t.test('a small open round is recomputed on the first read after a write, as before', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  const n = top(getRoundResults(repos, s.round));
  answerWithText(repos, s, s.grids[1], '无');
  t.equal(top(getRoundResults(repos, s.round)), n + 1);
  t.equal(liveStats(repos, s.round.id).refreshes, 0, 'no background work');
});

t.test('a closed round is frozen as before, whatever the policy', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  setLivePolicy(repos, { syncLimit: 0 });
  const closed = closeRoundById(repos, s.round.id);
  const results = getRoundResults(repos, closed);
  t.equal(results.state, 'closed');
  t.equal(getRoundResults(repos, closed).computedAt, results.computedAt);
  t.equal(liveStats(repos, s.round.id).refreshes, 0);
});

t.test('a refresh that fails leaves the latest results in use, and the next read computes here', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  setLivePolicy(repos, { syncLimit: 0 });
  t.teardown(() => closeLiveResults(repos));
  const n = top(getRoundResults(repos, s.round));
  answerWithText(repos, s, s.grids[2], '无');
  t.equal(top(getRoundResults(repos, s.round)), n, 'stale while the refresh runs');
  // The worker stops under the refresh (as a crash would).
  await closeLiveResults(repos);
  await liveRefreshed(repos, s.round.id);
  t.match(liveStats(repos, s.round.id).lastError?.message, /closed/);
  t.equal(top(getRoundResults(repos, s.round)), n + 1, 'the read after the failure is current');
  t.equal(liveStats(repos, s.round.id).lastError, undefined);
});

t.test('the first read of a large open round, prepared by liveResultsReady, is computed in the worker', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  setLivePolicy(repos, { syncLimit: 0 });
  t.teardown(() => closeLiveResults(repos));

  await liveResultsReady(repos, s.round);
  t.equal(liveStats(repos, s.round.id).refreshes, 1, 'computed by one worker refresh, not in the request');
  const first = getRoundResults(repos, s.round);
  t.equal(top(first), computeRoundMemo(repos, s.round).results.units['D01']?.n, 'the worker counts what this thread would');
  await liveResultsReady(repos, s.round);
  t.equal(liveStats(repos, s.round.id).refreshes, 1, 'once results are at hand, nothing more to prepare');
});

t.test('a small open round is left to its first read', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  t.teardown(() => closeLiveResults(repos));
  await liveResultsReady(repos, s.round);
  t.equal(liveStats(repos, s.round.id).refreshes, 0, 'no worker for a round this small');
  t.equal(top(getRoundResults(repos, s.round)), top(computeRoundMemo(repos, s.round).results));
});
