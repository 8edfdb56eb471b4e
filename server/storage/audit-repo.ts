// The audit log: who changed what and when (PRODUCT.md §9). Rows are only ever added.
import type { Db } from './db.js';

export interface AuditEntry {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  detail: string | null;
}

interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  detail: string | null;
}

function toEntry(row: AuditRow): AuditEntry {
  return { id: row.id, at: row.at, userId: row.user_id, username: row.username, action: row.action, detail: row.detail };
}

const SELECT = `SELECT a.id, a.at, a.user_id, u.username, a.action, a.detail
                  FROM audit_log a LEFT JOIN users u ON u.id = a.user_id`;

export class AuditRepo {
  private readonly insertStmt;
  private readonly byActionStmt;
  private readonly forRoundStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number | null, string, string | null]>(
      'INSERT INTO audit_log (at, user_id, action, detail) VALUES (?, ?, ?, ?)',
    );
    this.byActionStmt = db.prepare<[string, number], AuditRow>(`${SELECT} WHERE a.action = ? ORDER BY a.id DESC LIMIT ?`);
    this.forRoundStmt = db.prepare<[string], AuditRow>(
      `${SELECT} WHERE a.action LIKE 'round.%' AND json_extract(a.detail, '$.round') = ? ORDER BY a.id`,
    );
  }

  /**
   * Records one action. `detail` is stored as JSON; it must never hold a phone number or an invite token.
   * Call it inside the same db.transaction as the change it records.
   */
  record(userId: number | null, action: string, detail?: Record<string, unknown>): void {
    this.insertStmt.run(new Date().toISOString(), userId, action, detail === undefined ? null : JSON.stringify(detail));
  }

  /** The latest entries of one action, newest first. */
  byAction(action: string, limit = 100): AuditEntry[] {
    return this.byActionStmt.all(action, limit).map(toEntry);
  }

  /** The history of one round (created, opened, closed …), oldest first. */
  forRound(roundCode: string): AuditEntry[] {
    return this.forRoundStmt.all(roundCode).map(toEntry);
  }
}
