// The receipt workflow on its own: which step is allowed from which state, and what a refusal says; and "overdue".
import t from 'tap';
import { actionsFrom, ANSWERED_STATES, canApply, NOT_PROBLEM_STATES, RECEIPT_STEPS, receiptStepProblem, UNANSWERED_STATES, type ReceiptAction } from '../../../../server/features/receipts/core/workflow.js';
import { isOverdue, overdueCutoffs, RECEIPT_GRACE_DAYS } from '../../../../server/features/receipts/core/overdue.js';
import { RECEIPT_STATES, type ReceiptState } from '../../../../server/features/receipts/core/receipt.js';

const ALLOWED: Record<ReceiptAction, ReceiptState[]> = {
  assign: ['open', 'assigned'],
  answer: ['open', 'assigned'],
  close: ['answered'],
  dismiss: ['open', 'assigned'],
  return: ['answered'],
};

t.test('待处理 → 已交办 → 已答复 → 已办结: every step from every state', async (t) => {
  for (const action of ['assign', 'answer', 'close', 'dismiss', 'return'] as const) {
    for (const from of RECEIPT_STATES) {
      const allowed = ALLOWED[action].includes(from);
      t.equal(canApply(action, from), allowed, `${action} from ${from}`);
      t.equal(receiptStepProblem(7, from, action) === null, allowed, `${action} from ${from}: message only when refused`);
    }
  }
  t.same([RECEIPT_STEPS.assign.to, RECEIPT_STEPS.answer.to, RECEIPT_STEPS.close.to], ['assigned', 'answered', 'closed']);
  t.same([...UNANSWERED_STATES, ...ANSWERED_STATES, ...NOT_PROBLEM_STATES].sort(), [...RECEIPT_STATES].sort(), 'every state is answered, not yet answered, or no problem');
  t.same(actionsFrom('open'), ['assign', 'answer', 'dismiss']);
  // an answered receipt can be closed or sent back to be answered again.
  t.same(actionsFrom('answered'), ['close', 'return']);
  t.equal(RECEIPT_STEPS.return.to, 'assigned', 'sent back to the assignee');
  t.same(actionsFrom('dismissed'), [], 'nothing leaves 无需处理');
});

t.test('a refused step says in Chinese where the receipt stands and what is possible', async (t) => {
  t.equal(receiptStepProblem(7, 'answered', 'answer'), '回执 7 当前为已答复，不能答复（只有待处理或已交办的回执可以答复）');
  t.equal(receiptStepProblem(7, 'closed', 'assign'), '回执 7 当前为已办结，不能交办（只有待处理或已交办的回执可以交办）');
  t.equal(receiptStepProblem(7, 'open', 'close'), '回执 7 当前为待处理，不能办结（只有已答复的回执可以办结）');
  t.equal(receiptStepProblem(7, 'dismissed', 'answer'), '回执 7 当前为无需处理，不能答复（只有待处理或已交办的回执可以答复）');
  t.equal(receiptStepProblem(7, 'closed', 'close'), '回执 7 当前为已办结，不能办结（只有已答复的回执可以办结）');
  t.equal(receiptStepProblem(7, 'assigned', 'return'), '回执 7 当前为已交办，不能退回重办（只有已答复的回执可以退回重办）');
});

t.test('overdue: unanswered and past its due date, or without one and older than the grace period', async (t) => {
  const now = new Date('2025-03-20T12:00:00.000Z');
  const day = 86_400_000;
  const ago = (days: number) => new Date(now.getTime() - days * day).toISOString();
  t.equal(RECEIPT_GRACE_DAYS, 7);
  t.same(overdueCutoffs(now), { dueBefore: '2025-03-20T12:00:00.000Z', createdBefore: '2025-03-13T12:00:00.000Z' });
  t.ok(isOverdue({ state: 'open', dueAt: ago(1), createdAt: ago(2) }, now), 'past its due date');
  t.ok(isOverdue({ state: 'assigned', dueAt: ago(0.001), createdAt: ago(2) }, now), 'assigned and just past due');
  t.notOk(isOverdue({ state: 'open', dueAt: ago(-1), createdAt: ago(30) }, now), 'due tomorrow, however old');
  t.ok(isOverdue({ state: 'open', dueAt: null, createdAt: ago(7.01) }, now), 'no due date, waiting over 7 days');
  t.notOk(isOverdue({ state: 'open', dueAt: null, createdAt: ago(7) }, now), 'exactly 7 days is not yet overdue');
  t.notOk(isOverdue({ state: 'open', dueAt: null, createdAt: ago(1) }, now), 'recent');
  for (const state of ['answered', 'closed', 'dismissed'] as const) {
    t.notOk(isOverdue({ state, dueAt: ago(10), createdAt: ago(20) }, now), `${state} is never overdue`);
  }
});
