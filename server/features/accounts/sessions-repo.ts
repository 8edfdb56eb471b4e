// Staff login sessions. Only a SHA-256 of the random id the browser holds is stored, so a copy of the database cannot
// be used to log in. When a session is over (idle too long, past its lifetime) is decided in features/accounts/core/
// session-rules.ts and passed in as instants; this file only stores and fetches.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db.js';
import type { StaffUser } from '../../core/auth/staff.js';
import { isStaffRole } from './core/account-rules.js';
import type { SessionTimes } from './core/session-rules.js';

export interface LiveSession {
  /** The stored key (hash) of the session, for touching or ending it. */
  key: string;
  user: StaffUser;
  /** False when the account was disabled after this session started: the session must be refused. */
  active: boolean;
  mustChangePassword: boolean;
  lastSeenAt: string;
}

interface SessionRow {
  key: string;
  last_seen_at: string;
  id: number;
  username: string;
  display_name: string;
  role: string;
  unit_id: number | null;
  active: number;
  must_change_password: number;
}

export function sessionKey(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function toLive(row: SessionRow): LiveSession {
  if (!isStaffRole(row.role)) throw new Error(`user ${row.id} has unknown role ${row.role}`);
  return {
    key: row.key,
    user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role, unitId: row.unit_id },
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    lastSeenAt: row.last_seen_at,
  };
}

export class SessionsRepo {
  private readonly insertStmt;
  private readonly lookupStmt;
  private readonly touchStmt;
  private readonly deleteStmt;
  private readonly deleteOverStmt;
  private readonly deleteForUserStmt;
  private readonly deleteOthersStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, number, string, string, string]>(
      'INSERT INTO sessions (id, user_id, created_at, expires_at, last_seen_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.lookupStmt = db.prepare<[{ key: string; now: string; idle: string }], SessionRow>(
      `SELECT s.id AS key, s.last_seen_at, u.id, u.username, u.display_name, u.role, u.unit_id, u.active, u.must_change_password
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = @key AND s.expires_at > @now AND s.last_seen_at > @idle`,
    );
    this.touchStmt = db.prepare<[string, string]>('UPDATE sessions SET last_seen_at = ? WHERE id = ?');
    this.deleteStmt = db.prepare<[string]>('DELETE FROM sessions WHERE id = ?');
    this.deleteOverStmt = db.prepare<[string, string]>('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?');
    this.deleteForUserStmt = db.prepare<[number]>('DELETE FROM sessions WHERE user_id = ?');
    this.deleteOthersStmt = db.prepare<[number, string]>('DELETE FROM sessions WHERE user_id = ? AND id <> ?');
  }

  /** Starts a session and returns the id for the cookie; sessions that are over are cleared on the way. */
  create(userId: number, times: SessionTimes, idleCutoff: string): string {
    const id = randomBytes(32).toString('base64url');
    this.deleteOverStmt.run(times.createdAt, idleCutoff);
    this.insertStmt.run(sessionKey(id), userId, times.createdAt, times.expiresAt, times.createdAt);
    return id;
  }

  /** The session with this cookie id that is not over at `now` (idle since `idleCutoff` counts as over). */
  find(id: string, now: string, idleCutoff: string): LiveSession | undefined {
    const row = this.lookupStmt.get({ key: sessionKey(id), now, idle: idleCutoff });
    return row ? toLive(row) : undefined;
  }

  touch(key: string, now: string): void {
    this.touchStmt.run(now, key);
  }

  /** Ends the session with this cookie id. */
  end(id: string): void {
    this.deleteStmt.run(sessionKey(id));
  }

  /** Ends the session with this stored key. */
  endByKey(key: string): void {
    this.deleteStmt.run(key);
  }

  /** Ends every session of the account; returns how many there were. Call inside the change's transaction. */
  endAllOf(userId: number): number {
    return this.deleteForUserStmt.run(userId).changes;
  }

  /** Ends every session of the account except the one with this stored key (the browser that made the change). */
  endOthersOf(userId: number, keepKey: string): number {
    return this.deleteOthersStmt.run(userId, keepKey).changes;
  }
}
