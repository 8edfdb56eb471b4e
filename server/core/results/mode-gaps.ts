// Mode gap (方式差异): how much rosier residents answering one way are than those answering another, over the grids
// where both ways were used, each side computed as every unit's results and post-stratified to those grids' populations
// (docs/statistics.md#answer-modes). Phone is the reference because the official poll is a telephone survey.
import type { Survey } from '../survey/model.js';
import type { ResultsPlan } from './plan.js';
import type { RoundAggregates } from './aggregates.js';
import { estimateNames, estimateOf, estimatesOver, gapOf, tallySubset, type ResponseGroup } from './subset-estimates.js';

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

/** Grids among `scope` with completed responses in the mode, and the count of those responses per grid. */
function modeCounts(groups: readonly ResponseGroup[], mode: string, scope: ReadonlySet<number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const g of groups) {
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
 * The mode gaps of a unit whose grids are `scope`: for each pair with common grids, the composite and every index.
 * `tallies` (modeTallies of the same groups) saves tallying each mode again for every unit: the figures are the same.
 */
export function modeGaps(
  groups: readonly ResponseGroup[],
  scope: ReadonlySet<number>,
  populations: ReadonlyMap<number, number | null>,
  plan: ResultsPlan,
  survey: Survey,
  tallies?: ModeTallies,
): ModeGap[] {
  const tallied = (mode: AnswerMode, grids: ReadonlySet<number>) =>
    tallies ? (tallies.get(mode) ?? null) : tallySubset(groups, (g) => g.mode === mode, plan, survey, grids);
  const out: ModeGap[] = [];
  for (const [a, b] of MODE_PAIRS) {
    const countsA = modeCounts(groups, a, scope);
    const countsB = modeCounts(groups, b, scope);
    const both = new Set([...countsA.keys()].filter((h) => countsB.has(h)));
    if (both.size === 0) continue;
    const first = estimatesOver(tallied(a, both), both, populations, plan, survey);
    const second = estimatesOver(tallied(b, both), both, populations, plan, survey);
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
