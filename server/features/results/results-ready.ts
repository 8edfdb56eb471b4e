// Makes a round's results ready to read without holding the event loop: what every route that reads results awaits
// first (the results API, the bulletin and its files, the summary, the exports). Measured on the demo district
// (184 grids, about 2,300 responses a month; 2 shared cores, 2026-12-07): a closed month computed on the request's
// thread took 97–136 ms warm and 2.9 s as a process's first read (the code not yet compiled, and each earlier month
// computed in turn for the changes), the open month 250–470 ms — every other request waited as long. So a round whose
// results this process does not hold yet and which is not tiny (live-results.ts's cost estimate) is read in the
// results worker — a closed one from results_cache, or computed there and stored — and taken in a slice of units at a
// time; the earlier months a bulletin's changes and trend show are prepared the same way. Small rounds (tests'
// fixtures) and in-memory databases are read in place, as before.
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import { memoSlot } from '../../platform/service-memos.js';
import type { RoundResults } from '../../core/results/types.js';
import { closedResultsHeld, earlierRounds, getRoundResults, holdClosedResults } from './round-results.js';
import { computeInWorker, computedOffLoop, liveResultsReady } from './live-results.js';

// A closed round being read in the worker, so that requests arriving together wait for the same read.
const PENDING = memoSlot('closed rounds being read in the worker', () => new Map<number, Promise<void>>());

async function closedReady(repos: Repos, round: Round): Promise<void> {
  if (closedResultsHeld(repos, round.id) || !computedOffLoop(repos, round)) return;
  const pending = repos.memos.of(PENDING);
  let reading = pending.get(round.id);
  if (!reading) {
    reading = computeInWorker(repos, round.id)
      .then((entry) => holdClosedResults(repos, round.id, entry))
      // Should the worker fail, the read computes in place, as it did before there was a worker.
      .catch(() => undefined)
      .finally(() => pending.delete(round.id));
    pending.set(round.id, reading);
  }
  await reading;
}

/**
 * Resolves when reading the round's results (and those of its `count − 1` earlier rounds of the same questionnaire,
 * which its bulletin's changes and trend show) will not compute them on the event loop.
 */
export async function resultsReady(repos: Repos, round: Round, count = 1): Promise<void> {
  const rounds = [round, ...(count > 1 ? earlierRounds(repos, round).slice(0, count - 1) : [])];
  await Promise.all(rounds.map((r) => (r.state === 'closed' ? closedReady(repos, r) : liveResultsReady(repos, r))));
}

/**
 * Freezes a round whose close has just committed: its results computed from one read snapshot and stored in
 * results_cache — in the results worker for a large round, in place for a small one (under the in-place cost limit of
 * live-results.ts), so the event loop is never held. Nothing that enters a closed round's results changes after its
 * close commits (docs/rules.md#closing-a-round): computed now, or again after a crash before the store, the figures
 * are the same.
 */
export async function freezeClosedRound(repos: Repos, round: Round): Promise<RoundResults> {
  await resultsReady(repos, round);
  return getRoundResults(repos, round);
}
