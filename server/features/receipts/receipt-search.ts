// The receipts page's list: one statement with every filter optional (a NULL parameter switches a filter off), so it
// is prepared once whatever the staff member picks; the scope's grids arrive as a JSON list. Newest first, paged in
// SQL, counted with the same WHERE. What "overdue" means comes from the domain as states and cut-offs.
import type { Db } from '../../platform/db.js';
import type { Receipt } from './core/receipt.js';
import type { ReceiptFilter, ReceiptPage } from './core/filter.js';
import { overdueCutoffs } from './core/overdue.js';
import { UNANSWERED_STATES } from './core/workflow.js';
import { RECEIPT_COLUMNS, toReceipt, type ReceiptRow } from './receipt-rows.js';

interface FilterParams {
  grids: string | null;
  round: number | null;
  question: string | null;
  state: string | null;
  assignee: number | null;
  text: string | null;
  overdue: number;
  unanswered: string;
  dueBefore: string;
  createdBefore: string;
}

const WHERE = `WHERE (@grids IS NULL OR grid_id IN (SELECT value FROM json_each(@grids)))
  AND (@round IS NULL OR round_id = @round)
  AND (@question IS NULL OR question_id = @question)
  AND (@state IS NULL OR state = @state)
  AND (@assignee IS NULL OR assignee_id = @assignee)
  AND (@text IS NULL OR instr(body, @text) > 0 OR instr(COALESCE(answer_text, ''), @text) > 0)
  AND (@overdue = 0 OR (state IN (SELECT value FROM json_each(@unanswered))
    AND ((due_at IS NOT NULL AND due_at < @dueBefore) OR (due_at IS NULL AND created_at < @createdBefore))))`;

/** One entry of a receipt's history, from the audit log. */
export interface ReceiptHistoryEntry {
  at: string;
  userId: number | null;
  displayName: string | null;
  action: string;
  detail: Record<string, unknown>;
}

function parseDetail(text: string | null): Record<string, unknown> {
  if (!text) return {};
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};
}

export class ReceiptSearch {
  private readonly pageStmt;
  private readonly countStmt;
  private readonly historyStmt;

  constructor(db: Db) {
    this.pageStmt = db.prepare<[FilterParams & { limit: number; offset: number }], ReceiptRow>(
      `SELECT ${RECEIPT_COLUMNS} FROM receipts ${WHERE} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`,
    );
    this.countStmt = db.prepare<[FilterParams], { n: number }>(`SELECT COUNT(*) AS n FROM receipts ${WHERE}`);
    this.historyStmt = db.prepare<[number], { at: string; user_id: number | null; display_name: string | null; action: string; detail: string | null }>(
      `SELECT a.at, a.user_id, u.display_name, a.action, a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       WHERE a.action LIKE 'receipt.%' AND json_extract(a.detail, '$.receipt') = ? ORDER BY a.id`,
    );
  }

  /** One page of the receipts matching the filter, newest first, and how many match in all. */
  page(filter: ReceiptFilter, page: ReceiptPage, now: Date = new Date()): { total: number; receipts: Receipt[] } {
    const params = toParams(filter, now);
    const total = this.countStmt.get(params)?.n ?? 0;
    const receipts = this.pageStmt.all({ ...params, limit: page.limit, offset: page.offset }).map(toReceipt);
    return { total, receipts };
  }

  /** Every step taken on the receipt and every refused attempt, oldest first. */
  history(receiptId: number): ReceiptHistoryEntry[] {
    return this.historyStmt.all(receiptId).map((r) => ({
      at: r.at, userId: r.user_id, displayName: r.display_name, action: r.action, detail: parseDetail(r.detail),
    }));
  }
}

function toParams(f: ReceiptFilter, now: Date): FilterParams {
  const cut = overdueCutoffs(now);
  return {
    grids: f.gridIds === null ? null : JSON.stringify(f.gridIds),
    round: f.roundId,
    question: f.questionId,
    state: f.state,
    assignee: f.assigneeId,
    text: f.text === null || f.text === '' ? null : f.text,
    overdue: f.overdue ? 1 : 0,
    unanswered: JSON.stringify(UNANSWERED_STATES),
    dueBefore: cut.dueBefore,
    createdBefore: cut.createdBefore,
  };
}
