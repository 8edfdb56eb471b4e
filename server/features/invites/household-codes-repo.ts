// Invite-only rounds and their household codes (migration 029). A code is a row of `invites` with its batch; only its
// keyed hash is stored (household-keys.ts). Generating and voiding write their audit entry in the same transaction.
// A code is consumed by the response that uses it, in that response's own transaction (responses/invites-repo.ts).
import type { Db } from '../../platform/db.js';
import { writeTransaction } from '../../platform/write-transaction.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { Actor } from '../../core/auth/actor.js';
import { HouseholdKeys } from './household-keys.js';

export interface InviteBatch {
  id: number;
  roundId: number;
  gridId: number;
  size: number;
  salt: string;
  createdAt: string;
  voidedAt: string | null;
  /** Codes of the batch already used by a counted response. */
  used: number;
}

/** A stored code as the resident form looks it up. */
export interface StoredCode {
  inviteId: number;
  gridId: number;
  used: boolean;
  voided: boolean;
  /** An answer with this code waits for anomaly review: the code is not free for another answer meanwhile. */
  held: boolean;
}

interface BatchRow {
  id: number;
  round_id: number;
  grid_id: number;
  size: number;
  salt: string;
  created_at: string;
  voided_at: string | null;
  used: number;
}

const BATCH_COLUMNS = `b.id, b.round_id, b.grid_id, b.size, b.salt, b.created_at, b.voided_at,
  (SELECT COUNT(*) FROM invites i WHERE i.batch_id = b.id AND i.used_at IS NOT NULL) AS used`;

/** Tries with a fresh salt when a derived code collides with one already in the round (about 1 in 10^6 batches). */
const COLLISION_TRIES = 3;

function toBatch(row: BatchRow): InviteBatch {
  return {
    id: row.id, roundId: row.round_id, gridId: row.grid_id, size: row.size, salt: row.salt, createdAt: row.created_at,
    voidedAt: row.voided_at, used: row.used,
  };
}

export class HouseholdCodesRepo {
  private readonly markStmt;
  private readonly isMarkedStmt;
  private readonly insertBatchStmt;
  private readonly insertCodeStmt;
  private readonly batchStmt;
  private readonly batchesStmt;
  private readonly lookupStmt;
  private readonly voidStmt;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditRepo,
    readonly keys: HouseholdKeys,
  ) {
    this.markStmt = db.prepare<[number, string]>('INSERT OR IGNORE INTO invite_only_rounds (round_id, created_at) VALUES (?, ?)');
    this.isMarkedStmt = db.prepare<[number], { n: number }>('SELECT COUNT(*) AS n FROM invite_only_rounds WHERE round_id = ?');
    this.insertBatchStmt = db.prepare<[number, number, number, string, string, number | null]>(
      'INSERT INTO invite_batches (round_id, grid_id, size, salt, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.insertCodeStmt = db.prepare<[number, number, string, string, number]>(
      'INSERT INTO invites (round_id, grid_id, token_hash, created_at, batch_id) VALUES (?, ?, ?, ?, ?)',
    );
    this.batchStmt = db.prepare<[number], BatchRow>(`SELECT ${BATCH_COLUMNS} FROM invite_batches b WHERE b.id = ?`);
    this.batchesStmt = db.prepare<[number], BatchRow>(`SELECT ${BATCH_COLUMNS} FROM invite_batches b WHERE b.round_id = ? ORDER BY b.id`);
    this.lookupStmt = db.prepare<[string, number], { id: number; grid_id: number; used_at: string | null; voided_at: string | null; held: number }>(
      `SELECT i.id, i.grid_id, i.used_at, b.voided_at,
         EXISTS (SELECT 1 FROM held_responses h WHERE h.invite_id = i.id AND h.review = 'held') AS held
       FROM invites i JOIN invite_batches b ON b.id = i.batch_id WHERE i.token_hash = ? AND i.round_id = ?`,
    );
    this.voidStmt = db.prepare<[string, number | null, number]>(
      'UPDATE invite_batches SET voided_at = ?, voided_by = ? WHERE id = ? AND voided_at IS NULL',
    );
  }

  /** Makes a round invite-only; call inside the transaction that creates the round (it records the audit entry). */
  markInviteOnly(roundId: number): void {
    this.markStmt.run(roundId, new Date().toISOString());
  }

  isInviteOnly(roundId: number): boolean {
    return (this.isMarkedStmt.get(roundId)?.n ?? 0) > 0;
  }

  /** A new batch of `size` codes for a grid, with its audit entry; returns the batch (its codes: keys.codes). */
  createBatch(input: { roundId: number; roundCode: string; gridId: number; gridCode: string; size: number }, actor: Actor): InviteBatch {
    for (let attempt = 1; ; attempt++) {
      try {
        return writeTransaction(this.db, () => this.insertBatch(input, actor));
      } catch (err) {
        const collided = err instanceof Error && 'code' in err && err.code === 'SQLITE_CONSTRAINT_UNIQUE';
        if (!collided || attempt >= COLLISION_TRIES) throw err;
      }
    }
  }

  private insertBatch(input: { roundId: number; roundCode: string; gridId: number; gridCode: string; size: number }, actor: Actor): InviteBatch {
    const now = new Date().toISOString();
    const salt = HouseholdKeys.salt();
    const info = this.insertBatchStmt.run(input.roundId, input.gridId, input.size, salt, now, actor.userId);
    const batchId = Number(info.lastInsertRowid);
    for (const code of this.keys.codes(batchId, salt, input.size)) {
      this.insertCodeStmt.run(input.roundId, input.gridId, this.keys.hash(input.roundId, code), now, batchId);
    }
    this.audit.record(actor.userId, 'invite.generate', { round: input.roundCode, grid: input.gridCode, batch: batchId, count: input.size }, actor.client);
    return { id: batchId, roundId: input.roundId, gridId: input.gridId, size: input.size, salt, createdAt: now, voidedAt: null, used: 0 };
  }

  batch(batchId: number): InviteBatch | undefined {
    const row = this.batchStmt.get(batchId);
    return row ? toBatch(row) : undefined;
  }

  /** Every batch of a round, oldest first, with how many of its codes were used. */
  batches(roundId: number): InviteBatch[] {
    return this.batchesStmt.all(roundId).map(toBatch);
  }

  /** The stored code a resident typed in a round, or undefined when there is none. */
  lookup(roundId: number, code: string): StoredCode | undefined {
    const row = this.lookupStmt.get(this.keys.hash(roundId, code), roundId);
    if (!row) return undefined;
    return { inviteId: row.id, gridId: row.grid_id, used: row.used_at !== null, voided: row.voided_at !== null, held: row.held === 1 };
  }

  /**
   * Voids a batch: its unused codes answer no more (a used one keeps its answer). False when it was voided already
   * (two clicks, two people): the conditional UPDATE lets only one through, with its audit entry.
   */
  voidBatch(batch: InviteBatch, names: { roundCode: string; gridCode: string }, actor: Actor): boolean {
    return writeTransaction(this.db, () => {
      if (this.voidStmt.run(new Date().toISOString(), actor.userId, batch.id).changes !== 1) return false;
      const unused = batch.size - (this.batch(batch.id)?.used ?? 0);
      this.audit.record(actor.userId, 'invite.void', { round: names.roundCode, grid: names.gridCode, batch: batch.id, voided: unused }, actor.client);
      return true;
    });
  }
}
