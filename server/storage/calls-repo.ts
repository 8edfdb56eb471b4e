// Phone interview attempts and their AAPOR dispositions (table `calls`). The AAPOR rates of a round come from these.
import type { Db } from './db.js';
import type { CallDisposition } from '../domain/calls/call.js';

export type { CallDisposition };

export const CALL_DISPOSITIONS: readonly CallDisposition[] = [
  'complete', 'partial', 'refusal', 'non_contact', 'other', 'unknown_household', 'unknown_other', 'not_eligible',
];

export interface NewCall {
  roundId: number;
  gridId: number;
  disposition: CallDisposition;
  contactId?: number | null;
  interviewerId?: number | null;
  /** The response the call produced (complete interviews, screened-out ones). */
  responseId?: number | null;
  createdAt?: string;
}

export type DispositionCounts = Record<CallDisposition, number>;

type CallParams = [number, number, number | null, number | null, string, number | null, string];

function emptyCounts(): DispositionCounts {
  return { complete: 0, partial: 0, refusal: 0, non_contact: 0, other: 0, unknown_household: 0, unknown_other: 0, not_eligible: 0 };
}

function isDisposition(value: string): value is CallDisposition {
  return (CALL_DISPOSITIONS as readonly string[]).includes(value);
}

export class CallsRepo {
  private readonly insertStmt;
  private readonly countsStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<CallParams>(
      `INSERT INTO calls (round_id, grid_id, contact_id, interviewer_id, disposition, response_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    // As in the results: a roster contact's final disposition is its latest attempt; calls without a contact are
    // cases of their own.
    this.countsStmt = db.prepare<[number, number], { grid_id: number; disposition: string; n: number }>(
      `SELECT grid_id, disposition, COUNT(*) AS n FROM calls
       WHERE round_id = ? AND (contact_id IS NULL OR id IN (
         SELECT MAX(id) FROM calls WHERE round_id = ? AND contact_id IS NOT NULL GROUP BY contact_id))
       GROUP BY grid_id, disposition`,
    );
  }

  /** Inserts the calls in one transaction, all or none. Returns how many were written. */
  insertMany(calls: NewCall[]): number {
    return this.db.transaction((input: NewCall[]) => {
      const now = new Date().toISOString();
      for (const c of input) {
        this.insertStmt.run(c.roundId, c.gridId, c.contactId ?? null, c.interviewerId ?? null, c.disposition, c.responseId ?? null, c.createdAt ?? now);
      }
      return input.length;
    })(calls);
  }

  /** Final dispositions of a round's phone cases, every disposition present (0 when none); only these grids if given. */
  countsByDisposition(roundId: number, gridIds?: number[]): DispositionCounts {
    const only = gridIds ? new Set(gridIds) : undefined;
    const counts = emptyCounts();
    for (const row of this.countsStmt.all(roundId, roundId)) {
      if (only && !only.has(row.grid_id)) continue;
      if (isDisposition(row.disposition)) counts[row.disposition] += row.n;
    }
    return counts;
  }
}
