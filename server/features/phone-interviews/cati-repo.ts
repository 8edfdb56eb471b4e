// Phone-interview cases, claims and attempts (CATI): tables call_cases, call_claims, cati_rounds (migration 014) and
// the attempts in `calls`. What comes next and what an outcome does to a case are the domain's decisions
// (features/phone-interviews/core/next-number.ts, outcomes.ts); this file stores and fetches them. The few roster reads it needs (a
// contact's masked number, grid and status; the sealed number for the reveal) are written here against the columns
// of `contacts` so the CATI screens do not depend on the roster repository's shape.
import type { Db } from '../../platform/db.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { CallDisposition } from '../../core/calls/call.js';
import type { ContactStatus } from '../../core/calls/contact.js';
import type { CallOutcome } from './core/outcomes.js';
import {
  DEFAULT_RETRY_RULES, DRAW_POOLS, FINAL_DISPOSITIONS, firstCandidate, type CaseAfter, type CaseState, type DrawCandidate, type RetryRules,
} from './core/next-number.js';
import { CatiProgressReads } from './cati-progress.js';
import { prepareCatiStatements } from './cati-statements.js';
import { reusableWriteTransaction, writeTransaction } from '../../platform/write-transaction.js';

export type { InterviewerTally } from './cati-progress.js';

const FINAL_JSON = JSON.stringify(FINAL_DISPOSITIONS);

/** A number held by an interviewer, with what the call screen shows of it (never the number in clear). */
export interface HeldCall {
  contactId: number;
  roundId: number;
  gridId: number;
  interviewerId: number;
  masked: string;
  category: string | null;
  claimedAt: string;
  expiresAt: string;
  attempts: number;
  reached: boolean;
  closed: boolean;
}

/** An attempt's record, with the case it leaves behind (computed by the domain from the case read before). */
/** A round as the audit log names it (by code) and the tables key it (by id). */
export interface RoundRef {
  id: number;
  code: string;
}

export interface OutcomeWrite {
  roundId: number;
  roundCode: string;
  contactId: number;
  interviewerId: number;
  outcome: CallOutcome;
  disposition: CallDisposition;
  /** The case as read before the decision: the write applies only if it is still so. */
  before: CaseState;
  after: CaseAfter;
  mark?: ContactStatus;
  startedAt: string;
  endedAt: string;
}

/** The attempt could not be recorded: the number is not held by this interviewer in this round, or its case closed. */
export class NotYourCallError extends Error {
  constructor() {
    super('the number is not held by this interviewer, or its case is closed');
    this.name = 'NotYourCallError';
  }
}

/** Thrown inside the outcome transaction to roll it back with the response writer's answer. */
class ResponseRefused<T> extends Error {
  constructor(readonly result: T) {
    super('response refused');
  }
}

export class CatiRepo {
  readonly progress: CatiProgressReads;
  private readonly stmts;
  private readonly drawTxn;
  private readonly outcomeTxn;

  constructor(private readonly db: Db, private readonly audit: AuditRepo, private readonly openSealed: (sealed: string) => string | undefined) {
    this.progress = new CatiProgressReads(db);
    this.stmts = prepareCatiStatements(db);
    this.drawTxn = reusableWriteTransaction(db, (roundId: number, roundGridIds: readonly number[], interviewerId: number, gridIds: readonly number[], now: string, until: string) =>
      this.drawInside(roundId, roundGridIds, interviewerId, gridIds, now, until));
    this.outcomeTxn = reusableWriteTransaction(db, (w: OutcomeWrite, respond?: () => { responseId: number } | { refused: unknown }, guard?: () => void) => {
      // The caller's check inside the transaction (the round still open: features/phone-interviews/cati.ts), before any write.
      guard?.();
      this.recordInside(w, respond);
    });
  }

  /** The round's retry rules; the defaults until someone sets them. */
  rules(roundId: number): RetryRules {
    const row = this.stmts.rules.get(roundId);
    return row ? { maxAttempts: row.max_attempts, retryMinutes: row.retry_minutes } : { ...DEFAULT_RETRY_RULES };
  }

  /** Stores the round's retry rules (checked by the domain before) with their audit entry. */
  setRules(round: RoundRef, rules: RetryRules, userId: number): void {
    writeTransaction(this.db, () => {
      this.stmts.setRules.run(round.id, rules.maxAttempts, rules.retryMinutes);
      this.audit.record(userId, 'cati.rules', { round: round.code, ...rules });
    });
  }

  /**
   * Draws the next number of these grids for the interviewer and holds it until `until`; the number they already
   * hold in the round, if any. Undefined when no number is due. One immediate transaction: two interviewers asking at
   * the same instant, in this process or another, are served one after the other and never get the same number.
   */
  draw(roundId: number, roundGridIds: readonly number[], interviewerId: number, gridIds: readonly number[], now: Date, until: string): number | undefined {
    // A claim is a lease of minutes: losing the last ones in a power cut only frees those numbers early, so this
    // one transaction does not wait for the disk (synchronous=NORMAL; WAL keeps the file consistent). Outcomes and
    // responses keep the connection's FULL durability. Synchronous code: nothing else runs on the connection between.
    const durability = this.stmts.getSync.pluck().get();
    this.db.pragma('synchronous = NORMAL');
    try {
      return this.drawTxn(roundId, roundGridIds, interviewerId, gridIds, now.toISOString(), until);
    } finally {
      this.db.pragma(`synchronous = ${Number(durability)}`);
    }
  }

  /** The number this interviewer holds in the round (claim not yet expired), if any. */
  heldBy(roundId: number, interviewerId: number, now: Date): number | undefined {
    return this.stmts.heldBy.get(roundId, interviewerId, now.toISOString())?.contact_id;
  }

  /** The held call as the screen shows it; undefined unless this interviewer holds this number in this round. */
  heldCall(roundId: number, contactId: number, interviewerId: number): HeldCall | undefined {
    const row = this.stmts.held.get(contactId, roundId, interviewerId);
    if (!row) return undefined;
    return {
      contactId: row.contact_id, roundId: row.round_id, gridId: row.grid_id, interviewerId: row.interviewer_id,
      masked: row.phone_masked, category: row.category, claimedAt: row.claimed_at, expiresAt: row.expires_at,
      attempts: row.attempts, reached: row.reached === 1, closed: row.closed === 1,
    };
  }

  /**
   * The number in clear, for the interviewer who holds it and whose case is open; the reveal is audited (without
   * the number). Undefined when it is not theirs or the sealed number does not open.
   */
  reveal(round: RoundRef, contactId: number, interviewerId: number): string | undefined {
    const call = this.heldCall(round.id, contactId, interviewerId);
    if (!call || call.closed) return undefined;
    const sealed = this.stmts.sealed.get(contactId)?.phone_enc;
    const plain = sealed === undefined ? undefined : this.openSealed(sealed);
    this.audit.record(interviewerId, 'cati.reveal', { round: round.code, contact: contactId, opened: plain !== undefined });
    return plain;
  }

  /** Records an attempt; throws NotYourCallError (nothing stored) when the number is not held or its case moved on. */
  recordOutcome(w: OutcomeWrite, guard?: () => void): void {
    this.outcomeTxn(w, undefined, guard);
  }

  /**
   * Records a completed interview: the response (stored by `store`, inside this transaction) and the attempt that
   * links to it, or neither. Returns the store's answer; NotYourCallError as recordOutcome.
   */
  recordWithResponse<T extends { ok: boolean }>(w: OutcomeWrite, store: () => T, idOf: (stored: T) => number | undefined): T {
    let answer: T | undefined;
    try {
      this.outcomeTxn(w, () => {
        answer = store();
        const id = idOf(answer);
        return id === undefined ? { refused: answer } : { responseId: id };
      });
    } catch (err) {
      if (err instanceof ResponseRefused && answer !== undefined) return answer;
      throw err;
    }
    if (answer === undefined) throw new Error('recordWithResponse: the response was not stored');
    return answer;
  }

  private drawInside(roundId: number, roundGridIds: readonly number[], interviewerId: number, gridIds: readonly number[], now: string, until: string): number | undefined {
    const held = this.stmts.heldBy.get(roundId, interviewerId, now)?.contact_id;
    if (held !== undefined) return held;
    this.syncCases(roundId, roundGridIds);
    for (let tries = 0; tries < 5; tries++) {
      const next = this.headOfPools(roundId, gridIds, now);
      if (!next) return undefined;
      // Conditional: a live claim of someone else is never taken over; an expired one is.
      const taken = this.stmts.claim.run(next.contactId, roundId, interviewerId, now, until, now);
      if (taken.changes === 1) return next.contactId;
    }
    return undefined;
  }

  private headOfPools(roundId: number, gridIds: readonly number[], now: string): DrawCandidate | undefined {
    for (const pool of DRAW_POOLS) {
      const heads: DrawCandidate[] = [];
      for (const gridId of gridIds) {
        const row = this.stmts.head.get(roundId, gridId, pool, now, now);
        if (row) heads.push({ contactId: row.contact_id, gridId, pool, nextDueAt: row.next_due_at, drawKey: row.draw_key });
      }
      const best = firstCandidate(heads);
      if (best) return best;
    }
    return undefined;
  }

  /** Adds a case for every roster contact of the round's grids added since the last draw, starting from the calls it
   * already has in the round (domain FINAL_DISPOSITIONS close it). */
  private syncCases(roundId: number, roundGridIds: readonly number[]): void {
    this.stmts.ensureRound.run(roundId);
    const synced = this.stmts.synced.get(roundId)?.synced_contact_id ?? 0;
    const newest = this.stmts.newestContact.get()?.id ?? 0;
    if (newest <= synced) return;
    this.stmts.addCases.run({ round: roundId, after: synced, upTo: newest, grids: JSON.stringify(roundGridIds), final: FINAL_JSON });
    this.stmts.setSynced.run(newest, roundId);
  }

  private recordInside(w: OutcomeWrite, respond?: () => { responseId: number } | { refused: unknown }): void {
    if (this.stmts.release.run(w.contactId, w.roundId, w.interviewerId).changes !== 1) throw new NotYourCallError();
    const { after, before } = w;
    const moved = this.stmts.updateCase.run(
      after.pool, after.nextDueAt, after.attempts, after.reached ? 1 : 0, after.closed ? 1 : 0,
      w.roundId, w.contactId, before.attempts,
    );
    if (moved.changes !== 1) throw new NotYourCallError();
    let responseId: number | null = null;
    if (respond) {
      const stored = respond();
      if ('refused' in stored) throw new ResponseRefused(stored.refused);
      responseId = stored.responseId;
    }
    this.stmts.insertCall.run({
      round: w.roundId, contact: w.contactId, interviewer: w.interviewerId, disposition: w.disposition, outcome: w.outcome,
      response: responseId, started: w.startedAt, ended: w.endedAt,
    });
    if (w.mark) this.stmts.markContact.run(w.mark, w.endedAt, w.contactId);
    this.audit.record(w.interviewerId, 'cati.outcome', { round: w.roundCode, contact: w.contactId, outcome: w.outcome, response: responseId });
  }
}
