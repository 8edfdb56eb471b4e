// A round's first read in a process, prepared by resultsReady, does not compute on the event loop: a closed round
// (and the earlier months a bulletin shows) is read or computed in the results worker and handed over, with the same
// numbers this thread would compute. The policy is forced (syncLimit 0) so that a tiny round counts as large; how long
// the event loop is held is measured in bench/event-loop.ts, not here.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { R_DATA, answerGrids, smallRound } from '../../kit/results-domain.js';
import { closedResultsHeld, computeRoundMemo, getRoundResults } from '../../../server/features/results/round-results.js';
import { closeLiveResults, computedOffLoop, setLivePolicy } from '../../../server/features/results/live-results.js';
import { resultsReady } from '../../../server/features/results/results-ready.js';
import { closeRoundById } from '../../../server/features/rounds/rounds-service.js';
import { createRepos } from '../../../server/platform/repos.js';

const units = (r: { units: object }) => JSON.parse(JSON.stringify(r.units)) as unknown;

t.test('a closed round read after a restart is prepared in the worker, with the numbers computed here', async (t) => {
  const { db, repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  const closed = closeRoundById(repos, s.round.id);
  const here = computeRoundMemo(repos, closed).results;

  // A fresh set of repositories: what a restarted server holds (nothing in memory, no results_cache row yet).
  const restarted = createRepos(db);
  setLivePolicy(restarted, { syncLimit: 0 });
  t.teardown(() => closeLiveResults(restarted));
  t.ok(computedOffLoop(restarted, closed), 'the forced policy counts the round as large');
  t.notOk(closedResultsHeld(restarted, closed.id));
  await resultsReady(restarted, closed);
  t.ok(closedResultsHeld(restarted, closed.id), 'held after resultsReady, so the read computes nothing');
  const read = getRoundResults(restarted, closed);
  t.same(units(read), units(here), 'the same units and numbers');
  t.same(read.receipts, here.receipts, 'and receipts');
  t.equal(Object.getPrototypeOf(read.units), null, 'units keyed by code without a prototype');
  t.equal(getRoundResults(restarted, closed).units, read.units, 'read again from memory');
});

t.test('a small round, or an in-place policy, leaves the read to compute as before', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  const closed = closeRoundById(repos, s.round.id);
  t.notOk(computedOffLoop(repos, closed), 'a test round is small under the default policy');
  await resultsReady(repos, closed);
  t.notOk(closedResultsHeld(repos, closed.id), 'nothing prepared');
  t.equal(getRoundResults(repos, closed).state, 'closed');
});
