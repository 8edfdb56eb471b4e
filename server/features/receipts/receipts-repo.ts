// Receipts (回执单): problems residents raise — free-text suggestions and dissatisfied (followUp) answers.
// They are created inside the response transaction (see ResponsesRepo.insert), as the domain's rules decided
// (features/receipts/core/rules.ts): create() stores what it is given. Each step of their life (assign, answer, close,
// send back, dismiss) is a conditional UPDATE on the states features/receipts/core/workflow.ts allows, checked by `changes === 1`, with
// its audit entry (who, when, from which state) in the same transaction, which takes the write lock up front.
import type { Db } from '../../platform/db.js';
import { AuditRepo } from '../audit/audit-repo.js';
import type { AnswerMethod, DismissReason, NewReceipt, Receipt, ReceiptCounts, ReceiptSource, ReceiptState } from './core/receipt.js';
import { RECEIPT_STEPS, receiptStepProblem, type ReceiptAction } from './core/workflow.js';
import { RECEIPT_COLUMNS, toReceipt, type ReceiptRow } from './receipt-rows.js';
import { ReceiptSearch } from './receipt-search.js';
import { writeTransaction } from '../../platform/write-transaction.js';

/** A step the workflow does not allow from the receipt's state (or a state changed under it). */
export class ReceiptStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReceiptStateError';
  }
}

/** Who takes a step and when: the staff user for the audit log (null or absent: the system, the demo, the CLI). */
export interface ReceiptStepBy {
  by?: number | null;
  at?: string;
}

/** To whom a receipt is handed: a staff user or a unit (one of the two). */
export interface ReceiptAssignee {
  userId: number | null;
  unitId: number | null;
}

/** What was done and what the resident was told, and how. */
export interface ReceiptReply {
  action: string;
  text: string;
  method: AnswerMethod;
}

export class ReceiptsRepo {
  /** The receipts page's filtered, paged list (its own statements). */
  readonly search: ReceiptSearch;
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byRoundStmt;
  private readonly countsStmt;
  private readonly assignStmt;
  private readonly answerStmt;
  private readonly closeStmt;
  private readonly sendBackStmt;
  private readonly dismissStmt;
  private readonly dueDaysStmt;
  private readonly setDueDaysStmt;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepo = new AuditRepo(db),
  ) {
    this.search = new ReceiptSearch(db);
    this.insertStmt = db.prepare<[number, number, number | null, ReceiptSource, string | null, string, string | null, string, ReceiptState, string | null, string | null]>(
      `INSERT INTO receipts (round_id, grid_id, response_id, source, question_id, body, due_at, created_at, state, dismiss_reason, closed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byIdStmt = db.prepare<[number], ReceiptRow>(`SELECT ${RECEIPT_COLUMNS} FROM receipts WHERE id = ?`);
    this.byRoundStmt = db.prepare<[number], ReceiptRow>(`SELECT ${RECEIPT_COLUMNS} FROM receipts WHERE round_id = ? ORDER BY created_at, id`);
    this.countsStmt = db.prepare<[number], { grid_id: number; state: ReceiptState; n: number }>(
      'SELECT grid_id, state, COUNT(*) AS n FROM receipts WHERE round_id = ? GROUP BY grid_id, state',
    );
    // The target state and the states it may start from are the domain's (RECEIPT_STEPS), passed as parameters.
    const FROM = 'id = ? AND state IN (SELECT value FROM json_each(?))';
    this.assignStmt = db.prepare<[string, number | null, number | null, number | null, string, string | null, number, string]>(
      `UPDATE receipts SET state = ?, assignee_id = ?, assignee_unit_id = ?, assigned_by = ?, assigned_at = ?,
         due_at = COALESCE(?, due_at) WHERE ${FROM}`,
    );
    this.answerStmt = db.prepare<[string, string, string, AnswerMethod, string, number | null, number, string]>(
      `UPDATE receipts SET state = ?, answer_action = ?, answer_text = ?, answer_method = ?, answered_at = ?, answered_by = ?
       WHERE ${FROM}`,
    );
    this.closeStmt = db.prepare<[string, string, number | null, number, string]>(
      `UPDATE receipts SET state = ?, closed_at = ?, closed_by = ? WHERE ${FROM}`,
    );
    // Sent back, the answer's text stays as the previous answer (the form starts from it); who answered and how go.
    // A receipt answered without having been handed on goes back to whoever answered it.
    this.sendBackStmt = db.prepare<[string, number, string]>(
      `UPDATE receipts SET state = ?, answered_at = NULL, answered_by = NULL, answer_method = NULL,
         assignee_id = CASE WHEN assignee_id IS NULL AND assignee_unit_id IS NULL THEN answered_by ELSE assignee_id END
       WHERE ${FROM}`,
    );
    this.dismissStmt = db.prepare<[string, DismissReason, string | null, string, number | null, number, string]>(
      `UPDATE receipts SET state = ?, dismiss_reason = ?, dismiss_note = ?, closed_at = ?, closed_by = ? WHERE ${FROM}`,
    );
    this.dueDaysStmt = db.prepare<[number], { receipt_due_days: number }>('SELECT receipt_due_days FROM rounds WHERE id = ?');
    this.setDueDaysStmt = db.prepare<[number, number]>('UPDATE rounds SET receipt_due_days = ? WHERE id = ?');
  }

  /**
   * Inserts one receipt: 待处理, or 无需处理 from the start when the domain gave a reason (praise, an empty text).
   * Synchronous, so ResponsesRepo can call it inside its transaction.
   */
  create(r: NewReceipt): number {
    const createdAt = r.createdAt ?? new Date().toISOString();
    const dismissed = r.dismissReason !== undefined;
    const info = this.insertStmt.run(
      r.roundId, r.gridId, r.responseId, r.source, r.questionId, r.body, r.dueAt ?? null, createdAt,
      dismissed ? 'dismissed' : 'open', r.dismissReason ?? null, dismissed ? createdAt : null,
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

  /** Receipts per grid and state for a round. */
  countsByGrid(roundId: number): Map<number, ReceiptCounts> {
    const counts = new Map<number, ReceiptCounts>();
    for (const row of this.countsStmt.all(roundId)) {
      let c = counts.get(row.grid_id);
      if (!c) {
        c = { total: 0, open: 0, assigned: 0, answered: 0, closed: 0, dismissed: 0 };
        counts.set(row.grid_id, c);
      }
      c[row.state] += row.n;
      c.total += row.n;
    }
    return counts;
  }

  /** Days a handed-on receipt of the round has before it is due (the round's setting). */
  dueDays(roundId: number): number | undefined {
    return this.dueDaysStmt.get(roundId)?.receipt_due_days;
  }

  /** Sets the round's number of days (checked by the caller against features/receipts/core/deadline.ts), with its audit entry. */
  setDueDays(roundId: number, days: number, by: number | null): void {
    writeTransaction(this.db, () => {
      if (this.setDueDaysStmt.run(days, roundId).changes !== 1) throw new ReceiptStateError('找不到该轮次');
      this.audit.record(by, 'receipt.due_days', { round: roundId, days });
    });
  }

  /**
   * Hands the receipt to a staff member or a unit (待处理 or 已交办 → 已交办), with a due date when given. Returns the
   * updated receipt, or undefined when there is none; throws ReceiptStateError when the workflow does not allow it.
   */
  assign(id: number, to: ReceiptAssignee, dueAt: string | null = null, step: ReceiptStepBy = {}): Receipt | undefined {
    const by = step.by ?? null;
    const at = step.at ?? new Date().toISOString();
    return this.step(id, 'assign', by, { assignee: to.userId, unit: to.unitId, dueAt }, (state, from) =>
      this.assignStmt.run(state, to.userId, to.unitId, by, at, dueAt, id, from).changes,
    );
  }

  /**
   * Records what was done and the answer given back to the resident (待处理 or 已交办 → 已答复). As `assign` for a
   * missing receipt or a refused step (already answered, closed or dismissed).
   */
  answer(id: number, reply: ReceiptReply, step: ReceiptStepBy = {}): Receipt | undefined {
    const by = step.by ?? null;
    const at = step.at ?? new Date().toISOString();
    return this.step(id, 'answer', by, { at, method: reply.method }, (state, from) =>
      this.answerStmt.run(state, reply.action, reply.text, reply.method, at, by, id, from).changes,
    );
  }

  /** Closes an answered receipt after checking (已答复 → 已办结). As `assign` for a missing receipt or a refused step. */
  close(id: number, step: ReceiptStepBy = {}): Receipt | undefined {
    const by = step.by ?? null;
    const at = step.at ?? new Date().toISOString();
    return this.step(id, 'close', by, {}, (state, from) => this.closeStmt.run(state, at, by, id, from).changes);
  }

  /**
   * Sends an answered receipt back to be answered again (已答复 → 已交办, 退回重办), the reason in its audit entry.
   * As `assign` for a missing receipt or a refused step.
   */
  sendBack(id: number, reason: string, step: ReceiptStepBy = {}): Receipt | undefined {
    const by = step.by ?? null;
    return this.step(id, 'return', by, { reason }, (state, from) => this.sendBackStmt.run(state, id, from).changes);
  }

  /** Marks a receipt nobody answered yet as needing no handling (→ 无需处理), with the reason. */
  dismiss(id: number, reason: DismissReason, note: string | null, step: ReceiptStepBy = {}): Receipt | undefined {
    const by = step.by ?? null;
    const at = step.at ?? new Date().toISOString();
    return this.step(id, 'dismiss', by, { reason }, (state, from) => this.dismissStmt.run(state, reason, note, at, by, id, from).changes);
  }

  /** Writes down a refused attempt (out of scope, not the assignee, a state it cannot reach): abuse leaves a trace. */
  recordRefusal(id: number, action: ReceiptAction, by: number | null, reason: string): void {
    this.audit.record(by, 'receipt.refused', { receipt: id, action, reason });
  }

  /** One step of the workflow in one transaction: the state check, the conditional UPDATE and the audit entry. */
  private step(
    id: number,
    action: ReceiptAction,
    by: number | null,
    detail: Record<string, unknown>,
    update: (to: ReceiptState, fromJson: string) => number,
  ): Receipt | undefined {
    return writeTransaction(this.db, () => {
      const current = this.getById(id);
      if (!current) return undefined;
      const problem = receiptStepProblem(id, current.state, action);
      if (problem !== null) throw new ReceiptStateError(problem);
      const rule = RECEIPT_STEPS[action];
      if (update(rule.to, JSON.stringify(rule.from)) !== 1) throw new ReceiptStateError(`回执 ${id} 状态已被修改，请重试`);
      this.audit.record(by, `receipt.${action}`, { receipt: id, round: current.roundId, from: current.state, to: rule.to, ...detail });
      return this.getById(id);
    });
  }
}
