// The per-grid sums a round's results are computed from: counts from SQL, item sums, rate counts, knowledge shares and
// the residual cross-products from one streamed pass over the answers (tally.ts).
import type { AaporCounts } from '../stats/index.js';
import type { ReceiptTally } from './types.js';

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
  receipts: Map<number, ReceiptTally>;
}

export const NO_SUMS: ItemSums = { n: 0, sum: 0, sumSq: 0, dontKnow: 0 };
