// Mode gap (方式差异): how much rosier residents answering one way are than those answering another, over the grids
// where both ways were used, each side computed as every unit's results and post-stratified to those grids' populations
// (docs/statistics.md#answer-modes). Phone is the reference because the official poll is a telephone survey.
import type { Survey } from '../survey/model.js';
import type { ResultsPlan } from './plan.js';
import type { RoundAggregates } from './aggregates.js';
import { estimateNames, estimateOf, estimatesOver, gapOf, tallySubset, type ResponseGroup } from './subset-estimates.js';
import type { RoundTally } from './tally.js';

export type AnswerMode = 'web' | 'phone' | 'paper';

/** The pairs compared: [first, second], gap = first − second. */
export const MODE_PAIRS: ReadonlyArray<readonly [AnswerMode, AnswerMode]> = [
  ['web', 'phone'],
  ['paper', 'phone'],
];

export interface ModeGap {
  modes: [AnswerMode, AnswerMode];
  /** 'composite' or an index id. */
  index: string;
  value: number | null;
  se: number | null;
  /** |value| > 1.96·se. */
  real: boolean;
  /** Grids with completed responses in both modes (the comparison's grids). */
  grids: number;
  /** Completed responses of each mode in those grids. */
  n: [number, number];
}

/** How many completed responses of one answer mode one grid has. */
export interface ModeCount {
  gridId: number;
  mode: string;
  count: number;
}

/** Grids among `scope` with completed responses in the mode, and the count of those responses per grid. */
function modeCounts(counts: readonly ModeCount[], mode: string, scope: ReadonlySet<number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const g of counts) {
    if (g.mode === mode && g.count > 0 && scope.has(g.gridId)) out.set(g.gridId, (out.get(g.gridId) ?? 0) + g.count);
  }
  return out;
}

/** Each mode's responses tallied once over all their grids, for the gaps of many units (estimatesOver takes subsets). */
export type ModeTallies = ReadonlyMap<AnswerMode, RoundAggregates | null>;

export function modeTallies(groups: readonly ResponseGroup[], plan: ResultsPlan, survey: Survey): ModeTallies {
  const modes = new Set(MODE_PAIRS.flat());
  return new Map([...modes].map((m) => [m, tallySubset(groups, (g) => g.mode === m, plan, survey)]));
}

/**
 * The letter each compared mode's responses are prefixed with when the round's own tally reads them once for itself
 * and for its mode (RoundTally.splitBy; results-repo.ts eachCompletedGridByMode writes the same letters in SQL).
 */
export const MODE_LETTERS: ReadonlyMap<string, AnswerMode> = new Map([
  ['w', 'web'],
  ['p', 'phone'],
  ['a', 'paper'],
]);

/** Each mode's tally and counts per grid, from the parts a split round tally kept (RoundTally.splitBy(MODE_LETTERS)). */
export interface ModeSplit {
  tallies: ModeTallies;
  counts: ModeCount[];
}

/** Each mode's tally and counts per grid from the round's groups (interviewer pages, tests): the same as modeSplitOf. */
export function modeSplitOfGroups(groups: readonly ResponseGroup[], plan: ResultsPlan, survey: Survey): ModeSplit {
  return { tallies: modeTallies(groups, plan, survey), counts: groups.map((g) => ({ gridId: g.gridId, mode: g.mode, count: g.count })) };
}

export function modeSplitOf(parts: ReadonlyMap<string, RoundTally>): ModeSplit {
  const tallies = new Map<AnswerMode, RoundAggregates | null>();
  const counts: ModeCount[] = [];
  for (const [letter, mode] of MODE_LETTERS) {
    const part = parts.get(letter);
    tallies.set(mode, part && part.completed.size > 0 ? part.aggregates() : null);
    for (const [gridId, count] of part?.completed ?? []) counts.push({ gridId, mode, count });
  }
  return { tallies, counts };
}

/**
 * The mode gaps of a unit whose grids are `scope`: for each pair with common grids, the composite and every index.
 * `tallies` holds each mode's responses tallied over all grids (or over `scope` alone: the figures are the same,
 * estimatesOver takes the scope's grids); `counts` says how many responses of each mode each grid has.
 */
export function modeGaps(
  counts: readonly ModeCount[],
  scope: ReadonlySet<number>,
  populations: ReadonlyMap<number, number | null>,
  plan: ResultsPlan,
  survey: Survey,
  tallies: ModeTallies,
): ModeGap[] {
  const tallied = (mode: AnswerMode) => tallies.get(mode) ?? null;
  const out: ModeGap[] = [];
  for (const [a, b] of MODE_PAIRS) {
    const countsA = modeCounts(counts, a, scope);
    const countsB = modeCounts(counts, b, scope);
    const both = new Set([...countsA.keys()].filter((h) => countsB.has(h)));
    if (both.size === 0) continue;
    const first = estimatesOver(tallied(a), both, populations, plan, survey);
    const second = estimatesOver(tallied(b), both, populations, plan, survey);
    let nA = 0;
    let nB = 0;
    for (const h of both) {
      nA += countsA.get(h) ?? 0;
      nB += countsB.get(h) ?? 0;
    }
    for (const index of estimateNames(survey)) {
      const gap = gapOf(estimateOf(first, index), estimateOf(second, index));
      out.push({ modes: [a, b], index, ...gap, grids: both.size, n: [nA, nB] });
    }
  }
  return out;
}
