// How a receipts row reads as the domain's Receipt: the column list every statement selects and the mapping.
import type { AnswerMethod, DismissReason, Receipt, ReceiptSource, ReceiptState } from './core/receipt.js';

export interface ReceiptRow {
  id: number;
  round_id: number;
  grid_id: number;
  response_id: number | null;
  source: ReceiptSource;
  question_id: string | null;
  body: string;
  state: ReceiptState;
  assignee_id: number | null;
  assignee_unit_id: number | null;
  assigned_by: number | null;
  assigned_at: string | null;
  due_at: string | null;
  created_at: string;
  answered_at: string | null;
  answered_by: number | null;
  answer_action: string | null;
  answer_text: string | null;
  answer_method: AnswerMethod | null;
  closed_at: string | null;
  closed_by: number | null;
  dismiss_reason: DismissReason | null;
  dismiss_note: string | null;
}

export const RECEIPT_COLUMNS = `id, round_id, grid_id, response_id, source, question_id, body, state, assignee_id,
  assignee_unit_id, assigned_by, assigned_at, due_at, created_at, answered_at, answered_by, answer_action, answer_text,
  answer_method, closed_at, closed_by, dismiss_reason, dismiss_note`;

export function toReceipt(r: ReceiptRow): Receipt {
  return {
    id: r.id,
    roundId: r.round_id,
    gridId: r.grid_id,
    responseId: r.response_id,
    source: r.source,
    questionId: r.question_id,
    body: r.body,
    state: r.state,
    assigneeId: r.assignee_id,
    assigneeUnitId: r.assignee_unit_id,
    assignedBy: r.assigned_by,
    assignedAt: r.assigned_at,
    dueAt: r.due_at,
    createdAt: r.created_at,
    answeredAt: r.answered_at,
    answeredBy: r.answered_by,
    answerAction: r.answer_action,
    answerText: r.answer_text,
    answerMethod: r.answer_method,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    dismissReason: r.dismiss_reason,
    dismissNote: r.dismiss_note,
  };
}
