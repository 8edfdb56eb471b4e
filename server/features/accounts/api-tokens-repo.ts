// API tokens (migration 008). The secret is made here and handed back once; only its SHA-256 is stored, so neither
// the database nor a backup of it can be used to call the API. What a token may reach is decided in
// features/accounts/core/api-token.ts.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db.js';
import { TOKEN_PREFIX, type ApiToken } from './core/api-token.js';
import { UNIT_LEVELS, type UnitLevel } from '../../core/units/unit.js';

export interface NewApiToken {
  name: string;
  unitId: number | null;
  createdBy: number | null;
}

interface TokenRow {
  id: number;
  name: string;
  unit_id: number | null;
  unit_code: string | null;
  unit_name: string | null;
  unit_level: string | null;
  created_by: number | null;
  created_by_name: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

function isLevel(value: string): value is UnitLevel {
  return (UNIT_LEVELS as readonly string[]).includes(value);
}

function toToken(row: TokenRow): ApiToken {
  const level = row.unit_level;
  if (level !== null && !isLevel(level)) throw new Error(`api token ${row.id} points at a unit of unknown level ${level}`);
  return {
    id: row.id,
    name: row.name,
    unitId: row.unit_id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    unitLevel: level,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

/** The stored form of a token: a plain SHA-256 suffices for 256 random bits (no dictionary to try). */
export function tokenHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

const SELECT = `SELECT t.id, t.name, t.unit_id, u.code AS unit_code, u.name AS unit_name, u.level AS unit_level,
                       t.created_by, s.display_name AS created_by_name, t.created_at, t.last_used_at, t.revoked_at
                  FROM api_tokens t
                  LEFT JOIN units u ON u.id = t.unit_id
                  LEFT JOIN users s ON s.id = t.created_by`;

export class ApiTokensRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly activeByHashStmt;
  private readonly listStmt;
  private readonly revokeStmt;
  private readonly recordUseStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, string, number | null, number | null, string]>(
      'INSERT INTO api_tokens (name, token_hash, unit_id, created_by, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.byIdStmt = db.prepare<[number], TokenRow>(`${SELECT} WHERE t.id = ?`);
    this.activeByHashStmt = db.prepare<[string], TokenRow>(`${SELECT} WHERE t.token_hash = ? AND t.revoked_at IS NULL`);
    this.listStmt = db.prepare<[], TokenRow>(`${SELECT} ORDER BY t.revoked_at IS NOT NULL, t.id DESC`);
    this.revokeStmt = db.prepare<[string, number]>('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.recordUseStmt = db.prepare<[string, number]>('UPDATE api_tokens SET last_used_at = ? WHERE id = ?');
  }

  /** Stores a new token and returns it with its secret: the only time the secret exists outside the caller. */
  issue(input: NewApiToken): { token: ApiToken; secret: string } {
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const info = this.insertStmt.run(input.name, tokenHash(secret), input.unitId, input.createdBy, new Date().toISOString());
    const token = this.getById(Number(info.lastInsertRowid));
    if (!token) throw new Error('api token vanished after insert');
    return { token, secret };
  }

  getById(id: number): ApiToken | undefined {
    const row = this.byIdStmt.get(id);
    return row ? toToken(row) : undefined;
  }

  /** The token this secret belongs to, unless it is unknown or revoked. */
  findActive(secret: string): ApiToken | undefined {
    const row = this.activeByHashStmt.get(tokenHash(secret));
    return row ? toToken(row) : undefined;
  }

  /** Active tokens first, newest first. */
  list(): ApiToken[] {
    return this.listStmt.all().map(toToken);
  }

  /** Revokes an active token; false when it was already revoked or does not exist. */
  revoke(id: number): boolean {
    return this.revokeStmt.run(new Date().toISOString(), id).changes === 1;
  }

  recordUse(id: number, at: Date): void {
    this.recordUseStmt.run(at.toISOString(), id);
  }
}
