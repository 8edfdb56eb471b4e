// Counts of phone attempts for the CATI progress panels: one interviewer's, and every interviewer's over some grids.
import type { Db } from '../../platform/db.js';

export interface InterviewerTally {
  interviewerId: number;
  calls: number;
  completes: number;
  callsToday: number;
  completesToday: number;
}

interface TallyRow {
  interviewer_id: number;
  calls: number;
  completes: number | null;
  calls_today: number | null;
  completes_today: number | null;
}

function tallyOf(row: TallyRow): InterviewerTally {
  return {
    interviewerId: row.interviewer_id,
    calls: row.calls,
    completes: row.completes ?? 0,
    callsToday: row.calls_today ?? 0,
    completesToday: row.completes_today ?? 0,
  };
}

const TALLY = `SELECT interviewer_id, COUNT(*) AS calls, SUM(disposition = 'complete') AS completes,
  SUM(created_at >= @since) AS calls_today, SUM(disposition = 'complete' AND created_at >= @since) AS completes_today
  FROM calls`;

export class CatiProgressReads {
  private readonly mineStmt;
  private readonly byInterviewerStmt;

  constructor(db: Db) {
    this.mineStmt = db.prepare<[{ since: string; round: number; interviewer: number }], TallyRow>(
      `${TALLY} WHERE round_id = @round AND interviewer_id = @interviewer GROUP BY interviewer_id`,
    );
    this.byInterviewerStmt = db.prepare<[{ since: string; round: number; grids: string }], TallyRow>(
      `${TALLY} WHERE round_id = @round AND interviewer_id IS NOT NULL AND grid_id IN (SELECT value FROM json_each(@grids))
       GROUP BY interviewer_id ORDER BY interviewer_id`,
    );
  }

  /** One interviewer's attempts and completes in the round, in all and since `since` (the start of today). */
  mine(roundId: number, interviewerId: number, since: string): InterviewerTally {
    const row = this.mineStmt.get({ since, round: roundId, interviewer: interviewerId });
    return row ? tallyOf(row) : { interviewerId, calls: 0, completes: 0, callsToday: 0, completesToday: 0 };
  }

  /** Every interviewer's attempts on numbers of these grids in the round. */
  byInterviewer(roundId: number, gridIds: readonly number[], since: string): InterviewerTally[] {
    return this.byInterviewerStmt.all({ since, round: roundId, grids: JSON.stringify(gridIds) }).map(tallyOf);
  }
}
