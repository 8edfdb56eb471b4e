// Held responses (待核查) and the anomaly thresholds of each round: SQL only. What a decision does (accept, reject,
// reverse, a whole grid at once) is the review service's (review-service.ts), which runs these statements in one
// transaction with the response it stores and the audit entry it writes.
import type { Db } from '../../platform/db.js';
import { reusableWriteTransaction } from '../../platform/write-transaction.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { SecretBox } from '../../platform/secret-box.js';
import type { ResponseChannel } from '../../core/survey/response.js';
import type { ReplyContact } from '../../core/privacy/reply-contact.js';
import { storedAnswers, storedReasons, type HeldResponse, type ReviewCounts } from './core/held.js';
import type { ReviewState } from './core/anomaly.js';
import { AcceptedWithdrawal } from './review-withdrawal.js';
import { NetworkRound } from './network-round.js';
import type { HoldReason } from './core/anomaly.js';
import { storedIntegritySettings, type IntegritySettings } from './core/settings.js';

interface HeldRow {
  id: number;
  round_id: number;
  grid_id: number;
  channel: ResponseChannel;
  status: 'complete' | 'screened_out';
  answers: string;
  answers_sealed: string | null;
  device_hash: string | null;
  submission_key: string | null;
  invite_id: number | null;
  started_at: string | null;
  created_at: string;
  reasons: string;
  review: ReviewState;
  decided_at: string | null;
  reply_contact_enc: string | null;
  reply_contact_masked: string | null;
  response_id: number | null;
}

/** A held response as a decision needs it: what the resident sent, opened from its sealed copies. */
export interface HeldOriginal {
  id: number;
  roundId: number;
  gridId: number;
  channel: ResponseChannel;
  status: 'complete' | 'screened_out';
  review: ReviewState;
  /** The answers as given (JSON); undefined when their sealed original no longer opens (the server secret changed). */
  originalAnswers: string | undefined;
  deviceHash: string | null;
  submissionKey: string | null;
  inviteId: number | null;
  startedAt: string | null;
  createdAt: string;
  /** The contact the resident left, opened to be sealed again with the response (migration 017). */
  replyContact: ReplyContact | null;
  /** The counted response an acceptance stored, while it stands. */
  responseId: number | null;
}

function toHeld(row: HeldRow): HeldResponse {
  return {
    id: row.id, roundId: row.round_id, gridId: row.grid_id, status: row.status, answers: storedAnswers(row.answers) ?? {},
    reasons: storedReasons(row.reasons), review: row.review, createdAt: row.created_at, decidedAt: row.decided_at,
  };
}

/**
 * Arrivals per grid and hour (hours since the epoch) of a round, stored and held alike: what the anomaly watch starts
 * from. An accepted hold is counted once, as the response it became. Bound with the round id twice.
 */
function hourlyArrivalsStatement(db: Db) {
  return db.prepare<[number, number], { grid_id: number; hour: number; n: number }>(
    `SELECT grid_id, hour, SUM(n) AS n FROM (
       SELECT grid_id, CAST(strftime('%s', created_at) AS INTEGER) / 3600 AS hour, COUNT(*) AS n
         FROM responses WHERE round_id = ? GROUP BY grid_id, hour
       UNION ALL
       SELECT grid_id, CAST(strftime('%s', created_at) AS INTEGER) / 3600 AS hour, COUNT(*) AS n
         FROM held_responses WHERE round_id = ? AND review <> 'accepted' GROUP BY grid_id, hour)
     GROUP BY grid_id, hour`,
  );
}

export class ReviewRepo {
  private readonly settingsStmt;
  private readonly saveSettingsStmt;
  private readonly countsStmt;
  private readonly listStmt;
  private readonly byIdStmt;
  private readonly decideStmt;
  private readonly hourlyStmt;
  private readonly linkStmt;
  private readonly saveSettingsTxn;
  private readonly heldInGridStmt;
  private readonly withdrawal;
  private readonly acceptedByGridStmt;
  /** One network over the round (network-round.ts): its arrivals per grid, the recall of its counted responses. */
  private readonly network;

  constructor(
    db: Db,
    private readonly audit: AuditRepo,
    /** Opens the original answers of a held response whose free text was masked (see ResponsesRepo.writeHeld). */
    private readonly textBox: SecretBox,
  ) {
    this.settingsStmt = db.prepare<[number], { settings: string }>('SELECT settings FROM round_integrity_settings WHERE round_id = ?');
    this.saveSettingsStmt = db.prepare<[number, string, string, number | null]>(
      `INSERT INTO round_integrity_settings (round_id, settings, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT (round_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at,
         updated_by = excluded.updated_by`,
    );
    this.countsStmt = db.prepare<[number], { review: ReviewState; n: number }>(
      'SELECT review, COUNT(*) AS n FROM held_responses WHERE round_id = ? GROUP BY review',
    );
    this.listStmt = db.prepare<[number, ReviewState, number], HeldRow>(
      'SELECT * FROM held_responses WHERE round_id = ? AND review = ? ORDER BY grid_id, id LIMIT ?',
    );
    this.byIdStmt = db.prepare<[number, number], HeldRow>('SELECT * FROM held_responses WHERE id = ? AND round_id = ?');
    // The last argument is the state the decision starts from: 'held', or the opposite decision when reversing.
    this.decideStmt = db.prepare<[ReviewState, number, string, number, ReviewState]>(
      `UPDATE held_responses SET review = ?, decided_by = ?, decided_at = ? WHERE id = ? AND review = ?`,
    );
    this.linkStmt = db.prepare<[number | null, number]>('UPDATE held_responses SET response_id = ? WHERE id = ?');
    this.withdrawal = new AcceptedWithdrawal(db);
    this.network = new NetworkRound(db, textBox);
    this.acceptedByGridStmt = db.prepare<[number], { grid_id: number; n: number }>(
      "SELECT grid_id, COUNT(*) AS n FROM held_responses WHERE round_id = ? AND review = 'accepted' AND status = 'complete' GROUP BY grid_id",
    );
    this.hourlyStmt = hourlyArrivalsStatement(db);
    this.heldInGridStmt = db.prepare<[number, number], { id: number }>(
      "SELECT id FROM held_responses WHERE round_id = ? AND grid_id = ? AND review = 'held' ORDER BY id",
    );
    this.saveSettingsTxn = reusableWriteTransaction(db, (roundId: number, roundCode: string, settings: IntegritySettings, userId: number | null) => {
      this.saveSettingsStmt.run(roundId, JSON.stringify(settings), new Date().toISOString(), userId);
      this.audit.record(userId, 'round.review.settings', { round: roundCode, ...settings });
    });
  }

  /** The round's thresholds: stored ones, or the defaults. */
  settings(roundId: number): IntegritySettings {
    return storedIntegritySettings(this.storedSettings(roundId));
  }

  /**
   * The round's thresholds as stored (undefined: the defaults apply). The arrival watch keeps the parsed settings
   * while this text stays the same; it reads it on every arrival, from whichever connection saved it.
   */
  storedSettings(roundId: number): string | undefined {
    return this.settingsStmt.get(roundId)?.settings;
  }

  /** `userId` null: set from the command line or a script, not a staff page. Called with .immediate(). */
  saveSettings(roundId: number, roundCode: string, settings: IntegritySettings, userId: number | null): void {
    this.saveSettingsTxn(roundId, roundCode, settings, userId);
  }

  counts(roundId: number): ReviewCounts {
    const counts: ReviewCounts = { held: 0, accepted: 0, rejected: 0 };
    for (const row of this.countsStmt.all(roundId)) counts[row.review] = row.n;
    return counts;
  }

  list(roundId: number, review: ReviewState, limit = 500): HeldResponse[] {
    return this.listStmt.all(roundId, review, limit).map(toHeld);
  }

  hourlyArrivals(roundId: number): Array<{ gridId: number; hour: number; n: number }> {
    return this.hourlyStmt.all(roundId, roundId).map((r) => ({ gridId: r.grid_id, hour: r.hour, n: r.n }));
  }

  /** Completed responses per grid that were held and then accepted: the part of each grid's n the review let in. */
  acceptedByGrid(roundId: number): Map<number, number> {
    return new Map(this.acceptedByGridStmt.all(roundId).map((r) => [r.grid_id, r.n]));
  }

  /** Arrivals (counted and held) from one network per grid of the round. */
  networkArrivals(roundId: number, networkKey: string): Map<number, number> {
    return this.network.arrivalsByGrid(roundId, networkKey);
  }

  /** Holds again the network's counted responses of the round; returns how many. Inside the caller's transaction. */
  recallNetwork(roundId: number, networkKey: string, reasons: readonly HoldReason[]): number {
    return this.network.recall(roundId, networkKey, reasons);
  }

  /** Clears the network keys of rounds that are no longer open. */
  forgetClosedNetworks(): void {
    this.network.forgetClosedRounds();
  }

  /** One held response of the round, whatever its state (the confirmation page shows it). */
  get(id: number, roundId: number): HeldResponse | undefined {
    const row = this.byIdStmt.get(id, roundId);
    return row ? toHeld(row) : undefined;
  }

  /** One held response of the round with what it holds opened from its sealed copies. */
  original(id: number, roundId: number): HeldOriginal | undefined {
    const row = this.byIdStmt.get(id, roundId);
    if (!row) return undefined;
    return {
      id: row.id, roundId: row.round_id, gridId: row.grid_id, channel: row.channel, status: row.status, review: row.review,
      originalAnswers: row.answers_sealed === null ? row.answers : this.textBox.open(row.answers_sealed),
      deviceHash: row.device_hash, submissionKey: row.submission_key, inviteId: row.invite_id, startedAt: row.started_at,
      createdAt: row.created_at, replyContact: this.heldContact(row), responseId: row.response_id,
    };
  }

  /** The held responses of one grid still waiting for a decision, oldest first. */
  heldInGrid(roundId: number, gridId: number): number[] {
    return this.heldInGridStmt.all(roundId, gridId).map((r) => r.id);
  }

  /** Sets the decision if the response is still in state `from`; false when someone changed it meanwhile. */
  mark(id: number, to: ReviewState, from: ReviewState, userId: number, decidedAt: string): boolean {
    return this.decideStmt.run(to, userId, decidedAt, id, from).changes === 1;
  }

  /** Links the held response to the counted response its acceptance stored (null: taken out again). */
  link(id: number, responseId: number | null): void {
    this.linkStmt.run(responseId, id);
  }

  /** How many receipts of an accepted response someone has already worked on (review-withdrawal.ts). */
  workedReceipts(responseId: number): number {
    return this.withdrawal.workedReceipts(responseId);
  }

  /** Removes an accepted response with its untouched receipts and its invite's use; returns the receipts removed. */
  withdraw(responseId: number): number {
    return this.withdrawal.remove(responseId);
  }

  /** The contact a held response's resident left, opened to be sealed again with the response (migration 017). */
  private heldContact(row: HeldRow): ReplyContact | null {
    const digits = row.reply_contact_enc === null ? undefined : this.textBox.open(row.reply_contact_enc);
    return digits === undefined || row.reply_contact_masked === null ? null : { digits, masked: row.reply_contact_masked };
  }
}
