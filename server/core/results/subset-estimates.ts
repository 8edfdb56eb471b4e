// The estimates (docs/statistics.md#composite) of a part of a round's respondents (one answer mode, one interviewer's interviews, everyone else):
// the part's responses are tallied grid by grid exactly as the whole round's (tally.ts) and estimated by the same
// unit-estimates.ts, post-stratified to the populations of the grids asked for, so a comparison of two parts differs
// only in who answered, never in how it was computed (docs/statistics.md#answer-modes).
import type { Survey } from '../survey/model.js';
import { RESPONSE_SEPARATOR } from '../survey/choices.js';
import { Z_95 } from '../stats/index.js';
import type { ResultsPlan } from './plan.js';
import type { RoundAggregates } from './aggregates.js';
import type { Estimate, UnitEstimates } from './types.js';
import { RoundTally } from './tally.js';
import { unitEstimates } from './unit-estimates.js';

/** Completed responses of one grid that share a mode and an interviewer: their packed choices, joined. */
export interface ResponseGroup {
  gridId: number;
  mode: string;
  /** Who entered them (phone or paper); null for residents' own answers. */
  interviewerId: number | null;
  count: number;
  /** Packed choices (core/survey/choices.ts) joined by RESPONSE_SEPARATOR. */
  responses: string;
}

/**
 * The groups `keep` selects, tallied grid by grid over `gridIds` (all grids when absent); null when none has such a
 * response. A grid's tally depends on its own responses only, so the result can be estimated over any subset of its
 * grids (estimatesOver) with the same figures a tally of that subset alone would give.
 */
export function tallySubset(groups: readonly ResponseGroup[], keep: (g: ResponseGroup) => boolean, plan: ResultsPlan, survey: Survey, gridIds?: ReadonlySet<number>): RoundAggregates | null {
  const byGrid = new Map<number, { count: number; parts: string[] }>();
  for (const g of groups) {
    if (g.count === 0 || (gridIds && !gridIds.has(g.gridId)) || !keep(g)) continue;
    let slot = byGrid.get(g.gridId);
    if (!slot) byGrid.set(g.gridId, (slot = { count: 0, parts: [] }));
    slot.count += g.count;
    slot.parts.push(g.responses);
  }
  if (byGrid.size === 0) return null;
  const grids = [...byGrid.keys()].sort((a, b) => a - b);
  const tally = new RoundTally(plan, survey);
  for (const h of grids) tally.addGrid(h, byGrid.get(h)?.parts.join(RESPONSE_SEPARATOR) ?? '');
  return tally.finish().aggregates(new Map(grids.map((h) => [h, byGrid.get(h)?.count ?? 0])));
}

/** The unit estimates over those of `gridIds` the tally holds (in grid order); null when it holds none of them. */
export function estimatesOver(
  agg: RoundAggregates | null,
  gridIds: ReadonlySet<number>,
  populations: ReadonlyMap<number, number | null>,
  plan: ResultsPlan,
  survey: Survey,
): UnitEstimates | null {
  if (!agg) return null;
  const grids = [...gridIds].filter((h) => agg.counts.has(h)).sort((a, b) => a - b);
  return grids.length === 0 ? null : unitEstimates(grids, populations, plan, survey, agg);
}

/** The unit estimates over `gridIds` from the groups `keep` selects; null when none of those grids has such a response. */
export function subsetEstimates(
  groups: readonly ResponseGroup[],
  keep: (g: ResponseGroup) => boolean,
  gridIds: ReadonlySet<number>,
  populations: ReadonlyMap<number, number | null>,
  plan: ResultsPlan,
  survey: Survey,
): UnitEstimates | null {
  return estimatesOver(tallySubset(groups, keep, plan, survey, gridIds), gridIds, populations, plan, survey);
}

/** A difference of two independent estimates: gap = first − second, SE = √(SE₁² + SE₂²), real when |gap| > 1.96·SE. */
export interface Gap {
  value: number | null;
  se: number | null;
  real: boolean;
}

export function gapOf(first: Estimate | undefined, second: Estimate | undefined): Gap {
  if (!first || !second || first.value === null || second.value === null) return { value: null, se: null, real: false };
  const value = first.value - second.value;
  if (first.se === null || second.se === null) return { value, se: null, real: false };
  const se = Math.sqrt(first.se * first.se + second.se * second.se);
  return { value, se, real: Math.abs(value) > Z_95 * se };
}

/** The composite and every index of the questionnaire, in the order the results show them. */
export function estimateNames(survey: Survey): string[] {
  return ['composite', ...survey.indices.map((ix) => ix.id)];
}

export function estimateOf(e: UnitEstimates | null, name: string): Estimate | undefined {
  if (!e) return undefined;
  return name === 'composite' ? e.composite : e.indices[name];
}
