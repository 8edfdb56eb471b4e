// Phone interview attempts and their AAPOR dispositions (table `calls`). The AAPOR rates of a round come from these.
import type { Db } from '../../platform/db.js';
import { writeTransaction } from '../../platform/write-transaction.js';
import type { CallDisposition } from '../../core/calls/call.js';
import { countFinalDispositions, type DispositionCounts, type FinalDispositionRow } from '../../core/calls/final-disposition.js';

export type { CallDisposition, DispositionCounts };

export interface NewCall {
  roundId: number;
  gridId: number;
  disposition: CallDisposition;
  contactId?: number | null;
  interviewerId?: number | null;
  /** The response the call produced (complete interviews, screened-out ones). */
  responseId?: number | null;
  /**
   * When the call started and ended: an interview's length is its call's (docs/statistics.md#interviewers), so a
   * call that produced an interview carries both; unknown (null) for calls recorded without them.
   */
  startedAt?: string | null;
  endedAt?: string | null;
  createdAt?: string;
}

type CallParams = [number, number, number | null, number | null, string, number | null, string | null, string | null, string];

export class CallsRepo {
  private readonly insertStmt;
  private readonly finalStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<CallParams>(
      `INSERT INTO calls (round_id, grid_id, contact_id, interviewer_id, disposition, response_id, started_at, ended_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // The one place the final attempts are fetched: the rule is core/calls/final-disposition.ts `finalAttempts`
    // (latest attempt per roster contact; calls without a contact are cases of their own).
    // Grouped by interviewer and roster category too, so that the round's totals, the rates per unit and per
    // interviewer (core/calls/aapor-breakdown.ts) and the sweep's progress by category all read the same rows.
    this.finalStmt = db.prepare<[number, number], { grid_id: number; interviewer_id: number | null; category: string | null; roster: number; disposition: string; n: number }>(
      `SELECT f.grid_id, f.interviewer_id, c.category, (f.contact_id IS NOT NULL) AS roster, f.disposition, COUNT(*) AS n
       FROM calls f LEFT JOIN contacts c ON c.id = f.contact_id
       WHERE f.round_id = ? AND (f.contact_id IS NULL OR f.id IN (
         SELECT MAX(id) FROM calls WHERE round_id = ? AND contact_id IS NOT NULL GROUP BY contact_id))
       GROUP BY f.grid_id, f.interviewer_id, c.category, roster, f.disposition`,
    );
  }

  /** Inserts the calls in one transaction, all or none. Returns how many were written. */
  insertMany(calls: NewCall[]): number {
    return writeTransaction(this.db, () => {
      const now = new Date().toISOString();
      for (const c of calls) {
        this.insertStmt.run(
          c.roundId, c.gridId, c.contactId ?? null, c.interviewerId ?? null, c.disposition, c.responseId ?? null, c.startedAt ?? null, c.endedAt ?? null, c.createdAt ?? now,
        );
      }
      return calls.length;
    });
  }

  /** Counts of the final attempts of a round's phone cases, per grid, interviewer, category and disposition. */
  finalDispositionRows(roundId: number): FinalDispositionRow[] {
    return this.finalStmt
      .all(roundId, roundId)
      .map((r) => ({ gridId: r.grid_id, interviewerId: r.interviewer_id, category: r.category, fromRoster: r.roster === 1, disposition: r.disposition, n: r.n }));
  }

  /** Final dispositions of a round's phone cases, every disposition present (0 when none); only these grids if given. */
  countsByDisposition(roundId: number, gridIds?: number[]): DispositionCounts {
    return countFinalDispositions(this.finalDispositionRows(roundId), gridIds);
  }
}
