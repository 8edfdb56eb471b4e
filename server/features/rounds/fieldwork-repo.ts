// Read-only views of the field work that pages need beyond the results: a staff member's keyed paper questionnaires,
// one response's answers, and the roster of a round's grids by category (the half-year sweep's denominator).
import type { Db } from '../../platform/db.js';
import type { Answers } from '../../core/survey/model.js';
import type { ResponseStatus } from '../../core/survey/response.js';
import { UNCATEGORISED, type RosterCount } from '../../core/results/sweep-progress.js';
import type { CategoryResponses } from '../sweep/core/by-category.js';
import { RESPONSE_SEPARATOR } from '../../core/survey/choices.js';

export interface KeyedEntry {
  id: number;
  gridId: number;
  status: ResponseStatus;
  createdAt: string;
}

export interface StoredResponse {
  id: number;
  roundId: number;
  gridId: number;
  channel: string;
  interviewerId: number | null;
  createdAt: string;
}

const isStatus = (s: string): s is ResponseStatus => s === 'complete' || s === 'screened_out';

export class FieldworkRepo {
  private readonly keyedStmt;
  private readonly responseStmt;
  private readonly answersStmt;
  private readonly rosterStmt;
  private readonly byCategoryStmt;

  constructor(db: Db) {
    this.keyedStmt = db.prepare<[number, number], { id: number; grid_id: number; status: string; created_at: string }>(
      `SELECT id, grid_id, status, created_at FROM responses
       WHERE round_id = ? AND channel = 'paper' AND interviewer_id = ? ORDER BY id DESC`,
    );
    this.responseStmt = db.prepare<[number], { id: number; round_id: number; grid_id: number; channel: string; interviewer_id: number | null; created_at: string }>(
      'SELECT id, round_id, grid_id, channel, interviewer_id, created_at FROM responses WHERE id = ?',
    );
    this.answersStmt = db.prepare<[number], { question_id: string; option_code: string | null; text_value: string | null }>(
      'SELECT question_id, option_code, text_value FROM answers WHERE response_id = ? ORDER BY rowid',
    );
    // Every number counts in the roster; only active ones are still to be called (core/calls/contact.ts).
    this.rosterStmt = db.prepare<[string], { grid_id: number; category: string | null; status: string; n: number }>(
      `SELECT grid_id, category, status, COUNT(*) AS n FROM contacts
       WHERE grid_id IN (SELECT value FROM json_each(?)) GROUP BY grid_id, category, status`,
    );
    this.byCategoryStmt = db.prepare<[string, string, number, string], { category: string; packed: string | null; n: number; unpacked: number }>(
      `SELECT COALESCE(NULLIF(TRIM(c.category), ''), ?) AS category, string_agg(r.choices, ? ORDER BY r.id) AS packed,
              COUNT(*) AS n, COUNT(*) - COUNT(r.choices) AS unpacked
       FROM responses r JOIN contacts c ON c.id = r.contact_id
       WHERE r.round_id = ? AND r.status = 'complete' AND r.grid_id IN (SELECT value FROM json_each(?))
       GROUP BY 1 ORDER BY 1`,
    );
  }

  /**
   * Completed responses of roster contacts in these grids, by the contact's category (blank ones as 未分类), with their
   * packed choices in response order: what the sweep's results by category are computed from.
   */
  completedByCategory(roundId: number, gridIds: readonly number[]): CategoryResponses[] {
    return this.byCategoryStmt.all(UNCATEGORISED, RESPONSE_SEPARATOR, roundId, JSON.stringify(gridIds)).map((r) => {
      // Every writer packs the choices (migration 003 packed the older rows): a gap is a broken database.
      if (r.unpacked > 0 || r.packed === null) throw new Error(`responses of category ${r.category} without packed choices`);
      return { category: r.category, n: r.n, packed: r.packed };
    });
  }

  /** The paper questionnaires this staff member keyed in the round, newest first. */
  keyedBy(roundId: number, userId: number): KeyedEntry[] {
    return this.keyedStmt
      .all(roundId, userId)
      .flatMap((r) => (isStatus(r.status) ? [{ id: r.id, gridId: r.grid_id, status: r.status, createdAt: r.created_at }] : []));
  }

  response(id: number): StoredResponse | undefined {
    const r = this.responseStmt.get(id);
    return r && { id: r.id, roundId: r.round_id, gridId: r.grid_id, channel: r.channel, interviewerId: r.interviewer_id, createdAt: r.created_at };
  }

  /** A response's answers as stored (text already masked where it held a phone or ID number). */
  answers(responseId: number): Answers {
    const answers: Answers = {};
    for (const a of this.answersStmt.all(responseId)) {
      const prior = answers[a.question_id];
      if (a.option_code !== null) {
        if (prior && prior.kind === 'choice') prior.codes.push(a.option_code);
        else answers[a.question_id] = { kind: 'choice', codes: [a.option_code] };
      } else if (a.text_value !== null) {
        answers[a.question_id] = { kind: 'text', text: a.text_value };
      }
    }
    return answers;
  }

  /** Roster numbers of these grids per grid, category and status. */
  rosterCounts(gridIds: readonly number[]): RosterCount[] {
    return this.rosterStmt.all(JSON.stringify(gridIds)).map((r) => ({ gridId: r.grid_id, category: r.category, status: r.status, n: r.n }));
  }
}
