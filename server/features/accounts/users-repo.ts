// Staff accounts and their failed-login counts. Passwords are scrypt hashes with a per-user salt. Sessions are in
// sessions-repo.ts, the administrator's account changes in accounts-repo.ts. Checking a password runs scrypt on
// libuv's thread pool (~20 ms of CPU): done on the event loop, a stream of wrong-password posts would stall every
// resident's form.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Db } from '../../platform/db.js';
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

// scrypt cost: N=2^14, r=8, p=1 (≈16 MB, tens of ms) — OWASP's minimum for scrypt, acceptable for a login form.
const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** scrypt off the event loop (node:crypto's callback form runs on the thread pool). */
export function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function formatHash(salt: Buffer, hash: Buffer): string {
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return formatHash(salt, await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT));
}

/** For setting up accounts outside any request (demo seed, CLI, tests): blocking is harmless there. */
export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16);
  return formatHash(salt, scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT));
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts;
  const expected = Buffer.from(hashB64, 'base64');
  if (expected.length === 0) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(saltB64, 'base64'), expected.length, options);
  return timingSafeEqual(actual, expected);
}

function isRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

function toUser(row: UserRow): StaffUser {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has unknown role ${row.role}`);
  return { id: row.id, username: row.username, displayName: row.display_name, role: row.role, unitId: row.unit_id };
}

// A hash with the same cost as real ones, checked against when the username is unknown so that the response time
// does not tell which usernames exist. Made on first use, off the event loop.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/** Failed logins of one username since its last success (see features/accounts/core/login-throttle.ts). */
export interface LoginFailures {
  failures: number;
  /** ISO time of the last attempt counted. */
  lastAt: string;
}

/** Failure counts untouched this long are forgotten, so the table holds only recent guessing. */
const FORGET_FAILURES_MS = 24 * 3600_000;

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

  /** The active user with this username and password, else undefined (same work either way, off the event loop). */
  async verify(username: string, password: string): Promise<StaffUser | undefined> {
    const row = this.authStmt.get(username);
    const ok = await checkPassword(password, row?.password_hash ?? (await dummy()));
    return row && ok ? toUser(row) : undefined;
  }

  /** Failed logins counted for this username (known or not: the count must not tell which names exist). */
  loginFailures(username: string): LoginFailures | undefined {
    const row = this.failuresStmt.get(username);
    return row ? { failures: row.failures, lastAt: row.last_at } : undefined;
  }

  /** Counts one more attempt against the username; cleared again by clearLoginFailures after a success. */
  countLoginAttempt(username: string, at: Date): void {
    this.forgetFailuresStmt.run(new Date(at.getTime() - FORGET_FAILURES_MS).toISOString());
    this.countFailureStmt.run(username, at.toISOString());
  }

  clearLoginFailures(username: string): void {
    this.clearFailuresStmt.run(username);
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
