// Results of open (and draft) rounds. Recomputing a large round takes most of a second (200,000 responses over 2,000
// grids), too long to hold the event loop on a read that follows a write: a client alternating a submission and a
// results call dropped the resident form from 26,136 to 197 requests/s. So:
//   - a small round (its last computation cost well under 50 ms, estimated from its responses and units) is
//     recomputed on the first read after a change, as before: always current;
//   - a large round answers from its latest computation at once, and a read that finds the data changed since (or the
//     receipts' "overdue" counts older than a minute) starts a recomputation in a worker thread
//     (results-worker-client.ts). Its results are then at most one recomputation behind the data (about a second at
//     200,000 responses), and say so: `computedAt` is when their data was read.
// The first read of a round in a process has nothing to answer from. Routes await resultsReady() (results-ready.ts,
// which calls liveResultsReady() for an open round) first, which computes a large round's first results in the worker
// while the event loop keeps serving (the server also starts that for every open round when it starts); without it
// (the CLI, a small round) the first read computes in place.
import type { Repos } from '../../platform/repos.js';
import { memoSlot } from '../../platform/service-memos.js';
import type { Round } from '../../core/rounds/round.js';
import type { RoundResults } from '../../core/results/types.js';
import type { RoundMemo } from './round-results.js';
import { ResultsWorkerClient } from './results-worker-client.js';
import type { ForecastSummary } from '../forecast/forecast.js';
import type { SummaryContent } from '../bulletin/core/summary-content.js';
import { answerForecast, type ForecastAnswer, type ForecastAsk } from '../forecast/forecast-page.js';

/**
 * Up to this cost (responses + UNIT_COST per unit of the round's tree) a changed round is recomputed in the read.
 * Measured on the demo district (2 shared cores, 2026-12-07): a month of cost about 10,500 (2,300 responses, 234
 * units) took 97–136 ms warm, the open month (cost about 9,000) 250–470 ms as a first read: about 10 µs per cost, so
 * 2,000 keeps an in-place recomputation near 20 ms. (It was 10,000, which left the demo's open month in the request.)
 */
const SYNC_LIMIT = 2_000;
/** One unit's estimates cost about as much as 35 responses' tally (measured at 2,000 grids on hunan-100). */
const UNIT_COST = 35;
/** The receipts' overdue counts age with the clock: recomputed in the background at least this often. */
const RECEIPTS_TTL_MS = 60_000;

export interface LivePolicy {
  /** Rounds whose estimated cost exceeds this are refreshed in the background (0: always, when a worker can). */
  syncLimit: number;
}

interface Latest {
  token: string;
  at: number;
  cost: number;
  memo: RoundMemo;
}

interface LiveRound {
  latest?: Latest;
  refresh?: Promise<void>;
  refreshes: number;
  lastError?: Error;
}

interface LiveState {
  policy: LivePolicy;
  rounds: Map<number, LiveRound>;
  client?: ResultsWorkerClient;
}

// Kept with the database's repositories, so each database (each test, the benchmark's handle) has its own state.
const LIVE_STATE = memoSlot('open round results', (): LiveState => ({ policy: { syncLimit: SYNC_LIMIT }, rounds: new Map() }));

function stateOf(repos: Repos): LiveState {
  return repos.memos.of(LIVE_STATE);
}

function roundOf(state: LiveState, roundId: number): LiveRound {
  let live = state.rounds.get(roundId);
  if (!live) state.rounds.set(roundId, (live = { refreshes: 0 }));
  return live;
}

/** Responses and units behind the results: what recomputing them costs. */
function costOf(results: RoundResults): number {
  let responses = 0;
  let units = 0;
  for (const u of Object.values(results.units)) {
    units += 1;
    if (u.parentCode === null || !Object.hasOwn(results.units, u.parentCode)) responses += u.n + u.screenedOut;
  }
  return responses + UNIT_COST * units;
}

export interface LiveCompute {
  /** Computes the round's results now, in this thread. */
  now(): RoundMemo;
  /** The memo with its receipt counts brought up to date when the data changed (small rounds only). */
  withReceipts(memo: RoundMemo): RoundResults;
}

/** The results of an open or draft round (see the file comment). */
export function liveResults(repos: Repos, round: Round, compute: LiveCompute): RoundResults {
  const state = stateOf(repos);
  const live = roundOf(state, round.id);
  const token = repos.results.changeToken();
  const latest = live.latest;
  const file = repos.results.databaseFile();
  // After a failed refresh (the worker could not start, the database was busy) one read computes here: never stuck
  // on old results; the next change tries the worker again.
  const failed = live.lastError !== undefined;
  live.lastError = undefined;
  if (latest && file !== undefined && latest.cost > state.policy.syncLimit && !failed) {
    if (latest.token !== token || Date.now() - latest.at > RECEIPTS_TTL_MS) startRefresh(state, live, round.id, token, file);
    return latest.memo.results;
  }
  if (latest && latest.token === token && !failed) return compute.withReceipts(latest.memo);
  const memo = compute.now();
  live.latest = { token, at: Date.now(), cost: costOf(memo.results), memo };
  if (file !== undefined && live.latest.cost > state.policy.syncLimit) clientOf(state, file).warm();
  return memo.results;
}

function clientOf(state: LiveState, file: string): ResultsWorkerClient {
  state.client ??= new ResultsWorkerClient(file);
  return state.client;
}

function startRefresh(state: LiveState, live: LiveRound, roundId: number, token: string, file: string): void {
  if (live.refresh) return;
  live.refreshes += 1;
  live.refresh = clientOf(state, file)
    .compute(roundId)
    .then((memo) => {
      // The worker read data at least as new as `token`: a later change moves the token and refreshes again.
      live.latest = { token, at: Date.now(), cost: costOf(memo.results), memo };
      live.lastError = undefined;
    })
    .catch((err: unknown) => {
      // The latest results stay in use; the next read after a change tries again.
      live.lastError = err instanceof Error ? err : new Error(String(err));
    })
    .finally(() => {
      live.refresh = undefined;
    });
}

/**
 * Makes sure the next read of this round will not compute it in the event loop: when this process has no results of
 * an open or draft round yet and the round looks large (its responses and units, before anything was computed), they
 * are computed in the worker and this resolves when they are in. Resolves at once otherwise; a worker failure leaves
 * the read to compute in place, as before.
 */
export async function liveResultsReady(repos: Repos, round: Round): Promise<void> {
  if (round.state === 'closed') return;
  const state = stateOf(repos);
  const live = roundOf(state, round.id);
  const file = repos.results.databaseFile();
  if (live.latest || file === undefined) return;
  if (!computedOffLoop(repos, round)) return;
  startRefresh(state, live, round.id, repos.results.changeToken(), file);
  await live.refresh;
}

/**
 * Whether a round's first results in this process are computed in the results worker: the database is a file the
 * worker can open, and the round looks large — its stored responses and the units of its tree (the frozen coverage,
 * every township, village and grid, not only the units it was opened for) before anything was computed.
 */
export function computedOffLoop(repos: Repos, round: Round): boolean {
  if (repos.results.databaseFile() === undefined) return false;
  const estimate = repos.results.responseCount(round.id) + UNIT_COST * repos.units.treeOfRound(round).all().length;
  return estimate > stateOf(repos).policy.syncLimit;
}

/** This database's results worker, or undefined for an in-memory database (it has none). */
function workerClient(repos: Repos): ResultsWorkerClient | undefined {
  const file = repos.results.databaseFile();
  return file === undefined ? undefined : clientOf(stateOf(repos), file);
}

const noWorker = <T>(): Promise<T> => Promise.reject(new Error('an in-memory database has no results worker'));

/** A round's results computed in this database's results worker (a closed round's read from results_cache there). */
export function computeInWorker(repos: Repos, roundId: number): Promise<RoundMemo> {
  return workerClient(repos)?.compute(roundId) ?? noWorker();
}

/** The forecast summary as of a closed round, computed in this database's results worker. */
export function forecastInWorker(repos: Repos, roundCode: string): Promise<ForecastSummary> {
  return workerClient(repos)?.forecast(roundCode) ?? noWorker();
}

/** A half-year summary's content (features/bulletin/bulletin-service.ts summaryOf), computed in this database's results worker. */
export function summaryInWorker(repos: Repos, endRoundId: number, unitCode: string): Promise<SummaryContent> {
  return workerClient(repos)?.summary(endRoundId, unitCode) ?? noWorker();
}

/** What the /forecast page or the forecast API answers (features/forecast/forecast-page.ts), computed in this database's results worker. */
export function forecastViewInWorker(repos: Repos, ask: ForecastAsk): Promise<ForecastAnswer> {
  return workerClient(repos)?.forecastView(ask) ?? noWorker();
}

/** The same from the worker, or computed here when the worker cannot (none for this database, or it failed). */
export async function forecastOffLoop(repos: Repos, ask: ForecastAsk): Promise<ForecastAnswer> {
  try {
    return await forecastViewInWorker(repos, ask);
  } catch {
    return answerForecast(repos, ask);
  }
}

/** Sets how this database's open rounds are refreshed (tests; the benchmark). */
export function setLivePolicy(repos: Repos, policy: Partial<LivePolicy>): void {
  const state = stateOf(repos);
  state.policy = { ...state.policy, ...policy };
}

/** Resolves once the round's background refresh (if one runs) has finished. */
export async function liveRefreshed(repos: Repos, roundId: number): Promise<void> {
  await stateOf(repos).rounds.get(roundId)?.refresh;
}

/** How many background refreshes the round has started, the last one's error until a read handled it (tests). */
export function liveStats(repos: Repos, roundId: number): { refreshes: number; lastError?: Error; longestStepMs: number } {
  const state = stateOf(repos);
  const live = state.rounds.get(roundId);
  return { refreshes: live?.refreshes ?? 0, lastError: live?.lastError, longestStepMs: state.client?.longestStepMs ?? 0 };
}

/** Stops this database's results worker, if one runs (the app's close; tests). */
export async function closeLiveResults(repos: Repos): Promise<void> {
  const state = repos.memos.peek(LIVE_STATE);
  const client = state?.client;
  if (state) state.client = undefined;
  await client?.close();
}
