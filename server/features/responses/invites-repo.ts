// One-time invite links (/g/:gridCode?invite=TOKEN). Only a SHA-256 hash of each token is stored, so a copy of the
// database does not give away usable links.
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../platform/db.js';
import { writeTransaction } from '../../platform/write-transaction.js';

export interface Invite {
  id: number;
  roundId: number;
  gridId: number;
  createdAt: string;
  usedAt: string | null;
  responseId: number | null;
}

export type InviteCheck =
  | { status: 'valid'; invite: Invite }
  | { status: 'used'; invite: Invite }
  | { status: 'unknown' };

interface InviteRow {
  id: number;
  round_id: number;
  grid_id: number;
  created_at: string;
  used_at: string | null;
  response_id: number | null;
}

/** Tokens are 24 random bytes in base64url (32 characters); anything else cannot be one. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export class InvitesRepo {
  private readonly insertStmt;
  private readonly byHashStmt;
  private readonly useStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare<[number, number, string, string]>(
      'INSERT INTO invites (round_id, grid_id, token_hash, created_at) VALUES (?, ?, ?, ?)',
    );
    this.byHashStmt = db.prepare<[string], InviteRow>(
      'SELECT id, round_id, grid_id, created_at, used_at, response_id FROM invites WHERE token_hash = ?',
    );
    this.useStmt = db.prepare<[string, number, number]>(
      // A household code of a voided batch (features/invites, migration 029) answers no more, even if it was checked
      // good a moment before: the void and this use are decided by whichever commits first.
      `UPDATE invites SET used_at = ?, response_id = ? WHERE id = ? AND used_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM invite_batches b WHERE b.id = invites.batch_id AND b.voided_at IS NOT NULL)`,
    );
  }

  /** Creates `count` invites for a grid in a round and returns the raw tokens (shown once, never stored). */
  create(roundId: number, gridId: number, count: number): string[] {
    const now = new Date().toISOString();
    return writeTransaction(this.db, () => {
      const tokens: string[] = [];
      for (let i = 0; i < count; i++) {
        const token = randomBytes(24).toString('base64url');
        this.insertStmt.run(roundId, gridId, hashInviteToken(token), now);
        tokens.push(token);
      }
      return tokens;
    });
  }

  check(token: string): InviteCheck {
    if (!TOKEN_PATTERN.test(token)) return { status: 'unknown' };
    const row = this.byHashStmt.get(hashInviteToken(token));
    if (!row) return { status: 'unknown' };
    const invite: Invite = {
      id: row.id,
      roundId: row.round_id,
      gridId: row.grid_id,
      createdAt: row.created_at,
      usedAt: row.used_at,
      responseId: row.response_id,
    };
    return invite.usedAt === null ? { status: 'valid', invite } : { status: 'used', invite };
  }

  /** Marks an invite used by a response; false when it was already used (a race lost). Call inside a transaction. */
  markUsed(inviteId: number, responseId: number, at: string): boolean {
    return this.useStmt.run(at, responseId, inviteId).changes === 1;
  }
}
