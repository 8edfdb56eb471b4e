// Taking back an accepted held response (待核查 reversed from 采纳 to 剔除): the response that acceptance
// stored is removed with its answers (ON DELETE CASCADE), its receipts and the use of its invite, so the round's counts
// and results are again what they were before it was accepted. Whether it may be taken back (no receipt of it worked
// on yet) is the review service's decision (review-service.ts). Runs inside the caller's transaction; SQL only.
import type { Db } from '../../platform/db.js';

export class AcceptedWithdrawal {
  private readonly workedReceiptsStmt;
  private readonly deleteReceiptsStmt;
  private readonly releaseInviteStmt;
  private readonly deleteResponseStmt;

  constructor(db: Db) {
    this.workedReceiptsStmt = db.prepare<[number], { n: number }>(
      `SELECT COUNT(*) AS n FROM receipts WHERE response_id = ?
         AND (state IN ('assigned', 'answered', 'closed') OR assignee_id IS NOT NULL OR closed_by IS NOT NULL OR answered_by IS NOT NULL)`,
    );
    this.deleteReceiptsStmt = db.prepare<[number]>('DELETE FROM receipts WHERE response_id = ?');
    this.releaseInviteStmt = db.prepare<[number]>('UPDATE invites SET used_at = NULL, response_id = NULL WHERE response_id = ?');
    this.deleteResponseStmt = db.prepare<[number]>('DELETE FROM responses WHERE id = ?');
  }

  /** Receipts of the response someone has worked on (assigned, answered, closed, or dismissed by a person). */
  workedReceipts(responseId: number): number {
    return this.workedReceiptsStmt.get(responseId)?.n ?? 0;
  }

  /** Removes the stored response; returns how many receipts went with it. */
  remove(responseId: number): number {
    const receipts = this.deleteReceiptsStmt.run(responseId).changes;
    this.releaseInviteStmt.run(responseId);
    if (this.deleteResponseStmt.run(responseId).changes !== 1) throw new Error(`accepted response ${responseId} vanished`);
    return receipts;
  }
}
