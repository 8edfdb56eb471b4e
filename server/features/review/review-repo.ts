// Held responses (待核查) and the anomaly thresholds of each round. A decision is a conditional UPDATE checked with
// changes === 1, written with its audit entry in one transaction; accepting also stores the response in `responses`
// (through ResponsesRepo, so its answers, packed choices and receipts are written exactly as for any response).
// A decision can be reversed while the round is open: a rejected response is accepted as above, an
// accepted one is taken out of `responses` again (review-withdrawal.ts). Both entries name the held response's number.
import type { Db } from '../../platform/db.js';
import { reusableWriteTransaction } from '../../platform/write-transaction.js';
import type { ResponsesRepo } from '../responses/responses-repo.js';
import type { AuditRepo } from '../audit/audit-repo.js';
import type { SecretBox } from '../../platform/secret-box.js';
import type { Survey } from '../../core/survey/model.js';
import { receiptsFor } from '../receipts/core/rules.js';
import type { ResponseChannel } from '../../core/survey/response.js';
import { storedAnswers, storedReasons, type HeldResponse, type ReviewCounts } from './core/held.js';
import type { ReviewState } from './core/anomaly.js';
import { AcceptedWithdrawal, WithdrawalRefused } from './review-withdrawal.js';
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

interface RoundRef {
  id: number;
  code: string;
}

export type Decision = { ok: true } | { ok: false; problem: string };

export class DecisionRefused extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'DecisionRefused';
  }
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
  /** Write transactions (the lock taken up front): a writer of another connection waits, not fails. */
  private readonly acceptTxn;
  private readonly rejectTxn;
  private readonly saveSettingsTxn;
  private readonly heldInGridStmt;
  private readonly decideGridTxn;
  private readonly reverseTxn;
  private readonly withdrawal;

  constructor(
    db: Db,
    private readonly responses: ResponsesRepo,
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
    this.reverseTxn = reusableWriteTransaction(db, (id: number, to: 'accepted' | 'rejected', round: RoundRef, userId: number, survey: Survey) =>
      this.reverseInside(id, to, round, userId, survey),
    );
    this.hourlyStmt = hourlyArrivalsStatement(db);
    this.acceptTxn = reusableWriteTransaction(db, (id: number, roundId: number, roundCode: string, userId: number, survey: Survey) =>
      this.acceptInside(id, roundId, roundCode, userId, survey),
    );
    this.rejectTxn = reusableWriteTransaction(db, (id: number, roundId: number, roundCode: string, userId: number) =>
      this.rejectInside(id, roundId, roundCode, userId),
    );
    this.heldInGridStmt = db.prepare<[number, number], { id: number }>(
      "SELECT id FROM held_responses WHERE round_id = ? AND grid_id = ? AND review = 'held' ORDER BY id",
    );
    // Each response of the grid in its own savepoint (the nested transactions above): one that cannot be accepted
    // (its device answered meanwhile) is left held, the others are decided, all in one commit.
    this.decideGridTxn = reusableWriteTransaction(db, (gridId: number, decision: 'accept' | 'reject', round: RoundRef, userId: number, survey: Survey) => {
      let decided = 0;
      for (const { id } of this.heldInGridStmt.all(round.id, gridId)) {
        const done = decision === 'accept' ? this.accept(id, round.id, round.code, userId, survey) : this.reject(id, round.id, round.code, userId);
        if (done.ok) decided += 1;
      }
      return decided;
    });
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

  /** `userId` null: set from the command line or a script, not a staff page. */
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

  /** Stores a held response as counted, with its original time, device and key. */
  accept(id: number, roundId: number, roundCode: string, userId: number, survey: Survey): Decision {
    return this.decide(() => this.acceptTxn(id, roundId, roundCode, userId, survey));
  }

  reject(id: number, roundId: number, roundCode: string, userId: number): Decision {
    return this.decide(() => this.rejectTxn(id, roundId, roundCode, userId));
  }

  /** Accepts or rejects every held response of one grid; returns how many were decided. */
  decideGrid(gridId: number, decision: 'accept' | 'reject', round: RoundRef, userId: number, survey: Survey): number {
    return this.decideGridTxn(gridId, decision, round, userId, survey);
  }

  /**
   * Reverses a decision: `to` is the state it goes to, from the opposite one (so a page showing the old state cannot
   * flip a decision someone else already reversed). Audited as round.review.reverse.
   */
  reverse(id: number, to: 'accepted' | 'rejected', round: RoundRef, userId: number, survey: Survey): Decision {
    return this.decide(() => this.reverseTxn(id, to, round, userId, survey));
  }

  /** One held response of the round, whatever its state (the confirmation page shows it). */
  get(id: number, roundId: number): HeldResponse | undefined {
    const row = this.byIdStmt.get(id, roundId);
    return row ? toHeld(row) : undefined;
  }

  private decide(run: () => void): Decision {
    try {
      run();
      return { ok: true };
    } catch (err) {
      if (err instanceof DecisionRefused) return { ok: false, problem: err.problem };
      if (err instanceof WithdrawalRefused) return { ok: false, problem: err.problem };
      throw err;
    }
  }

  private reverseInside(id: number, to: 'accepted' | 'rejected', round: RoundRef, userId: number, survey: Survey): void {
    const from = to === 'accepted' ? 'rejected' : 'accepted';
    const row = this.byIdStmt.get(id, round.id);
    if (!row) throw new DecisionRefused('没有找到这份待核查答卷');
    if (row.review !== from) throw new DecisionRefused('该答卷的处理结果已被他人改变，请刷新页面');
    const detail = { round: round.code, held: row.id, grid: row.grid_id, from, to };
    if (to === 'accepted') {
      const response = this.storeAccepted(row, 'rejected', userId, survey);
      this.audit.record(userId, 'round.review.reverse', { ...detail, response });
      return;
    }
    if (this.decideStmt.run('rejected', userId, new Date().toISOString(), row.id, 'accepted').changes !== 1) {
      throw new DecisionRefused('该答卷的处理结果已被他人改变，请刷新页面');
    }
    this.linkStmt.run(null, row.id);
    const receipts = row.response_id === null ? 0 : this.withdrawal.withdraw(row.response_id);
    this.audit.record(userId, 'round.review.reverse', { ...detail, response: row.response_id, receipts });
  }

  private mustBeHeld(id: number, roundId: number): HeldRow {
    const row = this.byIdStmt.get(id, roundId);
    if (!row) throw new DecisionRefused('没有找到这份待核查答卷');
    if (row.review !== 'held') throw new DecisionRefused('该答卷已被他人处理，请刷新页面');
    return row;
  }

  private rejectInside(id: number, roundId: number, roundCode: string, userId: number): void {
    const row = this.mustBeHeld(id, roundId);
    if (this.decideStmt.run('rejected', userId, new Date().toISOString(), row.id, 'held').changes !== 1) {
      throw new DecisionRefused('该答卷已被他人处理，请刷新页面');
    }
    this.audit.record(userId, 'round.review.reject', { round: roundCode, held: row.id, grid: row.grid_id });
  }

  /** The contact a held response's resident left, opened to be sealed again with the response (migration 017). */
  private heldContact(row: HeldRow) {
    const digits = row.reply_contact_enc === null ? undefined : this.textBox.open(row.reply_contact_enc);
    return digits === undefined || row.reply_contact_masked === null ? null : { digits, masked: row.reply_contact_masked };
  }

  private acceptInside(id: number, roundId: number, roundCode: string, userId: number, survey: Survey): void {
    const row = this.mustBeHeld(id, roundId);
    const response = this.storeAccepted(row, 'held', userId, survey);
    this.audit.record(userId, 'round.review.accept', { round: roundCode, held: row.id, grid: row.grid_id, response });
  }

  /** Marks the row accepted (from `from`) and stores it as a counted response; returns the response's id. */
  private storeAccepted(row: HeldRow, from: ReviewState, userId: number, survey: Survey): number {
    const original = row.answers_sealed === null ? row.answers : this.textBox.open(row.answers_sealed);
    if (original === undefined) throw new DecisionRefused('无法读取该答卷的原始内容（服务器密钥已更换），只能剔除');
    const answers = storedAnswers(original);
    if (!answers) throw new Error(`held response ${row.id} has unreadable answers`);
    // Marked first: the device and key checks of the insert below then see this hold as decided, not as a duplicate.
    const decidedAt = new Date().toISOString();
    if (this.decideStmt.run('accepted', userId, decidedAt, row.id, from).changes !== 1) {
      throw new DecisionRefused('该答卷已被他人处理，请刷新页面');
    }
    const stored = this.responses.insert({
      roundId: row.round_id, gridId: row.grid_id, channel: row.channel, status: row.status, answers, survey,
      deviceHash: row.device_hash, submissionKey: row.submission_key, inviteId: row.invite_id,
      startedAt: row.started_at, createdAt: row.created_at, replyContact: this.heldContact(row),
      // Opened now, not when held: a stuffing script must not fill the receipts queue (features/receipts/core/rules.ts).
      receipts: receiptsFor(survey, row.status, answers),
    });
    if (!stored.ok) throw new DecisionRefused('无法采纳：同一设备、表单或邀请在本轮已有计入的答卷');
    this.linkStmt.run(stored.id, row.id);
    return stored.id;
  }
}
