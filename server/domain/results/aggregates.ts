// The per-grid sums a round's results are computed from (aggregated by SQL in storage/results-repo.ts), and the one
// streamed pass over respondents that the composite's linearised error needs: per grid, the cross-products of the
// respondents' residuals from their grid's item means (PRODUCT.md §6), accumulated one respondent at a time.
import { CrossProductAccumulator } from '../stats/index.js';
import type { AaporCounts } from '../stats/index.js';
import type { ResultsPlan } from './plan.js';

/** One grid's sums for one item (y = score 0–100, or y ∈ {0, 1} for a rate). */
export interface ItemSums {
  n: number;
  sum: number;
  sumSq: number;
  dontKnow: number;
}

export interface GridCross {
  /** C_h[k][l] = Σ_i e_ik·e_il over the grid's respondents, columns as in the plan. */
  matrix: number[][];
  /** Per mean index of the plan: respondents of the grid with a substantive answer to at least one of its items. */
  meanCounts: number[];
}

export interface RoundAggregates {
  /** Completed and screened-out responses per grid. */
  counts: Map<number, { complete: number; screenedOut: number }>;
  /** Question id → grid → sums over substantive answers. */
  questions: Map<string, Map<number, ItemSums>>;
  /** Rate index id → grid → sums of y ∈ {0, 1}. */
  rates: Map<string, Map<number, ItemSums>>;
  /** Grid → sums of each respondent's share of correct knowledge answers. */
  knowledge: Map<number, ItemSums>;
  cross: Map<number, GridCross>;
  /** Final call dispositions; null when the round has no call records. */
  calls: AaporCounts | null;
  receipts: Map<number, { opened: number; answered: number; overdue: number }>;
}

export const NO_SUMS: ItemSums = { n: 0, sum: 0, sumSq: 0, dontKnow: 0 };

/** A grid's plain item means for the plan's columns (rates on the 0–100 scale); null where the grid has no valid answer. */
export function gridColumnMeans(
  plan: ResultsPlan,
  questions: RoundAggregates['questions'],
  rates: RoundAggregates['rates'],
  gridId: number,
): Array<number | null> {
  return plan.columns.map((c) => {
    const s = c.kind === 'score' ? questions.get(c.questionId)?.get(gridId) : rates.get(c.indexId)?.get(gridId);
    if (!s || s.n === 0) return null;
    return c.kind === 'score' ? s.sum / s.n : (100 * s.sum) / s.n;
  });
}

/**
 * Cross-products per grid from respondents' column values streamed in grid order (a grid's rows together).
 * Only one grid's accumulator is open at a time; respondents are never held.
 */
export function crossProducts(
  plan: ResultsPlan,
  questions: RoundAggregates['questions'],
  rates: RoundAggregates['rates'],
  rows: Iterable<{ gridId: number; scores: Array<number | null> }>,
): Map<number, GridCross> {
  const out = new Map<number, GridCross>();
  let current: { gridId: number; acc: CrossProductAccumulator; counts: number[] } | null = null;
  const close = () => {
    if (current) out.set(current.gridId, { matrix: current.acc.matrix, meanCounts: current.counts });
  };
  for (const row of rows) {
    if (!current || current.gridId !== row.gridId) {
      close();
      if (out.has(row.gridId)) throw new Error(`responses of grid ${row.gridId} are not streamed together`);
      current = {
        gridId: row.gridId,
        acc: new CrossProductAccumulator(gridColumnMeans(plan, questions, rates, row.gridId)),
        counts: plan.means.map(() => 0),
      };
    }
    current.acc.add(row.scores);
    for (let m = 0; m < plan.means.length; m++) {
      if (plan.means[m].columns.some((c) => row.scores[c] !== null)) current.counts[m] += 1;
    }
  }
  close();
  return out;
}
