// Staff accounts and their failed-login counts, as SQL. How a password is stored and checked is passwords.ts's, when
// a login may be tried and when failures are forgotten is core/login-throttle.ts's (asked through accounts-service.ts).
// Sessions are in sessions-repo.ts, the administrator's account changes in accounts-repo.ts.
import type { Db } from '../../platform/db.js';
import { writeTransaction } from '../../platform/write-transaction.js';
import { hashPasswordSync } from './passwords.js';
import { STAFF_ROLES, type StaffRole, type StaffUser } from '../../core/auth/staff.js';

export interface NewStaffUser {
  username: string;
  displayName: string;
  password: string;
  role: StaffRole;
  unitId: number | null;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: string;
  unit_id: number | null;
}

interface UserAuthRow extends UserRow {
  password_hash: string;
}

function isRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

function toUser(row: UserRow): StaffUser {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has unknown role ${row.role}`);
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, unitId: row.unit_id };
}

/** Failed logins since the last success (see features/accounts/core/login-throttle.ts). */
export interface LoginFailures {
  failures: number;
  /** ISO time of the last attempt counted. */
  lastAt: string;
}

/** A burst of failures at one account, reported once: how many and from how many addresses. */
export interface LoginAlert {
  failures: number;
  addresses: number;
}

const USER_COLUMNS = 'id, username, display_name, role, unit_id';

export class UsersRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byUsernameStmt;
  private readonly authStmt;
  private readonly listStmt;
  private readonly setPasswordStmt;
  private readonly failuresStmt;
  private readonly countFailureStmt;
  private readonly clearFailuresStmt;
  private readonly forgetFailuresStmt;
  private readonly pairFailuresStmt;
  private readonly addressFailuresStmt;
  private readonly countPairStmt;
  private readonly clearPairStmt;
  private readonly forgetPairsStmt;
  private readonly alertStmt;
  private readonly addressesStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<[string, string, string, string, number | null, string]>(
      'INSERT INTO users (username, display_name, password_hash, role, unit_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.byIdStmt = db.prepare<[number], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`);
    this.byUsernameStmt = db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE username = ?`);
    this.authStmt = db.prepare<[string], UserAuthRow>(
      `SELECT ${USER_COLUMNS}, password_hash FROM users WHERE username = ? AND active = 1`,
    );
    this.listStmt = db.prepare<[], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE active = 1 ORDER BY role, username`);
    this.setPasswordStmt = db.prepare<[string, number]>('UPDATE users SET password_hash = ? WHERE id = ?');
    this.failuresStmt = db.prepare<[string], { failures: number; last_at: string }>(
      'SELECT failures, last_at FROM login_failures WHERE username = ?',
    );
    this.countFailureStmt = db.prepare<[string, string]>(
      `INSERT INTO login_failures (username, failures, last_at) VALUES (?, 1, ?)
       ON CONFLICT (username) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at`,
    );
    this.clearFailuresStmt = db.prepare<[string]>('DELETE FROM login_failures WHERE username = ?');
    this.forgetFailuresStmt = db.prepare<[string]>('DELETE FROM login_failures WHERE last_at < ?');
    this.pairFailuresStmt = db.prepare<[string, string], { failures: number; last_at: string }>(
      'SELECT failures, last_at FROM login_failures_by_address WHERE username = ? AND address = ?',
    );
    this.addressFailuresStmt = db.prepare<[string], { failures: number | null; last_at: string | null }>(
      'SELECT SUM(failures) AS failures, MAX(last_at) AS last_at FROM login_failures_by_address WHERE address = ?',
    );
    this.countPairStmt = db.prepare<[string, string, string]>(
      `INSERT INTO login_failures_by_address (username, address, failures, last_at) VALUES (?, ?, 1, ?)
       ON CONFLICT (username, address) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at`,
    );
    this.clearPairStmt = db.prepare<[string, string]>('DELETE FROM login_failures_by_address WHERE username = ? AND address = ?');
    this.forgetPairsStmt = db.prepare<[string]>('DELETE FROM login_failures_by_address WHERE last_at < ?');
    this.alertStmt = db.prepare<[string, number], { failures: number }>(
      'UPDATE login_failures SET alerted = 1 WHERE username = ? AND alerted = 0 AND failures >= ? RETURNING failures',
    );
    this.addressesStmt = db.prepare<[string], number>('SELECT COUNT(*) FROM login_failures_by_address WHERE username = ?').pluck();
  }

  create(input: NewStaffUser): StaffUser {
    const info = this.insertStmt.run(
      input.username,
      input.displayName,
      hashPasswordSync(input.password),
      input.role,
      input.unitId,
      new Date().toISOString(),
    );
    const user = this.getById(Number(info.lastInsertRowid));
    if (!user) throw new Error('user vanished after insert');
    return user;
  }

  /** The active user with this username and their stored password hash (checked by accounts-service.ts). */
  credentials(username: string): { user: StaffUser; passwordHash: string } | undefined {
    const row = this.authStmt.get(username);
    return row ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
  }

  /** Failed logins counted for this username (known or not: the count must not tell which names exist). */
  loginFailures(username: string): LoginFailures | undefined {
    const row = this.failuresStmt.get(username);
    return row ? { failures: row.failures, lastAt: row.last_at } : undefined;
  }

  /** Failed logins of this username from this address. */
  pairFailures(username: string, address: string): LoginFailures | undefined {
    const row = this.pairFailuresStmt.get(username, address);
    return row ? { failures: row.failures, lastAt: row.last_at } : undefined;
  }

  /** Failed logins from this address at any username, with the last one's time. */
  addressFailures(address: string): LoginFailures | undefined {
    const row = this.addressFailuresStmt.get(address);
    return row?.failures && row.last_at ? { failures: row.failures, lastAt: row.last_at } : undefined;
  }

  /**
   * Counts one more attempt against the username, in total and from this address. When the username's count reaches
   * `alertAt` for the first time since it was last cleared, `alert` is called in the same transaction (the audit entry).
   */
  countLoginAttempt(username: string, address: string, at: Date, alertAt: number, alert: (burst: LoginAlert) => void): void {
    writeTransaction(this.db, () => {
      this.countFailureStmt.run(username, at.toISOString());
      this.countPairStmt.run(username, address, at.toISOString());
      const raised = this.alertStmt.get(username, alertAt);
      if (raised) alert({ failures: raised.failures, addresses: this.addressesStmt.get(username) ?? 0 });
    });
  }

  /** Forgets the failure counts last touched before `cutoff`. */
  forgetLoginFailures(cutoff: Date): void {
    this.forgetFailuresStmt.run(cutoff.toISOString());
    this.forgetPairsStmt.run(cutoff.toISOString());
  }

  /** After a success: this address starts over at this username, and so does the username's alert count. */
  clearLoginFailures(username: string, address: string): void {
    this.clearFailuresStmt.run(username);
    this.clearPairStmt.run(username, address);
  }

  getById(id: number): StaffUser | undefined {
    const row = this.byIdStmt.get(id);
    return row ? toUser(row) : undefined;
  }

  getByUsername(username: string): StaffUser | undefined {
    const row = this.byUsernameStmt.get(username);
    return row ? toUser(row) : undefined;
  }

  list(): StaffUser[] {
    return this.listStmt.all().map(toUser);
  }

  setPassword(userId: number, password: string): void {
    this.setPasswordStmt.run(hashPasswordSync(password), userId);
  }
}
