// Staff accounts as the administrator's page manages them: create, scope, disable/enable, reset, and the holder's
// own password change and "sign out everywhere". Each change is one transaction with its audit entry; state changes
// are conditional UPDATEs checked with `changes === 1`, so two administrators acting at once cannot both win.
// Passwords arrive already hashed (features/accounts/passwords.ts hashes them, off the request's transaction). Each transaction
// takes the write lock up front (IMMEDIATE), so one that reads before it writes never fails to upgrade its lock.
import type { Db } from '../../platform/db.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { Actor } from '../../core/auth/actor.js';
import type { SessionsRepo } from './sessions-repo.js';
import type { StaffRole } from '../../core/auth/staff.js';
import { isStaffRole } from './core/account-rules.js';
import { UNIT_LEVELS, type UnitLevel } from '../../core/units/unit.js';
import { writeTransaction } from '../../platform/write-transaction.js';

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  unitLevel: UnitLevel | null;
  active: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  /** The latest request of any live or past session still stored; null when none. */
  lastSeenAt: string | null;
}

export interface NewAccount {
  username: string;
  displayName: string;
  passwordHash: string;
  role: StaffRole;
  unitId: number | null;
}

export interface AccountScopeValue {
  role: StaffRole;
  unitId: number | null;
}

interface AccountRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  unit_id: number | null;
  unit_code: string | null;
  unit_name: string | null;
  unit_level: string | null;
  active: number;
  must_change_password: number;
  created_at: string;
  last_seen_at: string | null;
}

function levelOf(value: string | null): UnitLevel | null {
  return UNIT_LEVELS.find((l) => l === value) ?? null;
}

function toAccount(row: AccountRow): Account {
  if (!isStaffRole(row.role)) throw new Error(`user ${row.id} has unknown role ${row.role}`);
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    unitId: row.unit_id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    unitLevel: levelOf(row.unit_level),
    active: row.active === 1,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
  };
}

const SELECT = `SELECT u.id, u.username, u.display_name, u.role, u.unit_id, n.code AS unit_code, n.name AS unit_name,
                       n.level AS unit_level, u.active, u.must_change_password, u.created_at,
                       (SELECT MAX(s.last_seen_at) FROM sessions s WHERE s.user_id = u.id) AS last_seen_at
                  FROM users u LEFT JOIN units n ON n.id = u.unit_id`;

export class AccountsRepo {
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly takenStmt;
  private readonly insertStmt;
  private readonly scopeStmt;
  private readonly activeStmt;
  private readonly passwordStmt;

  constructor(private readonly db: Db, private readonly audit: AuditRepo, private readonly sessions: SessionsRepo) {
    this.listStmt = db.prepare<[], AccountRow>(`${SELECT} ORDER BY u.active DESC, u.role, u.username`);
    this.byIdStmt = db.prepare<[number], AccountRow>(`${SELECT} WHERE u.id = ?`);
    this.takenStmt = db.prepare<[string], { id: number }>('SELECT id FROM users WHERE lower(username) = lower(?)');
    this.insertStmt = db.prepare<[string, string, string, string, number | null, string]>(
      `INSERT INTO users (username, display_name, password_hash, role, unit_id, created_at, must_change_password)
       VALUES (?, ?, ?, ?, ?, ?, 1)`,
    );
    this.scopeStmt = db.prepare<[{ id: number; role: string; unitId: number | null; oldRole: string; oldUnitId: number | null }]>(
      'UPDATE users SET role = @role, unit_id = @unitId WHERE id = @id AND role = @oldRole AND unit_id IS @oldUnitId',
    );
    this.activeStmt = db.prepare<[number, number, number]>('UPDATE users SET active = ? WHERE id = ? AND active = ?');
    this.passwordStmt = db.prepare<[string, number, string, number]>(
      'UPDATE users SET password_hash = ?, must_change_password = ?, password_changed_at = ? WHERE id = ?',
    );
  }

  list(): Account[] {
    return this.listStmt.all().map(toAccount);
  }

  get(id: number): Account | undefined {
    const row = this.byIdStmt.get(id);
    return row ? toAccount(row) : undefined;
  }

  /** Login names are compared without case, so "Admin" cannot sit beside "admin". */
  usernameTaken(username: string): boolean {
    return this.takenStmt.get(username) !== undefined;
  }

  /** Creates an account that must change its password at first login. */
  create(input: NewAccount, by: Actor, action = 'account.create'): Account {
    return writeTransaction(this.db, () => {
      const info = this.insertStmt.run(input.username, input.displayName, input.passwordHash, input.role, input.unitId, new Date().toISOString());
      const account = this.get(Number(info.lastInsertRowid));
      if (!account) throw new Error('account vanished after insert');
      this.audit.record(by.userId, action, { account: account.id, username: account.username, role: account.role, unit: account.unitCode }, by.client);
      return account;
    });
  }

  /** Gives the account a new role and unit, if it still has the scope the page showed (`from`). */
  changeScope(id: number, from: AccountScopeValue, to: AccountScopeValue, by: Actor): Account | undefined {
    return writeTransaction(this.db, () => {
      const params = { id, role: to.role, unitId: to.unitId, oldRole: from.role, oldUnitId: from.unitId };
      if (this.scopeStmt.run(params).changes !== 1) return undefined;
      const account = this.get(id);
      if (!account) return undefined;
      this.audit.record(by.userId, 'account.scope', { account: id, username: account.username, fromRole: from.role, role: to.role, unit: account.unitCode }, by.client);
      return account;
    });
  }

  /**
   * Disables or enables the account; false when it already was. A disabled account's sessions stop working at once
   * (every request re-reads the account); they are kept until used so that the refusal can be audited. Enabling
   * ends them, so a session from before the account was disabled does not come back to life.
   */
  setActive(id: number, active: boolean, by: Actor): boolean {
    return writeTransaction(this.db, () => {
      if (this.activeStmt.run(active ? 1 : 0, id, active ? 0 : 1).changes !== 1) return false;
      if (active) this.sessions.endAllOf(id);
      const account = this.get(id);
      this.audit.record(by.userId, active ? 'account.enable' : 'account.disable', { account: id, username: account?.username }, by.client);
      return true;
    });
  }

  /** Sets a one-time password the holder must change at first login, and ends the account's sessions. */
  resetPassword(id: number, passwordHash: string, by: Actor): boolean {
    return writeTransaction(this.db, () => {
      if (this.passwordStmt.run(passwordHash, 1, new Date().toISOString(), id).changes !== 1) return false;
      const ended = this.sessions.endAllOf(id);
      this.audit.record(by.userId, 'account.reset', { account: id, username: this.get(id)?.username, sessions: ended }, by.client);
      return true;
    });
  }

  /** The holder's own new password; other browsers signed in to the account are signed out. */
  changeOwnPassword(id: number, passwordHash: string, keepSessionKey: string, by: Actor): void {
    writeTransaction(this.db, () => {
      if (this.passwordStmt.run(passwordHash, 0, new Date().toISOString(), id).changes !== 1) throw new Error(`account ${id} vanished`);
      const ended = this.sessions.endOthersOf(id, keepSessionKey);
      this.audit.record(by.userId, 'account.password', { account: id, sessions: ended }, by.client);
    });
  }

  /** Ends every session of the account, this browser's included. */
  signOutEverywhere(id: number, by: Actor): number {
    return writeTransaction(this.db, () => {
      const ended = this.sessions.endAllOf(id);
      this.audit.record(by.userId, 'account.sign-out-all', { account: id, sessions: ended }, by.client);
      return ended;
    });
  }
}
