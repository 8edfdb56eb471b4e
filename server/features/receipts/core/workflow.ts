// The life of a receipt: 待处理 (open) → 已交办 (assigned) → 已答复 (answered) → 已办结 (closed), or 无需处理
// (dismissed) with a reason while nobody has answered it yet. Pure; the repository applies each step as a conditional
// UPDATE on the states listed here (like features/rounds/core/round-rules.ts for rounds).
// A receipt may be answered straight from 待处理 (the grid worker who took the problem answers it himself) and may be
// handed on again while 已交办. Closing needs a reply: only an answered receipt can be closed; an answer that does not
// hold up is sent back (退回重办, with a reason) to 已交办, to be answered again. Nothing leaves 已办结 or 无需处理.
import { RECEIPT_STATE_LABELS, type ReceiptState } from './receipt.js';

export type ReceiptAction = 'assign' | 'answer' | 'close' | 'dismiss' | 'return';
export const RECEIPT_ACTIONS: readonly ReceiptAction[] = ['assign', 'answer', 'close', 'return', 'dismiss'];

export interface ReceiptStep {
  /** The states the action may start from. */
  from: readonly ReceiptState[];
  to: ReceiptState;
  /** The verb a refusal message uses. */
  verb: string;
}

export const RECEIPT_STEPS: Readonly<Record<ReceiptAction, ReceiptStep>> = {
  assign: { from: ['open', 'assigned'], to: 'assigned', verb: '交办' },
  answer: { from: ['open', 'assigned'], to: 'answered', verb: '答复' },
  close: { from: ['answered'], to: 'closed', verb: '办结' },
  dismiss: { from: ['open', 'assigned'], to: 'dismissed', verb: '标记为无需处理' },
  return: { from: ['answered'], to: 'assigned', verb: '退回重办' },
};

/** Not yet answered back to the resident: the states that can become overdue. */
export const UNANSWERED_STATES: readonly ReceiptState[] = ['open', 'assigned'];
/** Answered back (问题解决反馈率 counts these over the receipts that are problems). */
export const ANSWERED_STATES: readonly ReceiptState[] = ['answered', 'closed'];
/** Not a problem: left out of every problem count and of the rate's denominator. */
export const NOT_PROBLEM_STATES: readonly ReceiptState[] = ['dismissed'];

export function canApply(action: ReceiptAction, from: ReceiptState): boolean {
  return RECEIPT_STEPS[action].from.includes(from);
}

/** The actions the workflow allows from a state (the detail page offers only these forms). */
export function actionsFrom(state: ReceiptState): ReceiptAction[] {
  return RECEIPT_ACTIONS.filter((a) => canApply(a, state));
}

/** Null when the action is allowed from this state, else a Chinese message saying why not. */
export function receiptStepProblem(receiptId: number, from: ReceiptState, action: ReceiptAction): string | null {
  if (canApply(action, from)) return null;
  const step = RECEIPT_STEPS[action];
  const allowed = step.from.map((s) => RECEIPT_STATE_LABELS[s]).join('或');
  return `回执 ${receiptId} 当前为${RECEIPT_STATE_LABELS[from]}，不能${step.verb}（只有${allowed}的回执可以${step.verb}）`;
}
