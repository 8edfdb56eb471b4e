// When a receipt is overdue: not yet answered and past its due date, or, without a due date, waiting longer than the
// grace period. The repository counts with the cut-offs computed here, so the rule has one home.
import type { Receipt } from './receipt.js';
import { UNANSWERED_STATES } from './workflow.js';
import { DAY_MS } from '../../../core/time/china-time.js';

/** Receipts without a due date are overdue once they have waited this long unanswered. */
export const RECEIPT_GRACE_DAYS = 7;

/** ISO timestamps, which compare correctly as text (SQL included). */
export interface OverdueCutoffs {
  /** A due date before this has passed. */
  dueBefore: string;
  /** A receipt without a due date created before this has waited too long. */
  createdBefore: string;
}

export function overdueCutoffs(now: Date): OverdueCutoffs {
  return { dueBefore: now.toISOString(), createdBefore: new Date(now.getTime() - RECEIPT_GRACE_DAYS * DAY_MS).toISOString() };
}

export function isOverdue(receipt: Pick<Receipt, 'state' | 'dueAt' | 'createdAt'>, now: Date): boolean {
  if (!UNANSWERED_STATES.includes(receipt.state)) return false;
  const cut = overdueCutoffs(now);
  return receipt.dueAt !== null ? receipt.dueAt < cut.dueBefore : receipt.createdAt < cut.createdBefore;
}
