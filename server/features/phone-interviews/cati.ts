// Phone interviews from the roster (CATI): drawing the next number, recording a call's outcome, and storing a
// completed interview through the one submission path (features/responses/submissions.ts, channel phone) together with the
// call that produced it, in one transaction: both or neither. The rules are the domain's (features/phone-interviews/core/*); routes
// translate forms into these calls and the answers into pages.
import type { Db } from '../../platform/db.js';
import type { Repos } from '../../platform/repos.js';
import { NotYourCallError, type HeldCall, type OutcomeWrite } from './cati-repo.js';
import { storeResponse, type InsertResult, type NewResponse } from '../responses/responses-service.js';
import type { Round } from '../../core/rounds/round.js';
import type { StaffUser } from '../../core/auth/staff.js';
import type { Answers, Survey } from '../../core/survey/model.js';
import { intakeRefusal, stateRefusal, type IntakeRefusal } from '../responses/core/intake.js';
import { contactMarkOf, dispositionOf, outcomeOfStoredResponse, type CallOutcome } from './core/outcomes.js';
import { appointmentRefusal, caseAfterOutcome, CLAIM_MINUTES, minutesLater } from './core/next-number.js';
import { SubmissionService, type SubmissionOutcome } from '../responses/submissions.js';

export type DrawOutcome = { kind: 'drawn'; contactId: number } | { kind: 'none' } | { kind: 'refused'; refusal: IntakeRefusal };

export interface OutcomeInput {
  round: Round;
  user: StaffUser;
  contactId: number;
  outcome: Exclude<CallOutcome, 'complete'>;
  neverCallAgain: boolean;
  appointmentAt?: Date;
  now: Date;
}

export type RecordOutcome =
  | { kind: 'recorded' }
  | { kind: 'not_yours' }
  | { kind: 'bad_appointment'; message: string }
  | { kind: 'refused'; refusal: IntakeRefusal };

/** The round stopped taking calls (closed) before the outcome's transaction: thrown inside it, nothing is stored. */
class RoundRefusedCall extends Error {
  constructor(readonly refusal: IntakeRefusal) {
    super(refusal.message);
    this.name = 'RoundRefusedCall';
  }
}

export interface CompleteInput {
  round: Round;
  user: StaffUser;
  contactId: number;
  survey: Survey;
  answers: Answers;
  now: Date;
}

export type CompleteOutcome = SubmissionOutcome | { kind: 'not_yours' };

export class CatiService {
  constructor(private readonly db: Db, private readonly repos: Repos) {}

  /** The next number of the user's grids in the round (or the one they hold), held for them for CLAIM_MINUTES. */
  nextNumber(round: Round, user: StaffUser, roundGridIds: readonly number[], scopeGridIds: readonly number[], now: Date): DrawOutcome {
    const refusal = intakeRefusal(round, 'phone');
    if (refusal) return { kind: 'refused', refusal };
    const drawn = this.repos.cati.draw(round.id, roundGridIds, user.id, scopeGridIds, now, minutesLater(now, CLAIM_MINUTES));
    return drawn === undefined ? { kind: 'none' } : { kind: 'drawn', contactId: drawn };
  }

  /** The call this user holds, open; undefined (and the attempt audited as abuse) when it is not theirs or closed. */
  heldOpen(round: Round, user: StaffUser, contactId: number, action: string): HeldCall | undefined {
    const call = this.repos.cati.heldCall(round.id, contactId, user.id);
    if (call && !call.closed) return call;
    this.refuseAsAbuse(round, user, contactId, action);
    return undefined;
  }

  /** Any outcome but a completed interview: a call record, the case moved on, the number released. */
  recordOutcome(input: OutcomeInput): RecordOutcome {
    const { round, user, contactId, outcome, now } = input;
    if (outcome === 'appointment') {
      const message = appointmentRefusal(input.appointmentAt, now);
      if (message) return { kind: 'bad_appointment', message };
    }
    const call = this.heldOpen(round, user, contactId, outcome);
    if (!call) return { kind: 'not_yours' };
    // A call's outcome enters the round's results (AAPOR rates): read inside the transaction, a close that committed
    // meanwhile refuses it, so a closed round's results never move (docs/rules.md#closing-a-round).
    const stillOpen = () => {
      const refusal = stateRefusal(this.repos.rounds.getById(round.id)?.state ?? 'closed');
      if (refusal) throw new RoundRefusedCall(refusal);
    };
    try {
      this.repos.cati.recordOutcome(this.writeOf(round, call, outcome, input.neverCallAgain, now, input.appointmentAt), stillOpen);
      return { kind: 'recorded' };
    } catch (err) {
      if (err instanceof RoundRefusedCall) return { kind: 'refused', refusal: err.refusal };
      if (!(err instanceof NotYourCallError)) throw err;
      this.refuseAsAbuse(round, user, contactId, outcome);
      return { kind: 'not_yours' };
    }
  }

  /**
   * A completed interview: checked and stored by the submission service (channel phone, with interviewer and
   * contact), and in the same transaction the call linked to it; a screened-out form is recorded as not eligible.
   * Answers that fail the questionnaire's checks store nothing and come back as `invalid`.
   */
  async complete(input: CompleteInput): Promise<CompleteOutcome> {
    const { round, user, contactId, now } = input;
    const call = this.heldOpen(round, user, contactId, 'complete');
    if (!call) return { kind: 'not_yours' };
    const sink = {
      write: async (response: NewResponse): Promise<InsertResult> => {
        const outcome = outcomeOfStoredResponse(response.status);
        const write = this.writeOf(round, call, outcome, false, new Date());
        return this.repos.cati.recordWithResponse(write, () => storeResponse(this.repos, response), (r) => (r.ok ? r.id : undefined));
      },
    };
    try {
      return await new SubmissionService(this.db, this.repos, sink).submit({
        round, gridId: call.gridId, survey: input.survey, channel: 'phone', answers: input.answers,
        interviewerId: user.id, contactId, startedAt: call.claimedAt,
      });
    } catch (err) {
      if (!(err instanceof NotYourCallError)) throw err;
      this.refuseAsAbuse(round, user, contactId, 'complete');
      return { kind: 'not_yours' };
    }
  }

  private writeOf(round: Round, call: HeldCall, outcome: CallOutcome, neverCallAgain: boolean, now: Date, appointmentAt?: Date): OutcomeWrite {
    const before = { attempts: call.attempts, reached: call.reached };
    return {
      roundId: call.roundId,
      roundCode: round.code,
      contactId: call.contactId,
      interviewerId: call.interviewerId,
      outcome,
      disposition: dispositionOf(outcome, call.reached),
      before,
      after: caseAfterOutcome(before, outcome, this.repos.cati.rules(call.roundId), now, appointmentAt),
      mark: contactMarkOf(outcome, neverCallAgain),
      startedAt: call.claimedAt,
      endedAt: now.toISOString(),
    };
  }

  private refuseAsAbuse(round: Round, user: StaffUser, contactId: number, action: string): void {
    this.repos.audit.record(user.id, 'cati.refused', { round: round.code, contact: contactId, action });
  }
}
