// The SQL side of a round's results: everything is aggregated per grid inside SQLite (using the round_id/grid_id
// copied onto every answer), so computing a round never loads its responses into JavaScript objects at once. The one
// per-respondent pass — the composite's cross-products — streams one row per completed response, grid by grid.
// The domain code (server/domain/results) turns these per-grid sums into estimates for every unit of the tree.
import type { Statement } from 'better-sqlite3';
import type { Db } from './db.js';
import type { KnowledgeQuestion, ScoreColumn } from '../domain/results/plan.js';

export interface GridResponseCounts {
  gridId: number;
  complete: number;
  screenedOut: number;
}

/** One grid's sums for one scored question, over its completed responses. */
export interface GridQuestionSums {
  gridId: number;
  questionId: string;
  /** Substantive (scored) answers. */
  n: number;
  sum: number;
  sumSq: number;
  /** Non-substantive answers (excluded = 1). */
  dontKnow: number;
}

/** One grid's counts for a rate: respondents with a substantive answer, those in the option set, don't-knows. */
export interface GridRateCounts {
  gridId: number;
  valid: number;
  hits: number;
  dontKnow: number;
}

/** One grid's 应知应会 sums: per respondent, the share of knowledge questions answered correctly. */
export interface GridKnowledgeSums {
  gridId: number;
  /** Respondents who answered at least one knowledge question. */
  n: number;
  /** Σ of the respondents' correct shares, and Σ of their squares. */
  sum: number;
  sumSq: number;
}

/** One completed response's column values (null: no substantive answer). */
export interface ResponseScores {
  gridId: number;
  responseId: number;
  scores: Array<number | null>;
}

export interface GridReceiptCounts {
  gridId: number;
  opened: number;
  answered: number;
  overdue: number;
}

export type CallDisposition =
  | 'complete' | 'partial' | 'refusal' | 'non_contact' | 'other' | 'unknown_household' | 'unknown_other' | 'not_eligible';

/** Receipts without a due date are overdue once they have waited this long unanswered. */
export const RECEIPT_GRACE_DAYS = 7;

type RawRow = unknown[];

function num(v: unknown): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** Completed responses of the round: scored answers of screened-out interviews never count. */
const COMPLETE = `response_id IN (SELECT id FROM responses WHERE round_id = ? AND status = 'complete')`;

export class ResultsRepo {
  private readonly gridCountsStmt;
  private readonly callsStmt;
  private readonly receiptsStmt;
  private readonly cacheGetStmt;
  private readonly cachePutStmt;
  private readonly cacheDeleteStmt;
  /** Statements whose IN lists depend on the questionnaire, prepared once per shape. */
  private readonly byShape = new Map<string, Statement<unknown[], RawRow>>();

  constructor(private readonly db: Db) {
    this.gridCountsStmt = db.prepare<[number], { grid_id: number; complete: number; screened_out: number }>(
      `SELECT grid_id, SUM(status = 'complete') AS complete, SUM(status = 'screened_out') AS screened_out
       FROM responses WHERE round_id = ? GROUP BY grid_id`,
    );
    // A phone case's final disposition is its latest attempt; calls without a roster contact are cases of their own.
    this.callsStmt = db.prepare<[number, number], { disposition: CallDisposition; n: number }>(
      `SELECT disposition, COUNT(*) AS n FROM calls
       WHERE round_id = ? AND (contact_id IS NULL OR id IN (
         SELECT MAX(id) FROM calls WHERE round_id = ? AND contact_id IS NOT NULL GROUP BY contact_id))
       GROUP BY disposition`,
    );
    // Overdue: not yet answered (open or assigned) and past its due date, or without a due date and older than the
    // grace period. ISO timestamps compare correctly as text.
    this.receiptsStmt = db.prepare<[string, string, number], { grid_id: number; opened: number; answered: number; overdue: number }>(
      `SELECT grid_id, COUNT(*) AS opened,
         SUM(state IN ('answered', 'closed')) AS answered,
         SUM(state IN ('open', 'assigned') AND ((due_at IS NOT NULL AND due_at < ?) OR (due_at IS NULL AND created_at < ?))) AS overdue
       FROM receipts WHERE round_id = ? GROUP BY grid_id`,
    );
    this.cacheGetStmt = db.prepare<[number], { computed_at: string; payload: string }>(
      'SELECT computed_at, payload FROM results_cache WHERE round_id = ?',
    );
    this.cachePutStmt = db.prepare<[number, string, string]>(
      `INSERT INTO results_cache (round_id, computed_at, payload) VALUES (?, ?, ?)
       ON CONFLICT (round_id) DO UPDATE SET computed_at = excluded.computed_at, payload = excluded.payload`,
    );
    this.cacheDeleteStmt = db.prepare<[number]>('DELETE FROM results_cache WHERE round_id = ?');
  }

  private shaped(key: string, sql: () => string): Statement<unknown[], RawRow> {
    let stmt = this.byShape.get(key);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], RawRow>(sql()).raw(true);
      this.byShape.set(key, stmt);
    }
    return stmt;
  }

  /** Completed and screened-out responses per grid (grids without responses are absent). */
  gridCounts(roundId: number): GridResponseCounts[] {
    return this.gridCountsStmt.all(roundId).map((r) => ({ gridId: r.grid_id, complete: r.complete, screenedOut: r.screened_out }));
  }

  /** Per grid and question: substantive answers with Σscore and Σscore², and don't-knows, over completed responses. */
  questionSums(roundId: number, questionIds: string[]): GridQuestionSums[] {
    if (questionIds.length === 0) return [];
    const stmt = this.shaped(`sums:${questionIds.length}`, () =>
      `SELECT grid_id, question_id, COUNT(score), TOTAL(score), TOTAL(score * score), SUM(excluded)
       FROM answers
       WHERE round_id = ? AND question_id IN (${placeholders(questionIds.length)}) AND (score IS NOT NULL OR excluded = 1)
         AND ${COMPLETE}
       GROUP BY question_id, grid_id`,
    );
    return stmt.all(roundId, ...questionIds, roundId).map((r) => ({
      gridId: num(r[0]),
      questionId: String(r[1]),
      n: num(r[2]),
      sum: num(r[3]),
      sumSq: num(r[4]),
      dontKnow: num(r[5]),
    }));
  }

  /** Per grid: respondents whose answer to the question is substantive, of them those in the option set, and don't-knows. */
  rateCounts(roundId: number, questionId: string, codes: string[]): GridRateCounts[] {
    const stmt = this.shaped(`rate:${codes.length}`, () =>
      // COUNT(DISTINCT response_id): a multiple-choice respondent counts once however many options they chose.
      `SELECT grid_id,
         COUNT(DISTINCT CASE WHEN excluded = 0 THEN response_id END),
         COUNT(DISTINCT CASE WHEN excluded = 0 AND option_code IN (${placeholders(codes.length)}) THEN response_id END),
         COUNT(DISTINCT CASE WHEN excluded = 1 THEN response_id END)
       FROM answers
       WHERE round_id = ? AND question_id = ? AND option_code IS NOT NULL AND ${COMPLETE}
       GROUP BY grid_id`,
    );
    return stmt.all(...codes, roundId, questionId, roundId).map((r) => ({
      gridId: num(r[0]),
      valid: num(r[1]),
      hits: num(r[2]),
      dontKnow: num(r[3]),
    }));
  }

  /** Per grid: Σ and Σ² of each respondent's share of correctly answered knowledge questions. */
  knowledgeSums(roundId: number, questions: KnowledgeQuestion[]): GridKnowledgeSums[] {
    if (questions.length === 0) return [];
    const pairs = questions.flatMap((q) => q.correct.map((c) => `${q.id}\t${c}`));
    const stmt = this.shaped(`knowledge:${questions.length}:${pairs.length}`, () =>
      `SELECT grid_id, COUNT(*), TOTAL(share), TOTAL(share * share) FROM (
         SELECT grid_id, response_id, AVG(correct) AS share FROM (
           SELECT grid_id, response_id,
             CASE WHEN hits > 0 AND hits = chosen AND (all_of = 0 OR hits = needed) THEN 1.0 ELSE 0.0 END AS correct
           FROM (
             SELECT grid_id, response_id, question_id, COUNT(*) AS chosen,
               SUM(question_id || char(9) || option_code IN (${placeholders(pairs.length)})) AS hits,
               CASE question_id ${questions.map(() => 'WHEN ? THEN ?').join(' ')} END AS needed,
               CASE question_id ${questions.map(() => 'WHEN ? THEN ?').join(' ')} END AS all_of
             FROM answers
             WHERE round_id = ? AND question_id IN (${placeholders(questions.length)}) AND option_code IS NOT NULL
               AND ${COMPLETE}
             GROUP BY grid_id, response_id, question_id))
         GROUP BY grid_id, response_id)
       GROUP BY grid_id`,
    );
    const params: unknown[] = [
      ...pairs,
      ...questions.flatMap((q) => [q.id, q.correct.length]),
      ...questions.flatMap((q) => [q.id, q.allOf ? 1 : 0]),
      roundId,
      ...questions.map((q) => q.id),
      roundId,
    ];
    return stmt.all(...params).map((r) => ({ gridId: num(r[0]), n: num(r[1]), sum: num(r[2]), sumSq: num(r[3]) }));
  }

  /**
   * Each completed response's column values, ordered by grid then response, streamed (one row in memory at a time).
   * Responses without any substantive answer among the columns are skipped (they add nothing to a cross-product).
   */
  *responseScores(roundId: number, columns: ScoreColumn[]): Generator<ResponseScores> {
    if (columns.length === 0) return;
    const key = columns.map((c) => (c.kind === 'score' ? 's' : `r${c.options.length}`)).join(',');
    const questionIds = [...new Set(columns.map((c) => c.questionId))];
    const stmt = this.shaped(`scores:${key}:${questionIds.length}`, () => {
      const exprs = columns.map((c) =>
        c.kind === 'score'
          ? 'MAX(CASE WHEN question_id = ? THEN score END)'
          : `MAX(CASE WHEN question_id = ? AND excluded = 0 THEN (CASE WHEN option_code IN (${placeholders(c.options.length)}) THEN 100.0 ELSE 0.0 END) END)`,
      );
      return `SELECT grid_id, response_id, ${exprs.join(', ')}
        FROM answers
        WHERE round_id = ? AND question_id IN (${placeholders(questionIds.length)}) AND option_code IS NOT NULL AND excluded = 0
          AND ${COMPLETE}
        GROUP BY grid_id, response_id
        ORDER BY grid_id, response_id`;
    });
    const params: unknown[] = [
      ...columns.flatMap((c) => (c.kind === 'score' ? [c.questionId] : [c.questionId, ...c.options])),
      roundId,
      ...questionIds,
      roundId,
    ];
    const k = columns.length;
    for (const r of stmt.iterate(...params)) {
      const scores = new Array<number | null>(k);
      for (let i = 0; i < k; i++) {
        const v = r[i + 2];
        scores[i] = typeof v === 'number' ? v : null;
      }
      yield { gridId: num(r[0]), responseId: num(r[1]), scores };
    }
  }

  /** Final call dispositions of the round's phone cases. */
  callDispositions(roundId: number): Partial<Record<CallDisposition, number>> {
    const out: Partial<Record<CallDisposition, number>> = {};
    for (const row of this.callsStmt.all(roundId, roundId)) out[row.disposition] = row.n;
    return out;
  }

  /** Receipts opened, answered and overdue per grid, as of `now`. */
  receiptCounts(roundId: number, now: Date = new Date()): GridReceiptCounts[] {
    const graceStart = new Date(now.getTime() - RECEIPT_GRACE_DAYS * 86_400_000).toISOString();
    return this.receiptsStmt
      .all(now.toISOString(), graceStart, roundId)
      .map((r) => ({ gridId: r.grid_id, opened: r.opened, answered: r.answered, overdue: r.overdue }));
  }

  cacheGet(roundId: number): { computedAt: string; payload: string } | undefined {
    const row = this.cacheGetStmt.get(roundId);
    return row ? { computedAt: row.computed_at, payload: row.payload } : undefined;
  }

  cachePut(roundId: number, computedAt: string, payload: string): void {
    this.cachePutStmt.run(roundId, computedAt, payload);
  }

  cacheDelete(roundId: number): void {
    this.cacheDeleteStmt.run(roundId);
  }
}
