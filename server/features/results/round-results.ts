// Results of a round for every page, export, API reply and CLI run, so they all carry the same numbers.
// A closed round is frozen: its results are computed once, stored in results_cache and kept in memory. Open and draft
// rounds are handled by live-results.ts: a small round is recomputed on the first read after a change, a large one
// answers from its latest computation while a worker thread recomputes it (never a recompute per request). Receipts
// are the exception: residents' problems keep being answered after a round closes and "overdue" depends on today, so
// the receipt counts are read again (one small query) whenever the database has changed or a minute has passed.
// An open or closed round reports on the units, grids and populations it was opened with (round_coverage, migration
// 009); only a draft follows the live unit tree.
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import { memoSlot } from '../../platform/service-memos.js';
import { aaporCountsOf } from '../../core/calls/aapor-breakdown.js';
import type { RoundResults } from '../../core/results/types.js';
import type { AaporCounts } from '../../core/stats/index.js';
import type { Survey } from '../../core/survey/model.js';
import { resultsPlan, type ResultsPlan } from '../../core/results/plan.js';
import type { RoundAggregates } from '../../core/results/aggregates.js';
import { RoundTally } from '../../core/results/tally.js';
import { computeRoundResults, receiptsByUnit } from '../../core/results/compute.js';
import { roundTree } from '../../core/results/tree.js';
import { codeRecord } from '../../core/results/records.js';
import type { Unit } from '../../core/units/unit.js';
import { liveResults } from './live-results.js';
import { RankRangeHelper } from '../../platform/parallel-rank-ranges.js';
import { callDispositions } from '../phone-interviews/phone-interviews-service.js';
import { ofRound } from '../surveys/surveys-service.js';
import { modeGapsByUnit } from '../interviewers/interviewers-service.js';
import { MODE_LETTERS, modeSplitOf, type ModeSplit } from '../../core/results/mode-gaps.js';

/**
 * Bump when RoundResults changes shape or a rule of its computation changes (2: weakest items among the composite's
 * questions; printed score changes. 3: the composite's don't-know share counts each question once. 4: each ranked
 * unit's rank range. 5: intervals kept on the scale; rank changes only between comparable rankings; the district's
 * and townships' mode gaps. 6: small-area estimates of villages and grids): older cached payloads are then
 * recomputed.
 */
const CACHE_FORMAT = 6;

export interface RoundMemo {
  results: RoundResults;
  /** Each unit's grids, to add up the live receipt counts. */
  gridsByUnit: Array<{ code: string; gridIds: number[] }>;
  /** The last receipt counts, valid while the database is unchanged and for at most RECEIPTS_TTL_MS ("overdue" ages). */
  receipts?: { token: string; at: number; value: RoundResults['receipts'] };
}

const RECEIPTS_TTL_MS = 60_000;

/**
 * From this many responses a round's rank ranges are simulated on two threads: with fewer the ranked units are few
 * and a thread's start costs more than the simulation it takes over (the demo district's month: 2,300 responses).
 */
const PARALLEL_RANKS_RESPONSES = 20_000;

// Kept with the database's repositories, so each database (each test, the benchmark's fresh handle) has its own memo.
const ROUND_MEMOS = memoSlot('closed round results', () => new Map<number, RoundMemo>());

function memoOf(repos: Repos): Map<number, RoundMemo> {
  return repos.memos.of(ROUND_MEMOS);
}


/** What a round's results are computed from: the round's aggregates and each answer mode's (for the mode gaps). */
export interface RoundSums {
  aggregates: RoundAggregates;
  modes: ModeSplit;
}

/**
 * Everything a round's results are computed from: counts per grid in SQL, then one pass over the packed choices that
 * tallies the round and each answer mode at once (each response read once: ~270 ms less at 200,000 responses than a
 * second query and pass for the modes, bench/results.ts).
 */
export function roundAggregates(repos: Repos, roundId: number, plan: ResultsPlan, survey: Survey, now = new Date()): RoundSums {
  // One snapshot: the counts that weigh the respondents and the answers they gave agree even while responses arrive
  // (the call dispositions are read on the same connection, inside the same read transaction).
  return repos.results.snapshot(() => readAggregates(repos, roundId, plan, survey, now));
}

function readAggregates(repos: Repos, roundId: number, plan: ResultsPlan, survey: Survey, now: Date): RoundSums {
  const results = repos.results;
  const counts = new Map(results.gridCounts(roundId).map((c) => [c.gridId, { complete: c.complete, screenedOut: c.screenedOut }]));
  const tally = new RoundTally(plan, survey);
  const parts = tally.splitBy(MODE_LETTERS.keys(), survey);
  results.eachCompletedGrid(roundId, (gridId, responses) => tally.addGrid(gridId, responses), true);
  tally.finish();

  const dispositions = callDispositions(repos, roundId);
  // The one mapping of dispositions to AAPOR's letters (core/calls/aapor-breakdown.ts, also per unit and interviewer).
  const calls: AaporCounts | null = Object.keys(dispositions).length > 0 ? aaporCountsOf(dispositions) : null;
  const receipts = new Map(results.receiptCounts(roundId, now).map((r) => [r.gridId, r]));
  return {
    aggregates: { counts, questions: tally.questions, rates: tally.rates, knowledge: tally.knowledge, cross: tally.cross, calls, receipts },
    modes: modeSplitOf(parts),
  };
}

/** Earlier rounds of the same questionnaire and kind that have started, newest first. */
export function earlierRounds(repos: Repos, round: Round): Round[] {
  return repos.rounds
    .list()
    .filter(
      (r) =>
        r.id !== round.id &&
        r.surveyKey === round.surveyKey &&
        r.kind === round.kind &&
        r.state !== 'draft' &&
        (r.period < round.period || (r.period === round.period && r.id < round.id)),
    )
    .sort((a, b) => (a.period === b.period ? b.id - a.id : a.period < b.period ? 1 : -1));
}

/** The units the round reports on: those it was opened with (frozen coverage), or for a draft today's tree. */
export function roundUnits(repos: Repos, round: Round): readonly Unit[] {
  return repos.units.treeOfRound(round).all();
}

function compute(repos: Repos, round: Round, withPrevious: boolean): RoundMemo {
  const survey = ofRound(repos, round);
  const plan = resultsPlan(survey);
  const units = roundUnits(repos, round);
  let previous: RoundResults | null = null;
  if (withPrevious) {
    const prev = earlierRounds(repos, round)[0];
    // A closed previous round comes from the cache; an open one is computed without its own previous round.
    if (prev) previous = prev.state === 'closed' ? getRoundResults(repos, prev) : compute(repos, prev, false).results;
  }
  // A large round's rankings are simulated on two threads (platform/parallel-rank-ranges.ts), the helper thread
  // loading while the responses are tallied.
  const helper = repos.results.responseCount(round.id) >= PARALLEL_RANKS_RESPONSES ? new RankRangeHelper() : undefined;
  try {
    const { aggregates, modeGaps } = sumsAndModeGaps(repos, round, units, plan, survey);
    const results = computeRoundResults({ round, survey, plan, units, aggregates, previous, computedAt: new Date().toISOString(), rankRanges: helper?.runner });
    results.modeGaps = modeGaps;
    return { results, gridsByUnit: gridsByUnit(units, round) };
  } finally {
    helper?.close();
  }
}

/**
 * The round's aggregates and its mode gaps (docs/statistics.md#answer-modes: the same estimates on each mode's
 * responses). The modes' tallies are let go here, before the units' results are computed: held through that as well,
 * they raised the results benchmark's peak memory from 363 to 413 MB (bench/results.ts, 200,000 responses).
 */
function sumsAndModeGaps(repos: Repos, round: Round, units: readonly Unit[], plan: ResultsPlan, survey: Survey) {
  const { aggregates, modes } = roundAggregates(repos, round.id, plan, survey);
  return { aggregates, modeGaps: modeGapsByUnit(round, units, plan, survey, modes) };
}

/** A round's results computed now, in this thread (the results worker's entry). */
export function computeRoundMemo(repos: Repos, round: Round): RoundMemo {
  return compute(repos, round, true);
}

function gridsByUnit(units: readonly Unit[], round: Round): RoundMemo['gridsByUnit'] {
  return roundTree(units, round.unitIds).map((n) => ({ code: n.unit.code, gridIds: n.gridIds }));
}

/** A just-computed entry: its receipt counts are current as of now. */
function fresh(repos: Repos, entry: RoundMemo): RoundMemo {
  entry.receipts = { token: repos.results.changeToken(), at: Date.now(), value: entry.results.receipts };
  return entry;
}

function withLiveReceipts(repos: Repos, memo: RoundMemo): RoundResults {
  const token = repos.results.changeToken();
  const now = Date.now();
  let known = memo.receipts;
  if (!known || known.token !== token || now - known.at > RECEIPTS_TTL_MS) {
    const perGrid = new Map(repos.results.receiptCounts(memo.results.roundId, new Date(now)).map((r) => [r.gridId, r]));
    known = memo.receipts = { token, at: now, value: receiptsByUnit(memo.gridsByUnit, perGrid) };
  }
  return { ...memo.results, receipts: known.value };
}

function isCachedResults(value: unknown, round: Round): value is { format: number; results: RoundResults } {
  if (typeof value !== 'object' || value === null || !('format' in value) || !('results' in value)) return false;
  const results = value.results;
  return (
    value.format === CACHE_FORMAT &&
    typeof results === 'object' &&
    results !== null &&
    'roundId' in results &&
    results.roundId === round.id &&
    'units' in results
  );
}

/** The results of a round (see the file comment for what is cached). */
export function getRoundResults(repos: Repos, round: Round): RoundResults {
  // Callers may hold a Round read before it was closed: its state decides caching, so read it afresh.
  const current = repos.rounds.getById(round.id) ?? round;
  if (current.state !== 'closed') {
    return liveResults(repos, current, {
      now: () => fresh(repos, compute(repos, current, true)),
      withReceipts: (memo) => withLiveReceipts(repos, memo),
    });
  }

  const memo = memoOf(repos);
  const known = memo.get(current.id);
  if (known) return withLiveReceipts(repos, known);

  const cached = repos.results.cacheGet(current.id);
  if (cached) {
    const parsed: unknown = JSON.parse(cached.payload);
    if (isCachedResults(parsed, current)) {
      // Prototype-less again, as computed (records.ts): a unit code is never an inherited property.
      const results = { ...parsed.results, units: codeRecord(Object.entries(parsed.results.units)), receipts: codeRecord(Object.entries(parsed.results.receipts)) };
      const entry: RoundMemo = { results, gridsByUnit: gridsByUnit(roundUnits(repos, current), current) };
      memo.set(current.id, entry);
      return withLiveReceipts(repos, entry);
    }
  }
  const entry = compute(repos, current, true);
  repos.results.cachePut(current.id, entry.results.computedAt, JSON.stringify({ format: CACHE_FORMAT, results: entry.results }));
  memo.set(current.id, fresh(repos, entry));
  return entry.results;
}

/** Whether this process holds the closed round's results already: reading them blocks nothing. */
export function closedResultsHeld(repos: Repos, roundId: number): boolean {
  return memoOf(repos).has(roundId);
}

/** A closed round's results as the results worker read (results_cache) or computed them, kept here as if read here. */
export function holdClosedResults(repos: Repos, roundId: number, entry: RoundMemo): void {
  if (!memoOf(repos).has(roundId)) memoOf(repos).set(roundId, fresh(repos, entry));
}

/** A closed round's results with each unit's grids: what the results worker hands over for a closed round. */
export function closedRoundMemo(repos: Repos, round: Round): RoundMemo {
  getRoundResults(repos, round);
  const entry = memoOf(repos).get(round.id);
  if (!entry) throw new Error(`round ${round.code} is not closed`);
  return entry;
}

/** This round and up to count − 1 earlier rounds of the same questionnaire and kind, oldest first. */
export function getResultsSeries(repos: Repos, round: Round, count = 6): RoundResults[] {
  const earlier = count > 1 ? earlierRounds(repos, round).slice(0, count - 1).reverse() : [];
  return [...earlier, round].map((r) => getRoundResults(repos, r));
}
