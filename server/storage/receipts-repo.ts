// Receipts (回执单): problems residents raise — free-text suggestions and dissatisfied (followUp) answers.
// They are created inside the response transaction (see ResponsesRepo.insert); the workflow (assign, answer,
// close) builds on the methods here.
import type { Db } from './db.js';
import type { NewReceipt, Receipt, ReceiptCounts, ReceiptSource, ReceiptState } from '../domain/receipts/receipt.js';

interface ReceiptRow {
  id: number;
  round_id: number;
  grid_id: number;
  response_id: number | null;
  source: ReceiptSource;
  question_id: string | null;
  body: string;
  state: ReceiptState;
  assignee_id: number | null;
  due_at: string | null;
  created_at: string;
  answered_at: string | null;
  answer_text: string | null;
}

const COLUMNS = `id, round_id, grid_id, response_id, source, question_id, body, state, assignee_id, due_at,
  created_at, answered_at, answer_text`;

function toReceipt(r: ReceiptRow): Receipt {
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
    dueAt: r.due_at,
    createdAt: r.created_at,
    answeredAt: r.answered_at,
    answerText: r.answer_text,
  };
}

export class ReceiptsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byRoundStmt;
  private readonly countsStmt;
  private readonly answerStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<[number, number, number | null, ReceiptSource, string | null, string, string | null, string]>(
      `INSERT INTO receipts (round_id, grid_id, response_id, source, question_id, body, due_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byIdStmt = db.prepare<[number], ReceiptRow>(`SELECT ${COLUMNS} FROM receipts WHERE id = ?`);
    this.byRoundStmt = db.prepare<[number], ReceiptRow>(
      `SELECT ${COLUMNS} FROM receipts WHERE round_id = ? ORDER BY created_at, id`,
    );
    this.countsStmt = db.prepare<[number], { grid_id: number; state: ReceiptState; n: number }>(
      'SELECT grid_id, state, COUNT(*) AS n FROM receipts WHERE round_id = ? GROUP BY grid_id, state',
    );
    this.answerStmt = db.prepare<[string, string, number]>(
      `UPDATE receipts SET state = 'answered', answer_text = ?, answered_at = ? WHERE id = ?`,
    );
  }

  /** Inserts one receipt. Synchronous, so ResponsesRepo can call it inside its transaction. */
  create(r: NewReceipt): number {
    const info = this.insertStmt.run(
      r.roundId,
      r.gridId,
      r.responseId,
      r.source,
      r.questionId,
      r.body,
      r.dueAt ?? null,
      r.createdAt ?? new Date().toISOString(),
    );
    return Number(info.lastInsertRowid);
  }

  getById(id: number): Receipt | undefined {
    const row = this.byIdStmt.get(id);
    return row ? toReceipt(row) : undefined;
  }

  /** A round's receipts, oldest first; restricted to the given grids when `gridIds` is passed (a user's scope). */
  listForRound(roundId: number, gridIds?: number[]): Receipt[] {
    const rows = this.byRoundStmt.all(roundId);
    // Filtering in code keeps the statement prepared once (an IN list of variable length cannot be).
    const only = gridIds ? new Set(gridIds) : undefined;
    return rows.filter((r) => !only || only.has(r.grid_id)).map(toReceipt);
  }

  /** Receipts per grid and state for a round (问题解决反馈率 = answered+closed over total). */
  countsByGrid(roundId: number): Map<number, ReceiptCounts> {
    const counts = new Map<number, ReceiptCounts>();
    for (const row of this.countsStmt.all(roundId)) {
      let c = counts.get(row.grid_id);
      if (!c) {
        c = { total: 0, open: 0, assigned: 0, answered: 0, closed: 0 };
        counts.set(row.grid_id, c);
      }
      c[row.state] += row.n;
      c.total += row.n;
    }
    return counts;
  }

  /** Records the answer given back to the resident. Returns the updated receipt, or undefined when there is none. */
  answer(id: number, text: string, at: string = new Date().toISOString()): Receipt | undefined {
    const info = this.answerStmt.run(text, at, id);
    return info.changes === 0 ? undefined : this.getById(id);
  }
}
