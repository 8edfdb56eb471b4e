// Receipts (回执单): problems residents raise — free-text suggestions and dissatisfied (followUp) answers.
// They are created inside the response transaction (see ResponsesRepo.insert), as the domain's rules decided
// (domain/receipts/rules.ts): create() stores what it is given. Each step of their life (assign, answer, close) is a
// conditional UPDATE on the states domain/receipts/workflow.ts allows, checked by `changes === 1`, with its audit
// entry in the same transaction.
import type { Db } from './db.js';
import { AuditRepo } from './audit-repo.js';
import type { NewReceipt, Receipt, ReceiptCounts, ReceiptSource, ReceiptState } from '../domain/receipts/receipt.js';
import { RECEIPT_STEPS, receiptStepProblem, type ReceiptAction } from '../domain/receipts/workflow.js';

/** A step the workflow does not allow from the receipt's state (or a state changed under it). */
export class ReceiptStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReceiptStateError';
  }
}

/** Who takes a step: the staff user for the audit log (null or absent: the system, the demo, the CLI). */
export interface ReceiptStepBy {
  by?: number | null;
}

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
  private readonly assignStmt;
  private readonly answerStmt;
  private readonly closeStmt;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepo = new AuditRepo(db),
  ) {
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
    // The target state and the states it may start from are the domain's (RECEIPT_STEPS), passed as parameters.
    const FROM = 'id = ? AND state IN (SELECT value FROM json_each(?))';
    this.assignStmt = db.prepare<[string, number, string | null, number, string]>(
      `UPDATE receipts SET state = ?, assignee_id = ?, due_at = COALESCE(?, due_at) WHERE ${FROM}`,
    );
    this.answerStmt = db.prepare<[string, string, string, number, string]>(
      `UPDATE receipts SET state = ?, answer_text = ?, answered_at = ? WHERE ${FROM}`,
    );
    this.closeStmt = db.prepare<[string, number, string]>(`UPDATE receipts SET state = ? WHERE ${FROM}`);
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

  /**
   * Hands the receipt to a staff member (待处理 or 已交办 → 已交办), with a due date when given. Returns the updated
   * receipt, or undefined when there is none; throws ReceiptStateError when the workflow does not allow it.
   */
  assign(id: number, assigneeId: number, dueAt: string | null = null, step: ReceiptStepBy = {}): Receipt | undefined {
    return this.step(id, 'assign', step.by ?? null, { assignee: assigneeId, dueAt }, (to, from) =>
      this.assignStmt.run(to, assigneeId, dueAt, id, from).changes,
    );
  }

  /**
   * Records the answer given back to the resident (待处理 or 已交办 → 已答复). Returns the updated receipt, or undefined
   * when there is none; throws ReceiptStateError when the workflow does not allow it (already answered or closed).
   */
  answer(id: number, text: string, at: string = new Date().toISOString(), by: number | null = null): Receipt | undefined {
    return this.step(id, 'answer', by, { at }, (to, from) => this.answerStmt.run(to, text, at, id, from).changes);
  }

  /** Closes an answered receipt (已答复 → 已办结). As `answer` for a missing receipt or a refused step. */
  close(id: number, step: ReceiptStepBy = {}): Receipt | undefined {
    return this.step(id, 'close', step.by ?? null, {}, (to, from) => this.closeStmt.run(to, id, from).changes);
  }

  /** One step of the workflow in one transaction: the state check, the conditional UPDATE and the audit entry. */
  private step(
    id: number,
    action: ReceiptAction,
    by: number | null,
    detail: Record<string, unknown>,
    update: (to: ReceiptState, fromJson: string) => number,
  ): Receipt | undefined {
    return this.db.transaction(() => {
      const current = this.getById(id);
      if (!current) return undefined;
      const problem = receiptStepProblem(id, current.state, action);
      if (problem !== null) throw new ReceiptStateError(problem);
      const rule = RECEIPT_STEPS[action];
      if (update(rule.to, JSON.stringify(rule.from)) !== 1) throw new ReceiptStateError(`回执 ${id} 状态已被修改，请重试`);
      this.audit.record(by, `receipt.${action}`, { receipt: id, round: current.roundId, from: current.state, to: rule.to, ...detail });
      return this.getById(id);
    }).immediate();
  }
}
