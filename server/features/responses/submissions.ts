// The one way a response gets in, whatever brought it: the resident form and the JSON API (channel web), the CLI
// paper import (paper), and phone or paper entry to come. In order, every submission is
//   1. refused when its round is not open or does not collect answers through its channel (features/responses/core/intake);
//   2. checked against the questionnaire (core/survey/answers.ts), the same rules for every channel; a form with
//      errors whose one-time key or device was already stored is told it is a duplicate (a resent form says "already
//      received" rather than listing errors);
//   3. given the receipts its answers open (features/receipts/core/rules.ts);
//   4. written through the group-commit writer, whose transaction checks the round's state and the duplicates again
//      at the moment of writing, so a response is never stored after its round's close committed; a web arrival is
//      judged for anomaly review there, as it is stored (features/review/arrival-watch.ts), so the windows hold exactly
//      what was stored, and the writer's thread does that work rather than the server's event loop.
// Routes and commands only translate their input into a SubmissionRequest and the SubmissionOutcome into a reply.
// A later check (a signed submission key, holding anomalies for review) belongs in submit(), before the write.
import { writeTransaction } from '../../platform/write-transaction.js';
import type { Db } from '../../platform/db.js';
import type { Repos } from '../../platform/repos.js';
import {
  DuplicateResponseError, RoundRefusedError, type DuplicateKind, type InsertResult, type NewResponse, type ResponseOrigin,
} from './responses-repo.js';
import type { Answers, Survey } from '../../core/survey/model.js';
import type { ChannelName, Round } from '../../core/rounds/round.js';
import type { ResponseStatus } from '../../core/survey/response.js';
import { checkAnswers, type AnswerError } from '../../core/survey/answers.js';
import { missingOtherTexts } from '../../core/survey/other-text.js';
import { intakeRefusal, type IntakeRefusal } from './core/intake.js';
import { receiptsFor } from '../receipts/core/rules.js';

/** Where a response goes: the round, one of its grids and the round's questionnaire. */
export interface SubmissionTarget {
  round: Round;
  gridId: number;
  survey: Survey;
}

export interface SubmissionRequest extends SubmissionTarget, ResponseOrigin {
  /** How the answers came in; stored as the response's channel and checked against the round's channels. */
  channel: ChannelName;
  answers: Answers;
  /** Problems found while reading the answers (a JSON body's shapes); refused with the questionnaire's own errors. */
  readErrors?: readonly AnswerError[];
  /** The resident form's own rule: a chosen 其他（请注明） option needs its text (other channels may lack it). */
  otherTextRequired?: boolean;
}

export type SubmissionOutcome =
  /** `replyKept`: the resident's contact was stored with the receipts it opened, so a reply can be promised. */
  | { kind: 'stored'; id: number; status: ResponseStatus; held: boolean; replyKept: boolean }
  | { kind: 'invalid'; errors: AnswerError[] }
  | { kind: 'duplicate'; duplicate: DuplicateKind }
  | { kind: 'refused'; refusal: IntakeRefusal };

/** Writes one response durably; resolves once it is committed (the group-commit writer, or a direct insert). */
export interface ResponseSink {
  write(response: NewResponse): Promise<InsertResult>;
}

/** One response of a batch (a paper import): its grid and answers, and where it came from for error messages. */
export interface BatchItem {
  gridId: number;
  answers: Answers;
}

export type BatchOutcome =
  | { kind: 'stored'; ids: number[]; complete: number; screenedOut: number }
  | { kind: 'invalid'; errors: Array<{ index: number; error: AnswerError }> }
  | { kind: 'duplicate'; duplicate: DuplicateKind }
  | { kind: 'refused'; refusal: IntakeRefusal };

/** What the audit log records with a batch, in the batch's transaction. */
export interface BatchAudit {
  userId: number | null;
  action: string;
  detail: Record<string, unknown>;
}

interface Checked {
  status: ResponseStatus;
  answers: Answers;
  errors: AnswerError[];
}

/** The questionnaire's verdict: a screened-out response is stored whatever else it says (only reading errors count). */
function checkOf(survey: Survey, answers: Answers, readErrors: readonly AnswerError[] = [], otherTextRequired = false): Checked {
  const result = checkAnswers(survey, answers);
  if (result.screenedOut) return { status: 'screened_out', answers: result.answers, errors: [...readErrors] };
  const missing = otherTextRequired ? missingOtherTexts(survey, result.answers) : [];
  const errors = readErrors.length === 0 && missing.length === 0 ? result.errors : readErrors.concat(result.errors, missing);
  return { status: 'complete', answers: result.answers, errors };
}

function responseOf(target: SubmissionTarget, channel: ChannelName, checked: Checked): NewResponse {
  return {
    roundId: target.round.id,
    gridId: target.gridId,
    channel,
    status: checked.status,
    answers: checked.answers,
    survey: target.survey,
    receipts: receiptsFor(target.survey, checked.status, checked.answers),
  };
}

export class SubmissionService {
  constructor(
    private readonly db: Db,
    private readonly repos: Repos,
    private readonly sink: ResponseSink,
  ) {}

  /** Null when the round takes answers through this channel now; else why not (state first, then channel). */
  refusal(round: Round, channel: ChannelName): IntakeRefusal | null {
    return intakeRefusal(round, channel);
  }

  /** Whether this key or device already has a stored (or held) response in the round, in any of its grids. */
  priorAnswer(target: Pick<SubmissionRequest, 'round' | 'submissionKey' | 'deviceHash'>): DuplicateKind | null {
    const { responses } = this.repos;
    if (target.submissionKey && responses.hasSubmission(target.round.id, target.submissionKey)) return 'submission';
    if (target.deviceHash && responses.hasDevice(target.round.id, target.deviceHash)) return 'device';
    return null;
  }

  /**
   * Checks, dedupes and stores one response; settles once it is committed or refused (see the file comment). The
   * duplicate checks run only for a form with errors (so a resend says "already received"): on the happy path the
   * write's transaction finds a duplicate anyway.
   */
  async submit(request: SubmissionRequest): Promise<SubmissionOutcome> {
    const refusal = this.refusal(request.round, request.channel);
    if (refusal) return { kind: 'refused', refusal };
    const checked = checkOf(request.survey, request.answers, request.readErrors, request.otherTextRequired);
    if (checked.errors.length > 0) {
      const prior = this.priorAnswer(request);
      return prior ? { kind: 'duplicate', duplicate: prior } : { kind: 'invalid', errors: checked.errors };
    }
    const receipts = receiptsFor(request.survey, checked.status, checked.answers);
    // A number nobody needs to call back is not kept: only a response that opens a receipt keeps it.
    const replyContact = receipts.length > 0 ? request.replyContact ?? null : null;
    const stored = await this.sink.write({
      roundId: request.round.id,
      gridId: request.gridId,
      channel: request.channel,
      status: checked.status,
      answers: checked.answers,
      survey: request.survey,
      receipts,
      replyContact,
      deviceHash: request.deviceHash ?? null,
      submissionKey: request.submissionKey ?? null,
      inviteId: request.inviteId ?? null,
      interviewerId: request.interviewerId ?? null,
      contactId: request.contactId ?? null,
      startedAt: request.startedAt ?? null,
      address: request.address,
    });
    if (stored.ok) return { kind: 'stored', id: stored.id, status: checked.status, held: stored.held === true, replyKept: replyContact !== null };
    return 'duplicate' in stored ? { kind: 'duplicate', duplicate: stored.duplicate } : { kind: 'refused', refusal: stored.refused };
  }

  /**
   * Many responses of one round and channel, all or nothing, with their audit entry in the same transaction (the
   * CLI paper import). Synchronous: the command runs alone in its process, so there is nothing to batch with.
   */
  submitBatch(target: Omit<SubmissionTarget, 'gridId'>, channel: ChannelName, items: readonly BatchItem[], audit: BatchAudit): BatchOutcome {
    const refusal = this.refusal(target.round, channel);
    if (refusal) return { kind: 'refused', refusal };
    const errors: Array<{ index: number; error: AnswerError }> = [];
    const rows: NewResponse[] = [];
    items.forEach((item, index) => {
      const checked = checkOf(target.survey, item.answers);
      for (const error of checked.errors) errors.push({ index, error });
      rows.push(responseOf({ ...target, gridId: item.gridId }, channel, checked));
    });
    if (errors.length > 0) return { kind: 'invalid', errors };
    try {
      const ids = writeTransaction(this.db, () => {
        const stored = this.repos.responses.insertMany(rows);
        this.repos.audit.record(audit.userId, audit.action, { ...audit.detail, responses: stored.length });
        return stored;
      });
      const screenedOut = rows.filter((r) => r.status === 'screened_out').length;
      return { kind: 'stored', ids, complete: ids.length - screenedOut, screenedOut };
    } catch (err) {
      if (err instanceof RoundRefusedError) return { kind: 'refused', refusal: err.refusal };
      if (err instanceof DuplicateResponseError) return { kind: 'duplicate', duplicate: err.duplicate };
      throw err;
    }
  }
}

/** A sink writing each response in its own transaction, for processes without a group-commit writer (the CLI). */
export function directSink(repos: Repos): ResponseSink {
  return { write: async (response) => repos.responses.insert(response) };
}
