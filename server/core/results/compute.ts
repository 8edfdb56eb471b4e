// A round's results for every unit of its tree, from the per-grid aggregates: estimates, competition ranks per level
// (units under the minimum sample are not ranked), changes against the previous round, AAPOR rates and receipts.
import { aaporRates, competitionRank, roundScore, sequentialRankRanges, type RankRangeRunner } from '../stats/index.js';
import type { RankEntry } from '../stats/rank-range.js';
import { comparableRankChange, comparableRankings } from './comparable.js';
import type { Survey } from '../survey/model.js';
import type { Round } from '../rounds/round.js';
import type { Unit, UnitLevel } from '../units/unit.js';
import type { ReceiptSummary, ReceiptTally, RoundResults, UnitResult } from './types.js';
import type { RoundAggregates } from './aggregates.js';
import type { ResultsPlan } from './plan.js';
import { roundTree, type RoundTreeNode } from './tree.js';
import { codeRecord, ownEntry } from './records.js';
import { unitEstimates } from './unit-estimates.js';
import { levelRangeJobs } from './rank-ranges.js';
import { applySmallArea } from './small-area.js';

export type RoundInfo = Pick<
  Round,
  'id' | 'code' | 'period' | 'state' | 'surveyKey' | 'surveyVersionId' | 'quotaPerGrid' | 'minSample' | 'eligibilityE' | 'unitIds'
>;

export interface ResultsInput {
  round: RoundInfo;
  survey: Survey;
  plan: ResultsPlan;
  /** Every unit of the hierarchy (the round's part is picked out here). */
  units: readonly Unit[];
  aggregates: RoundAggregates;
  /** The previous round of the same questionnaire and kind, for rank and score changes. */
  previous: RoundResults | null;
  computedAt: string;
  /** How the rank ranges of all rankings are simulated (default one after another; the same ranges either way). */
  rankRanges?: RankRangeRunner;
}

/**
 * Change of a score or rate as printed: the difference of the two values rounded the way they are printed (scores to
 * two decimals, rates to one decimal of a percentage), so the change always equals the difference of the printed
 * numbers. Rates are returned as fractions.
 */
export function printedChange(cur: number | null | undefined, prev: number | null | undefined, kind: 'score' | 'rate'): number | null {
  if (cur === null || cur === undefined || prev === null || prev === undefined) return null;
  if (kind === 'score') return roundScore(roundScore(cur) - roundScore(prev));
  return (Math.round(cur * 1000) - Math.round(prev * 1000)) / 1000;
}

/** Score change as printed: the difference of the two scores rounded to two decimals, so a reader can check it. */
export function scoreChange(cur: UnitResult, prev: UnitResult | undefined): number | null {
  if (!prev || cur.insufficient || prev.insufficient) return null;
  if (cur.composite.value === null || prev.composite.value === null) return null;
  return printedChange(cur.composite.value, prev.composite.value, 'score');
}

export function receiptSummary(t: ReceiptTally): ReceiptSummary {
  return { opened: t.opened, answered: t.answered, closed: t.closed, overdue: t.overdue, feedbackRate: t.opened > 0 ? t.answered / t.opened : null };
}

export const NO_RECEIPTS: ReceiptSummary = receiptSummary({ opened: 0, answered: 0, closed: 0, overdue: 0 });

/** Receipts per unit code: each unit sums its grids. */
export function receiptsByUnit(
  nodes: ReadonlyArray<{ code: string; gridIds: readonly number[] }>,
  perGrid: RoundAggregates['receipts'],
): Record<string, ReceiptSummary> {
  const out = new Map<string, ReceiptSummary>();
  for (const node of nodes) {
    const sum: ReceiptTally = { opened: 0, answered: 0, closed: 0, overdue: 0 };
    for (const h of node.gridIds) {
      const r = perGrid.get(h);
      if (!r) continue;
      sum.opened += r.opened;
      sum.answered += r.answered;
      sum.closed += r.closed;
      sum.overdue += r.overdue;
    }
    out.set(node.code, receiptSummary(sum));
  }
  return codeRecord(out);
}

/** Every unit's estimates, unranked, by code. */
function unitResults(input: ResultsInput, nodes: readonly RoundTreeNode[]): Record<string, UnitResult> {
  const { round, survey, plan, aggregates } = input;
  const populations = new Map(input.units.filter((u) => u.level === 'grid').map((u) => [u.id, u.population]));
  const byCode = new Map<string, UnitResult>();
  for (const node of nodes) {
    const e = unitEstimates(node.gridIds, populations, plan, survey, aggregates);
    byCode.set(node.unit.code, {
      unitId: node.unit.id,
      code: node.unit.code,
      name: node.unit.name,
      level: node.unit.level,
      parentCode: node.parentCode,
      n: e.n,
      screenedOut: e.screenedOut,
      quota: round.quotaPerGrid * node.gridIds.length,
      grids: node.gridIds.length,
      insufficient: e.n < round.minSample,
      equalWeights: e.equalWeights,
      composite: e.composite,
      indices: e.indices,
      items: e.items,
      knowledge: e.knowledge,
      rank: null,
      rankChange: null,
      scoreChange: null,
      weakest: e.weakest,
    });
  }
  return codeRecord(byCode);
}

/** The ranked units' codes of each level. */
function rankedByLevel(units: Iterable<UnitResult>): Map<UnitLevel, Set<string>> {
  const out = new Map<UnitLevel, Set<string>>();
  for (const u of units) {
    if (u.rank === null) continue;
    let set = out.get(u.level);
    if (!set) out.set(u.level, (set = new Set()));
    set.add(u.code);
  }
  return out;
}

/**
 * Competition ranks per level, and the changes since the previous round. A rank change only between
 * comparable rankings of the level (comparable.ts), and none while the round is open: its ranking is not final
 * (docs/statistics.md#rankings).
 */
function rankUnits(units: Record<string, UnitResult>, previous: RoundResults | null, closed: boolean): void {
  const byLevel = new Map<UnitLevel, UnitResult[]>();
  for (const u of Object.values(units)) {
    let list = byLevel.get(u.level);
    if (!list) byLevel.set(u.level, (list = []));
    list.push(u);
  }
  for (const list of byLevel.values()) {
    const ranks = competitionRank(list.map((u) => ({ key: u.code, score: u.composite.value, eligible: !u.insufficient })));
    for (const u of list) u.rank = ranks.get(u.code) ?? null;
  }
  const current = rankedByLevel(Object.values(units));
  const before = rankedByLevel(previous ? Object.values(previous.units) : []);
  const comparable = new Map([...current].map(([level, set]) => [level, closed && comparableRankings(before.get(level) ?? new Set(), set)]));
  for (const u of Object.values(units)) {
    const prev = previous ? ownEntry(previous.units, u.code) : undefined;
    u.rankChange = prev ? comparableRankChange(prev.rank, u.rank, comparable.get(u.level) ?? false) : null;
    u.scoreChange = scoreChange(u, prev);
  }
}

/**
 * Every ranking's rank ranges (docs/statistics.md#rank-ranges) simulated together, so a runner can share them out: the
 * direct ranking of each level into `rankRange`, the model rankings into `smallAreaRankRange`.
 */
function simulateRankRanges(units: Record<string, UnitResult>, modelRankings: Array<Array<RankEntry<UnitResult>>>, runner: RankRangeRunner): void {
  const direct = levelRangeJobs(Object.values(units));
  const ranges = runner([...direct, ...modelRankings]);
  for (const u of Object.values(units)) u.rankRange = null;
  ranges.forEach((byUnit, i) => {
    for (const [u, range] of byUnit) {
      if (i < direct.length) u.rankRange = range;
      else u.smallAreaRankRange = range;
    }
  });
}

export function computeRoundResults(input: ResultsInput): RoundResults {
  const { round, aggregates, previous } = input;
  const nodes = roundTree(input.units, round.unitIds);
  const units = unitResults(input, nodes);
  rankUnits(units, previous, round.state === 'closed');
  const smallArea = applySmallArea(units, input.survey);
  simulateRankRanges(units, smallArea.rankings, input.rankRanges ?? sequentialRankRanges);
  const smallAreaModels = smallArea.models;
  return {
    roundId: round.id,
    roundCode: round.code,
    period: round.period,
    state: round.state,
    surveyKey: round.surveyKey,
    surveyVersionId: round.surveyVersionId,
    previousRoundCode: previous?.roundCode ?? null,
    computedAt: input.computedAt,
    minSample: round.minSample,
    units,
    aapor: aggregates.calls ? aaporRates(aggregates.calls, round.eligibilityE) : null,
    receipts: receiptsByUnit(
      nodes.map((n) => ({ code: n.unit.code, gridIds: n.gridIds })),
      aggregates.receipts,
    ),
    smallAreaModels,
  };
}
