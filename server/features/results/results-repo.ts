// The SQL side of a round's results. Counts per grid are aggregated in SQL; the answers are read in ONE pass over the
// round's completed responses, whose packed choices (responses.choices, migration 003) SQLite joins into one row per
// grid, so that a round's responses are never in memory at once and JavaScript handles thousands of rows, not
// hundreds of thousands. The domain tally (server/core/results/tally.ts) adds them up per grid.
import type { Db } from '../../platform/db.js';
import { RESPONSE_SEPARATOR } from '../../core/survey/choices.js';
import { overdueCutoffs } from '../receipts/core/overdue.js';
import { ANSWERED_STATES, NOT_PROBLEM_STATES, UNANSWERED_STATES } from '../receipts/core/workflow.js';
import type { ReceiptTally } from '../../core/results/types.js';
import { readSnapshot } from '../../platform/write-transaction.js';

export interface GridResponseCounts {
  gridId: number;
  complete: number;
  screenedOut: number;
}

/** A grid's receipt figures as the domain counts them (ReceiptTally: 无需处理 left out of every count). */
export interface GridReceiptCounts extends ReceiptTally {
  gridId: number;
}

/** One response of a grid, for the raw export (no device hash, no contact: nothing that identifies a person). */
export interface ExportResponse {
  id: number;
  status: 'complete' | 'screened_out';
  channel: string;
  createdAt: string;
  /** The staff member who entered a phone or paper interview; null for a resident's own answers. */
  interviewerId: number | null;
  startedAt: string | null;
}

export interface ExportAnswer {
  responseId: number;
  questionId: string;
  optionCode: string | null;
  textValue: string | null;
}


type RawRow = unknown[];

function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
}

export class ResultsRepo {
  private readonly gridCountsStmt;
  private readonly receiptsStmt;
  private readonly cacheGetStmt;
  private readonly cachePutStmt;
  private readonly gridResponsesStmt;
  private readonly totalChangesStmt;
  private readonly dataVersionStmt;
  private readonly gridAnswersStmt;
  private readonly interviewersStmt;
  private readonly choicesStmt;
  private readonly choicesByModeStmt;
  private readonly responseCountStmt;

  constructor(private readonly db: Db) {
    this.responseCountStmt = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM responses WHERE round_id = ?');
    this.gridCountsStmt = db.prepare<[number], { grid_id: number; complete: number; screened_out: number }>(
      `SELECT grid_id, SUM(status = 'complete') AS complete, SUM(status = 'screened_out') AS screened_out
       FROM responses WHERE round_id = ? GROUP BY grid_id`,
    );
    // One row per grid and state, counted from the index alone (migration 035); the states' meanings come from the
    // domain (features/receipts/core/workflow.ts) and are applied in receiptCounts. ISO timestamps compare as text.
    this.receiptsStmt = db.prepare<[string, string, number], { grid_id: number; state: string; n: number; late: number }>(
      `SELECT grid_id, state, COUNT(*) AS n,
         SUM((due_at IS NOT NULL AND due_at < ?) OR (due_at IS NULL AND created_at < ?)) AS late
       FROM receipts WHERE round_id = ? GROUP BY grid_id, state`,
    );
    // One row per grid from responses_round_grid, its responses in id order (a small sort per grid). COUNT(choices)
    // < COUNT(*) would mean a response string_agg skipped.
    this.choicesStmt = db
      .prepare<[string, number], RawRow>(
        `SELECT grid_id, string_agg(choices, ? ORDER BY id), COUNT(*) - COUNT(choices)
         FROM responses WHERE round_id = ? AND status = 'complete'
         GROUP BY grid_id ORDER BY grid_id`,
      )
      .raw(true);
    // The same, each response prefixed with its answer mode's letter (core/results/mode-gaps.ts MODE_LETTERS), so the
    // round's tally and each mode's tally read every response once (RoundTally.splitBy).
    this.choicesByModeStmt = db
      .prepare<[string, number], RawRow>(
        `SELECT grid_id,
           string_agg(CASE channel WHEN 'web' THEN 'w' WHEN 'phone' THEN 'p' WHEN 'paper' THEN 'a' ELSE '-' END || choices, ? ORDER BY id),
           COUNT(*) - COUNT(choices)
         FROM responses WHERE round_id = ? AND status = 'complete'
         GROUP BY grid_id ORDER BY grid_id`,
      )
      .raw(true);
    this.totalChangesStmt = db.prepare<[], { n: number }>('SELECT total_changes() AS n');
    this.dataVersionStmt = db.prepare<[], { data_version: number }>('PRAGMA data_version');
    this.cacheGetStmt = db.prepare<[number], { computed_at: string; payload: string }>(
      'SELECT computed_at, payload FROM results_cache WHERE round_id = ?',
    );
    this.cachePutStmt = db.prepare<[number, string, string]>(
      `INSERT INTO results_cache (round_id, computed_at, payload) VALUES (?, ?, ?)
       ON CONFLICT (round_id) DO UPDATE SET computed_at = excluded.computed_at, payload = excluded.payload`,
    );
    this.gridResponsesStmt = db.prepare<
      [number, number],
      { id: number; status: 'complete' | 'screened_out'; channel: string; created_at: string; interviewer_id: number | null; started_at: string | null }
    >('SELECT id, status, channel, created_at, interviewer_id, started_at FROM responses WHERE round_id = ? AND grid_id = ? ORDER BY id');
    this.interviewersStmt = db
      .prepare<[number], number>('SELECT DISTINCT interviewer_id FROM responses WHERE round_id = ? AND interviewer_id IS NOT NULL ORDER BY interviewer_id')
      .pluck();
    this.gridAnswersStmt = db.prepare<[number, number], { response_id: number; question_id: string; option_code: string | null; text_value: string | null }>(
      // Through the grid's responses (responses_round_grid), then each one's answers (answers_response).
      `SELECT a.response_id, a.question_id, a.option_code, a.text_value
       FROM responses r JOIN answers a ON a.response_id = r.id
       WHERE r.round_id = ? AND r.grid_id = ? ORDER BY a.response_id, a.rowid`,
    );
  }

  /** Completed and screened-out responses per grid (grids without responses are absent). */
  gridCounts(roundId: number): GridResponseCounts[] {
    return this.gridCountsStmt.all(roundId).map((r) => ({ gridId: r.grid_id, complete: r.complete, screenedOut: r.screened_out }));
  }

  /**
   * Calls `add` for each grid with completed responses in the round, in grid order: the packed choices of its
   * completed responses (core/survey/choices.ts) in response order, joined by RESPONSE_SEPARATOR; `byMode` prefixes each
   * response with its answer mode's letter (core/results/mode-gaps.ts MODE_LETTERS; '-' for the others). `add` must
   * not run other statements on this connection (better-sqlite3 holds the cursor).
   */
  eachCompletedGrid(roundId: number, add: (gridId: number, responses: string) => void, byMode = false): void {
    const stmt = byMode ? this.choicesByModeStmt : this.choicesStmt;
    for (const row of stmt.iterate(RESPONSE_SEPARATOR, roundId)) {
      const gridId = num(row[0]);
      // Every writer goes through ResponsesRepo and migration 003 packed the older rows: a gap is a broken database.
      if (num(row[2]) > 0 || typeof row[1] !== 'string') throw new Error(`grid ${gridId} has responses without packed choices`);
      add(gridId, row[1]);
    }
  }

  /** Receipts opened (problems), answered, closed and overdue (as the domain defines them) per grid, as of `now`. */
  receiptCounts(roundId: number, now: Date = new Date()): GridReceiptCounts[] {
    const cut = overdueCutoffs(now);
    const notProblem = new Set<string>(NOT_PROBLEM_STATES);
    const answered = new Set<string>(ANSWERED_STATES);
    const unanswered = new Set<string>(UNANSWERED_STATES);
    const byGrid = new Map<number, GridReceiptCounts>();
    for (const r of this.receiptsStmt.all(cut.dueBefore, cut.createdBefore, roundId)) {
      let c = byGrid.get(r.grid_id);
      if (!c) byGrid.set(r.grid_id, (c = { gridId: r.grid_id, opened: 0, answered: 0, closed: 0, overdue: 0 }));
      if (!notProblem.has(r.state)) c.opened += r.n;
      if (answered.has(r.state)) c.answered += r.n;
      if (r.state === 'closed') c.closed += r.n;
      if (unanswered.has(r.state)) c.overdue += r.late;
    }
    return [...byGrid.values()];
  }

  /** A grid's responses in the round, oldest first (read grid by grid so an export never holds a cursor open). */
  gridResponses(roundId: number, gridId: number): ExportResponse[] {
    return this.gridResponsesStmt.all(roundId, gridId).map((r) => ({
      id: r.id, status: r.status, channel: r.channel, createdAt: r.created_at, interviewerId: r.interviewer_id, startedAt: r.started_at,
    }));
  }

  /** The staff members who entered interviews of the round, by account id. */
  roundInterviewers(roundId: number): number[] {
    return this.interviewersStmt.all(roundId);
  }

  /** The answers of a grid's responses in the round, by response. */
  gridAnswers(roundId: number, gridId: number): ExportAnswer[] {
    return this.gridAnswersStmt
      .all(roundId, gridId)
      .map((a) => ({ responseId: a.response_id, questionId: a.question_id, optionCode: a.option_code, textValue: a.text_value }));
  }

  /**
   * Changes whenever the database may have changed: a write through this connection (total_changes) or a commit by
   * another connection (data_version). Lets callers keep a derived value until the data moves.
   */
  changeToken(): string {
    return `${this.dataVersionStmt.get()?.data_version ?? 0}:${this.totalChangesStmt.get()?.n ?? 0}`;
  }

  /** Stored responses of a round, completed or screened out (from the index: a few ms at 200,000). */
  responseCount(roundId: number): number {
    return this.responseCountStmt.get(roundId)?.n ?? 0;
  }

  /** The database file, for a second connection (results computed off the event loop); undefined in memory. */
  databaseFile(): string | undefined {
    return this.db.memory ? undefined : this.db.name;
  }

  /** Runs `fn` in one read transaction, so that every query in it sees the same committed state. */
  snapshot<T>(fn: () => T): T {
    return readSnapshot(this.db, fn);
  }

  cacheGet(roundId: number): { computedAt: string; payload: string } | undefined {
    const row = this.cacheGetStmt.get(roundId);
    return row ? { computedAt: row.computed_at, payload: row.payload } : undefined;
  }

  cachePut(roundId: number, computedAt: string, payload: string): void {
    this.cachePutStmt.run(roundId, computedAt, payload);
  }
}
