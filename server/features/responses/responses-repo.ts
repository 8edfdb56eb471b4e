// Responses and their answers. One response is one transaction: the response row (with its packed choices, what the
// results read), one answer row per chosen option or text, the receipts it was given (features/receipts/core/rules.ts
// decides which), and the use of its invite — all stored or none. Every write first reads its round's state inside
// the transaction (which takes the write lock up front), so nothing is stored in a round once its close committed.
import type { Db } from '../../platform/db.js';
import { reusableWriteTransaction } from '../../platform/write-transaction.js';
import type { Answers, Survey } from '../../core/survey/model.js';
import { packChoices } from '../../core/survey/choices.js';
import { stateRefusal, type IntakeRefusal } from './core/intake.js';
import type { ReceiptDraft } from '../receipts/core/rules.js';
import { ROUND_STATES } from '../../core/rounds/round.js';
import type { NewReceipt } from '../receipts/core/receipt.js';
import { InvitesRepo } from './invites-repo.js';
import { SettingsRepo } from '../../platform/settings-repo.js';
import { SecretBox } from '../../platform/secret-box.js';
import { AnswerRows } from './answer-rows.js';
import type { ResponseChannel, ResponseStatus } from '../../core/survey/response.js';
import type { HoldReason } from '../review/core/anomaly.js';
import { maskedAnswers } from '../review/core/held.js';
import type { ReplyContact } from '../../core/privacy/reply-contact.js';

/** Where a response came from, as the submission says and the response row stores it. */
export interface ResponseOrigin {
  /** Keyed hash of the device cookie (resident form): one response per device, round and grid. */
  deviceHash?: string | null;
  /** The one-time key of the form or client request: a resend never stores twice. */
  submissionKey?: string | null;
  inviteId?: number | null;
  interviewerId?: number | null;
  contactId?: number | null;
  startedAt?: string | null;
  /**
   * The client address of a resident's own device (the web form): a writer with an arrival watch judges the arrival
   * for anomaly review and sets `hold` (features/responses/response-writer.ts), holding it (待核查) instead of
   * counting it when it looks like stuffing. Never stored; only a keyed hash of its network (`networkKey`), while the
   * round is open. Absent for staff-entered and credentialed submissions.
   */
  address?: string;
  /** The phone number the resident left for a reply: sealed here, stored with its masked copy (migration 017), and
   * only when a receipt opens. */
  replyContact?: ReplyContact | null;
}

export interface NewResponse extends ResponseOrigin {
  roundId: number;
  gridId: number;
  channel: ResponseChannel;
  status: ResponseStatus;
  answers: Answers;
  survey: Survey;
  /** The receipts the answers open, as the domain's rules decided; none are opened when absent. */
  receipts?: readonly ReceiptDraft[];
  createdAt?: string;
  /** Reasons to hold it for review (features/review/core/anomaly.ts): stored in held_responses, not counted. */
  hold?: HoldReason[];
  /** Keyed hash of a web arrival's network, set by the arrival watch (features/review/arrival-watch.ts), migration 028. */
  networkKey?: string | null;
}

/** A response's reply contact as stored: the masked copy for pages, the sealed number for the one who answers. */
export type StoredReplyContact = { masked: string; sealed: string };

export type DuplicateKind = 'device' | 'submission' | 'invite';
/** `held`: the id is a held response's (held_responses), not a counted response's. */
export type InsertResult =
  | { ok: true; id: number; held?: boolean }
  | { ok: false; duplicate: DuplicateKind }
  | { ok: false; refused: IntakeRefusal };

export class DuplicateResponseError extends Error {
  constructor(readonly duplicate: DuplicateKind) {
    super(`duplicate response (${duplicate})`);
    this.name = 'DuplicateResponseError';
  }
}

/** The round no longer (or not yet) takes responses: seen inside the write transaction. */
export class RoundRefusedError extends Error {
  constructor(readonly refusal: IntakeRefusal) {
    super(refusal.message);
    this.name = 'RoundRefusedError';
  }
}

type ResponseParams = [
  number, number, ResponseChannel, ResponseStatus, string | null, string | null, number | null, number | null,
  number | null, string | null, string, string, string | null, string | null, string | null,
];
type HeldParams = [
  number, number, ResponseChannel, ResponseStatus, string, string | null, string | null, string | null, number | null,
  string | null, string, string, string | null, string | null, string | null,
];

export class ResponsesRepo {
  private readonly insertResponseStmt;
  private readonly answerRows;
  private readonly bySubmissionStmt;
  private readonly byDeviceStmt;
  private readonly countByGridStmt;
  private readonly roundStateStmt;
  private readonly textStmt;
  private readonly replyContactStmt;
  private readonly insertHeldStmt;
  private readonly heldBySubmissionStmt;
  private readonly heldByDeviceStmt;
  /** Transaction wrappers built once: better-sqlite3 builds four wrapped functions per transaction. */
  private readonly insertOneTxn;
  private readonly insertManyTxn;

  constructor(
    db: Db,
    /**
     * Stores one receipt the response opens, synchronously, on this connection: the receipts' own insert
     * (ReceiptsRepo.create, wired in platform/repos.ts), run inside this repository's write transaction.
     */
    private readonly openReceipt: (receipt: NewReceipt) => number,
    private readonly invites: InvitesRepo = new InvitesRepo(db),
    /** Seals the original of free text that had phone or ID-card numbers masked (see platform/secret-box.ts). */
    private readonly textBox: SecretBox = new SecretBox(new SettingsRepo(db).secret()),
  ) {
    this.insertResponseStmt = db.prepare<ResponseParams>(
      `INSERT INTO responses (round_id, grid_id, channel, status, device_hash, submission_key, invite_id,
         interviewer_id, contact_id, started_at, created_at, choices, reply_contact_enc, reply_contact_masked, network_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.answerRows = new AnswerRows(db, textBox);
    this.textStmt = db.prepare<[number, string], { text_value: string | null; text_sealed: string | null }>(
      'SELECT text_value, text_sealed FROM answers WHERE response_id = ? AND question_id = ? AND option_code IS NULL',
    );
    this.bySubmissionStmt = db.prepare<[number, string], { id: number }>(
      'SELECT id FROM responses WHERE round_id = ? AND submission_key = ?',
    );
    this.byDeviceStmt = db.prepare<[number, string], { id: number }>(
      'SELECT id FROM responses WHERE round_id = ? AND device_hash = ?',
    );
    this.insertHeldStmt = db.prepare<HeldParams>(
      `INSERT INTO held_responses (round_id, grid_id, channel, status, answers, answers_sealed, device_hash,
         submission_key, invite_id, started_at, created_at, reasons, reply_contact_enc, reply_contact_masked, network_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // An accepted hold is in `responses` now; held and rejected ones still stand for their device and form.
    this.heldBySubmissionStmt = db.prepare<[number, string], { id: number }>(
      "SELECT id FROM held_responses WHERE round_id = ? AND submission_key = ? AND review <> 'accepted'",
    );
    this.heldByDeviceStmt = db.prepare<[number, string], { id: number }>(
      "SELECT id FROM held_responses WHERE round_id = ? AND device_hash = ? AND review <> 'accepted'",
    );
    this.countByGridStmt = db.prepare<[number], { grid_id: number; status: ResponseStatus; n: number }>(
      'SELECT grid_id, status, COUNT(*) AS n FROM responses WHERE round_id = ? GROUP BY grid_id, status',
    );
    this.replyContactStmt = db.prepare<[number], { enc: string | null; masked: string | null }>(
      'SELECT reply_contact_enc AS enc, reply_contact_masked AS masked FROM responses WHERE id = ?');
    this.roundStateStmt = db.prepare<[number], { state: string }>('SELECT state FROM rounds WHERE id = ?');
    // IMMEDIATE: the write lock is taken before the round's state is read, so a close committing meanwhile by another
    // connection waits for this write (or this write for it) instead of failing with SQLITE_BUSY.
    this.insertOneTxn = reusableWriteTransaction(db, (r: NewResponse) => this.write(r));
    this.insertManyTxn = reusableWriteTransaction(db, (rs: readonly NewResponse[]) => rs.map((r) => this.write(r)));
  }

  /** Stores one response durably (synchronous; the caller may say "thank you" once this returns ok). */
  insert(r: NewResponse): InsertResult {
    try {
      if (r.hold && r.hold.length > 0) return { ok: true, id: this.insertOneTxn(r), held: true };
      return { ok: true, id: this.insertOneTxn(r) };
    } catch (err) {
      if (err instanceof DuplicateResponseError) return { ok: false, duplicate: err.duplicate };
      if (err instanceof RoundRefusedError) return { ok: false, refused: err.refusal };
      throw err;
    }
  }

  /**
   * Stores many responses in one transaction, all or nothing (imports, simulation). Throws DuplicateResponseError on
   * a duplicate and RoundRefusedError when the round does not take responses.
   */
  insertMany(rs: readonly NewResponse[]): number[] {
    return this.insertManyTxn(rs);
  }

  /** Whether this device already answered in this round, in any grid (a held answer counts as an answer). */
  hasDevice(roundId: number, deviceHash: string): boolean {
    return this.byDeviceStmt.get(roundId, deviceHash) !== undefined || this.heldByDeviceStmt.get(roundId, deviceHash) !== undefined;
  }

  /** Whether a form with this one-time key was already stored (or held). */
  hasSubmission(roundId: number, submissionKey: string): boolean {
    return (
      this.bySubmissionStmt.get(roundId, submissionKey) !== undefined ||
      this.heldBySubmissionStmt.get(roundId, submissionKey) !== undefined
    );
  }

  /** Completed and screened-out responses per grid of a round. */
  countByGrid(roundId: number): Map<number, { complete: number; screenedOut: number }> {
    const counts = new Map<number, { complete: number; screenedOut: number }>();
    for (const row of this.countByGridStmt.all(roundId)) {
      let c = counts.get(row.grid_id);
      if (!c) {
        c = { complete: 0, screenedOut: 0 };
        counts.set(row.grid_id, c);
      }
      if (row.status === 'complete') c.complete += row.n;
      else c.screenedOut += row.n;
    }
    return counts;
  }

  /**
   * The text a resident typed for a question, as typed: phone and ID-card numbers unmasked. Only for the person
   * handling the receipt it opened; every other reader gets the masked text column. Undefined when there is no such
   * answer or its sealed copy no longer opens (the server secret changed).
   */
  originalText(responseId: number, questionId: string): string | undefined {
    const row = this.textStmt.get(responseId, questionId);
    if (!row || row.text_value === null) return undefined;
    return row.text_sealed === null ? row.text_value : this.textBox.open(row.text_sealed);
  }

  /** The contact a response's resident left for a reply, masked and sealed; undefined when none was left. */
  replyContact(responseId: number): StoredReplyContact | undefined {
    const row = this.replyContactStmt.get(responseId);
    return row?.enc && row.masked ? { masked: row.masked, sealed: row.enc } : undefined;
  }

  /** The number, for the one answering the receipt (the caller audits); undefined once the secret changed. */
  openReplyContact(stored: StoredReplyContact): string | undefined {
    return this.textBox.open(stored.sealed);
  }

  /** The sealed number and its masked copy, as the two columns store them. */
  private contactColumns(r: NewResponse): [string | null, string | null] {
    return r.replyContact ? [this.textBox.seal(r.replyContact.digits), r.replyContact.masked] : [null, null];
  }

  /** The round's state as stored now; inside a write transaction, as it will be when this write commits. */
  private refusalNow(roundId: number): IntakeRefusal | null {
    const state = ROUND_STATES.find((s) => s === this.roundStateStmt.get(roundId)?.state);
    if (!state) throw new Error(`response for unknown round ${roundId}`);
    return stateRefusal(state);
  }

  /** The body of a transaction: must stay synchronous. Throws DuplicateResponseError to roll back. */
  private write(r: NewResponse): number {
    const refusal = this.refusalNow(r.roundId);
    if (refusal) throw new RoundRefusedError(refusal);
    // Checked before inserting so the result names the kind of duplicate; the UNIQUE constraints back this up.
    if (r.submissionKey && this.hasSubmission(r.roundId, r.submissionKey)) {
      throw new DuplicateResponseError('submission');
    }
    if (r.deviceHash && this.hasDevice(r.roundId, r.deviceHash)) {
      throw new DuplicateResponseError('device');
    }
    const createdAt = r.createdAt ?? new Date().toISOString();
    if (r.hold && r.hold.length > 0) return this.writeHeld(r, r.hold, createdAt);
    const info = this.insertResponseStmt.run(
      r.roundId,
      r.gridId,
      r.channel,
      r.status,
      r.deviceHash ?? null,
      r.submissionKey ?? null,
      r.inviteId ?? null,
      r.interviewerId ?? null,
      r.contactId ?? null,
      r.startedAt ?? null,
      createdAt,
      packChoices(r.survey, r.answers),
      ...this.contactColumns(r),
      r.networkKey ?? null,
    );
    const responseId = Number(info.lastInsertRowid);
    if (r.inviteId != null && !this.invites.markUsed(r.inviteId, responseId, createdAt)) {
      throw new DuplicateResponseError('invite');
    }
    this.answerRows.write(responseId, r.survey, r.answers);
    for (const d of r.receipts ?? []) {
      const receipt = { roundId: r.roundId, gridId: r.gridId, responseId, source: d.source, questionId: d.questionId, body: d.body, createdAt };
      this.openReceipt(d.dismissReason === undefined ? receipt : { ...receipt, dismissReason: d.dismissReason });
    }
    return responseId;
  }

  /**
   * A held response: its answers kept as checked, free text masked as everywhere else and the original sealed (the
   * review page shows the masked copy; an acceptance stores the original, which is masked and sealed again then).
   * Its invite is left unused until it is accepted.
   */
  private writeHeld(r: NewResponse, reasons: HoldReason[], createdAt: string): number {
    const original = JSON.stringify(r.answers);
    const shown = JSON.stringify(maskedAnswers(r.answers));
    const info = this.insertHeldStmt.run(
      r.roundId, r.gridId, r.channel, r.status, shown, shown === original ? null : this.textBox.seal(original),
      r.deviceHash ?? null, r.submissionKey ?? null, r.inviteId ?? null, r.startedAt ?? null, createdAt, JSON.stringify(reasons),
      ...this.contactColumns(r), r.networkKey ?? null,
    );
    return Number(info.lastInsertRowid);
  }
}
