// What the receipts page asks of the repository: the filters a staff member chose, already narrowed to their scope.
import type { ReceiptState } from './receipt.js';

export interface ReceiptFilter {
  /** Only these grids (the user's scope, or the chosen unit within it); null: every grid (committee, no unit chosen). */
  gridIds: readonly number[] | null;
  roundId: number | null;
  questionId: string | null;
  state: ReceiptState | null;
  /** Only receipts overdue as of `now` (features/receipts/core/overdue.ts). */
  overdue: boolean;
  assigneeId: number | null;
  /** Words looked for in the resident's text and in the reply. */
  text: string | null;
}

export const NO_FILTER: ReceiptFilter = {
  gridIds: null, roundId: null, questionId: null, state: null, overdue: false, assigneeId: null, text: null,
};

export interface ReceiptPage {
  offset: number;
  limit: number;
}
