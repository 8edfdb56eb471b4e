// What an interviewer can record at the end of a phone attempt (CATI), and what each outcome means for the AAPOR
// rates (docs/statistics.md#aapor-rates), for the case (may it be tried again this round?) and for the roster contact
// (is the number ever to be called again?). The AAPOR codes cited are those of the Standard Definitions' table for
// telephone surveys; the final disposition of a case is that of its latest attempt (core/calls/final-disposition.ts).
import type { CallDisposition } from '../../../core/calls/call.js';
import type { ContactStatus } from '../../../core/calls/contact.js';

export type CallOutcome =
  | 'complete' | 'partial' | 'refusal' | 'break_off' | 'no_answer' | 'busy' | 'switched_off' | 'suspended'
  | 'invalid_number' | 'not_eligible' | 'appointment';

export const CALL_OUTCOMES: readonly CallOutcome[] = [
  'complete', 'partial', 'refusal', 'break_off', 'no_answer', 'busy', 'switched_off', 'suspended', 'invalid_number',
  'not_eligible', 'appointment',
];

export const OUTCOME_LABELS: Readonly<Record<CallOutcome, string>> = {
  complete: '完成',
  partial: '部分完成',
  refusal: '拒访',
  break_off: '中途挂断',
  no_answer: '无人接听',
  busy: '占线',
  switched_off: '关机',
  suspended: '停机',
  invalid_number: '空号',
  not_eligible: '非本地居民/不符合条件',
  appointment: '约访',
};

export interface OutcomeRule {
  /** The AAPOR disposition when nobody of the number was ever reached in this round. */
  disposition: CallDisposition;
  /** The disposition once someone was reached (a known household), where that differs. */
  dispositionWhenReached?: CallDisposition;
  /** Whether the number may be tried again in this round (within the round's attempt and spacing rules). */
  retry: boolean;
  /** Whether this attempt reached a person of the household: later no-answers are then non-contacts. */
  reached: boolean;
  /** The roster status this outcome gives the contact (beyond this round); none when it leaves it as it is. */
  marksContact?: ContactStatus;
}

// Why each mapping:
// - 完成 → complete (I, AAPOR 1.1). The case is finished.
// - 部分完成 → partial (P, 1.2): the interview broke off after enough questions to count as a partial. Finished: the
//   answers of an unfinished form are not stored, and calling a resident back to finish reads as pressure.
// - 拒访 → refusal (R, 2.11/2.12): finished. With 拒绝再访 the resident asked never to be called: do_not_call.
// - 中途挂断 → refusal/break-off (R, 2.12, break-off before a partial). The line may simply have dropped, so the
//   number may be retried within the round's rules; if it is not, the break-off stays the final disposition.
// - 无人接听, 占线, 关机 → unknown_household (UH, 3.13 no answer / 3.12 always busy / 3.16 technical problems) as long
//   as nobody was ever reached, since nothing tells whether the number belongs to an eligible household; once a
//   person was reached in an earlier attempt (an appointment, a break-off), the household is known and the same
//   outcome is a non-contact with an eligible respondent (NC, 2.21). Retried.
// - 停机 → not_eligible (NE, 4.33 temporarily out of service, under non-working numbers) and the contact is marked
//   suspended, so it is skipped until someone restores it in the roster.
// - 空号 → not_eligible (NE, 4.31 non-working number); the contact is marked invalid.
// - 非本地居民/不符合条件 → not_eligible (NE, 4.70 no eligible respondent / 4.10 out of sample). Finished.
// - 约访 → non_contact (NC, 2.21): a person was reached and an eligible respondent exists, but the interview did not
//   take place; this is the final disposition only when the appointment is never kept. The case comes back at the
//   appointed time, before any other number.
export const OUTCOME_RULES: Readonly<Record<CallOutcome, OutcomeRule>> = {
  complete: { disposition: 'complete', retry: false, reached: true },
  partial: { disposition: 'partial', retry: false, reached: true },
  refusal: { disposition: 'refusal', retry: false, reached: true },
  break_off: { disposition: 'refusal', retry: true, reached: true },
  no_answer: { disposition: 'unknown_household', dispositionWhenReached: 'non_contact', retry: true, reached: false },
  busy: { disposition: 'unknown_household', dispositionWhenReached: 'non_contact', retry: true, reached: false },
  switched_off: { disposition: 'unknown_household', dispositionWhenReached: 'non_contact', retry: true, reached: false },
  suspended: { disposition: 'not_eligible', retry: false, reached: false, marksContact: 'suspended' },
  invalid_number: { disposition: 'not_eligible', retry: false, reached: false, marksContact: 'invalid' },
  not_eligible: { disposition: 'not_eligible', retry: false, reached: true },
  appointment: { disposition: 'non_contact', retry: true, reached: true },
};

export function isCallOutcome(value: string): value is CallOutcome {
  return (CALL_OUTCOMES as readonly string[]).includes(value);
}

/** The AAPOR disposition of an attempt with this outcome, given whether anyone was reached in an earlier attempt. */
export function dispositionOf(outcome: CallOutcome, reachedBefore: boolean): CallDisposition {
  const rule = OUTCOME_RULES[outcome];
  return reachedBefore && rule.dispositionWhenReached ? rule.dispositionWhenReached : rule.disposition;
}

/**
 * The roster status the attempt leaves the contact with: the outcome's own mark, or do_not_call for a refusal when
 * the resident asked never to be called again (拒绝再访). Undefined: the contact's status is left as it is.
 */
export function contactMarkOf(outcome: CallOutcome, neverCallAgain: boolean): ContactStatus | undefined {
  if (outcome === 'refusal' && neverCallAgain) return 'do_not_call';
  return OUTCOME_RULES[outcome].marksContact;
}

/**
 * A completed form the questionnaire's screening ended (lived here under a year, under 18) is not an interview:
 * the attempt is recorded as not eligible, with the screened-out response attached.
 */
export function outcomeOfStoredResponse(status: 'complete' | 'screened_out'): CallOutcome {
  return status === 'complete' ? 'complete' : 'not_eligible';
}
