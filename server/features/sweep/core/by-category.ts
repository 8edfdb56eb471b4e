// The half-year sweep's results by roster category (常住居民, 流动人口, 企业 …): the composite and every index of each
// category, with the same estimators as every unit (docs/statistics.md#roster-categories). A category is
// treated as one reporting unit with equal weights: the roster has no population per category to post-stratify to,
// and weighting a category's respondents by their grids' populations would mix two stratifications. With equal weights
// and one stratum the estimators reduce to the plain mean with s/√n errors and the linearised composite.
import type { Survey } from '../../../core/survey/model.js';
import type { Estimate } from '../../../core/results/types.js';
import { resultsPlan } from '../../../core/results/plan.js';
import { RoundTally } from '../../../core/results/tally.js';
import { unitEstimates } from '../../../core/results/unit-estimates.js';

/** One category's completed responses, as their packed choices (core/survey/choices.ts) joined by the separator. */
export interface CategoryResponses {
  category: string;
  n: number;
  packed: string;
}

export interface CategoryResult {
  category: string;
  n: number;
  /** Fewer completed interviews than the round's minimum sample: shown as 样本不足, without a score. */
  insufficient: boolean;
  composite: Estimate;
  /** By index id (questionnaire `indices`). */
  indices: Record<string, Estimate>;
}

/**
 * Categories in the order the round page lists them (pinyin); a category without responses is left out. A category
 * with fewer than `minSample` completed interviews is insufficient (as any unit: docs/statistics.md#rankings).
 */
export function categoryResults(survey: Survey, categories: readonly CategoryResponses[], minSample = 0): CategoryResult[] {
  const plan = resultsPlan(survey);
  const tally = new RoundTally(plan, survey);
  const present = categories.filter((c) => c.n > 0).sort((a, b) => a.category.localeCompare(b.category, 'zh'));
  // Each category is tallied as a pseudo-grid of its own (ids 1, 2, …), in increasing id order as the tally expects.
  present.forEach((c, i) => tally.addGrid(i + 1, c.packed));
  const aggregates = tally.finish().aggregates(new Map(present.map((c, i) => [i + 1, c.n])));
  const noPopulation = new Map<number, number | null>(present.map((_, i) => [i + 1, null]));
  return present.map((c, i) => {
    const e = unitEstimates([i + 1], noPopulation, plan, survey, aggregates);
    // unitEstimates keeps every interval on its scale (core/results/scale.ts), tiny categories included.
    const indices = Object.fromEntries(survey.indices.flatMap((ix) => (e.indices[ix.id] ? [[ix.id, e.indices[ix.id]]] : [])));
    return { category: c.category, n: e.n, insufficient: e.n < minSample, composite: e.composite, indices };
  });
}
