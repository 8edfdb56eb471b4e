// Responses and their answers. One response is one transaction: the response row (with its packed choices, what the
// results read), one answer row per chosen option or text, the receipts its answers open, and the use of its invite —
// all stored or none.
import type { Db } from './db.js';
import type { Answers, Survey, SurveyQuestion } from '../domain/survey/model.js';
import { findQuestion } from '../domain/survey/model.js';
import { scoreOf } from '../domain/survey/answers.js';
import { packChoices } from '../domain/survey/choices.js';
import { ReceiptsRepo } from './receipts-repo.js';
import { InvitesRepo } from './invites-repo.js';
import { SettingsRepo } from './settings-repo.js';
import { SecretBox, protectFreeText } from './secret-box.js';

import type { ResponseChannel, ResponseStatus } from '../domain/responses/response.js';

export interface NewResponse {
  roundId: number;
  gridId: number;
  channel: ResponseChannel;
  status: ResponseStatus;
  answers: Answers;
  survey: Survey;
  deviceHash?: string | null;
  submissionKey?: string | null;
  inviteId?: number | null;
  interviewerId?: number | null;
  contactId?: number | null;
  startedAt?: string | null;
  createdAt?: string;
}

export type DuplicateKind = 'device' | 'submission' | 'invite';
export type InsertResult = { ok: true; id: number } | { ok: false; duplicate: DuplicateKind };

export class DuplicateResponseError extends Error {
  constructor(readonly duplicate: DuplicateKind) {
    super(`duplicate response (${duplicate})`);
    this.name = 'DuplicateResponseError';
  }
}

type ResponseParams = [
  number, number, ResponseChannel, ResponseStatus, string | null, string | null, number | null, number | null,
  number | null, string | null, string, string,
];
type AnswerParams = [number, number, number, string, string | null, string | null, number | null, number, string | null];

export class ResponsesRepo {
  private readonly insertResponseStmt;
  private readonly insertAnswerStmt;
  private readonly bySubmissionStmt;
  private readonly byDeviceStmt;
  private readonly countByGridStmt;
  private readonly textStmt;
  /** Transaction wrappers built once: better-sqlite3 builds four wrapped functions per db.transaction() call. */
  private readonly insertOneTxn;
  private readonly insertManyTxn;

  constructor(
    private readonly db: Db,
    private readonly receipts: ReceiptsRepo = new ReceiptsRepo(db),
    private readonly invites: InvitesRepo = new InvitesRepo(db),
    /** Seals the original of free text that had phone or ID-card numbers masked (see storage/secret-box.ts). */
    private readonly textBox: SecretBox = new SecretBox(new SettingsRepo(db).secret()),
  ) {
    this.insertResponseStmt = db.prepare<ResponseParams>(
      `INSERT INTO responses (round_id, grid_id, channel, status, device_hash, submission_key, invite_id,
         interviewer_id, contact_id, started_at, created_at, choices)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertAnswerStmt = db.prepare<AnswerParams>(
      `INSERT INTO answers (response_id, round_id, grid_id, question_id, option_code, text_value, score, excluded, text_sealed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.textStmt = db.prepare<[number, string], { text_value: string | null; text_sealed: string | null }>(
      'SELECT text_value, text_sealed FROM answers WHERE response_id = ? AND question_id = ? AND option_code IS NULL',
    );
    this.bySubmissionStmt = db.prepare<[number, string], { id: number }>(
      'SELECT id FROM responses WHERE round_id = ? AND submission_key = ?',
    );
    this.byDeviceStmt = db.prepare<[number, number, string], { id: number }>(
      'SELECT id FROM responses WHERE round_id = ? AND grid_id = ? AND device_hash = ?',
    );
    this.countByGridStmt = db.prepare<[number], { grid_id: number; status: ResponseStatus; n: number }>(
      'SELECT grid_id, status, COUNT(*) AS n FROM responses WHERE round_id = ? GROUP BY grid_id, status',
    );
    this.insertOneTxn = db.transaction((r: NewResponse) => this.write(r));
    this.insertManyTxn = db.transaction((rs: NewResponse[]) => rs.map((r) => this.write(r)));
  }

  /** Stores one response durably (synchronous; the caller may say "thank you" once this returns ok). */
  insert(r: NewResponse): InsertResult {
    try {
      return { ok: true, id: this.insertOneTxn(r) };
    } catch (err) {
      if (err instanceof DuplicateResponseError) return { ok: false, duplicate: err.duplicate };
      throw err;
    }
  }

  /** Stores many responses in one transaction, all or nothing (imports, simulation). Throws on a duplicate. */
  insertMany(rs: NewResponse[]): number[] {
    return this.insertManyTxn(rs);
  }

  /** Whether this device already answered in this round and grid. */
  hasDevice(roundId: number, gridId: number, deviceHash: string): boolean {
    return this.byDeviceStmt.get(roundId, gridId, deviceHash) !== undefined;
  }

  /** Whether a form with this one-time key was already stored. */
  hasSubmission(roundId: number, submissionKey: string): boolean {
    return this.bySubmissionStmt.get(roundId, submissionKey) !== undefined;
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

  /** The body of a transaction: must stay synchronous. Throws DuplicateResponseError to roll back. */
  private write(r: NewResponse): number {
    // Checked before inserting so the result names the kind of duplicate; the UNIQUE constraints back this up.
    if (r.submissionKey && this.hasSubmission(r.roundId, r.submissionKey)) {
      throw new DuplicateResponseError('submission');
    }
    if (r.deviceHash && this.hasDevice(r.roundId, r.gridId, r.deviceHash)) {
      throw new DuplicateResponseError('device');
    }
    const createdAt = r.createdAt ?? new Date().toISOString();
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
    );
    const responseId = Number(info.lastInsertRowid);
    if (r.inviteId != null && !this.invites.markUsed(r.inviteId, responseId, createdAt)) {
      throw new DuplicateResponseError('invite');
    }
    for (const [questionId, value] of Object.entries(r.answers)) {
      const question = findQuestion(r.survey, questionId);
      if (!question) throw new Error(`answer to unknown question ${questionId} (answers must be checked first)`);
      if (value.kind === 'text') {
        const text = value.text.trim();
        if (text === '') continue;
        const kept = protectFreeText(this.textBox, text);
        this.insertAnswerStmt.run(responseId, r.roundId, r.gridId, questionId, null, kept.shown, null, 0, kept.sealed);
        if (question.receipt && r.status === 'complete') {
          this.openReceipt(r, responseId, question, 'suggestion', kept.shown, createdAt);
        }
        continue;
      }
      for (const code of value.codes) {
        const { score, excluded } = scoreOf(question, code);
        this.insertAnswerStmt.run(responseId, r.roundId, r.gridId, questionId, code, null, score, excluded ? 1 : 0, null);
        const option = question.options.find((o) => o.code === code);
        if (option?.followUp && r.status === 'complete') {
          this.openReceipt(r, responseId, question, 'follow_up', `${question.text}（回答：${option.label}）`, createdAt);
        }
      }
    }
    return responseId;
  }

  private openReceipt(
    r: NewResponse,
    responseId: number,
    question: SurveyQuestion,
    source: 'suggestion' | 'follow_up',
    body: string,
    createdAt: string,
  ): void {
    this.receipts.create({ roundId: r.roundId, gridId: r.gridId, responseId, source, questionId: question.id, body, createdAt });
  }
}
