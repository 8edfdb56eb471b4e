// Schemas of the phone-interview workstation (/cati). Questionnaire fields (q_<id>) arrive like the resident form's.
import { Type, type Static } from '@sinclair/typebox';
import { IntegerParam } from '../../web/integer-params.js';
import { CsrfField, RoundCode, textForm } from '../../web/staff/schemas.js';
import { questionnaireForm } from '../resident-form/schemas.js';

export const CatiRoundParams = Type.Object({ code: RoundCode });
export type CatiRoundParams = Static<typeof CatiRoundParams>;

/** `empty`: set when 下一个号码 found no number due; `recorded`: the outcome just recorded. */
export const CatiRoundQuery = Type.Object({
  empty: Type.Optional(Type.String({ maxLength: 10 })),
  recorded: Type.Optional(Type.String({ maxLength: 30 })),
});
export type CatiRoundQuery = Static<typeof CatiRoundQuery>;

export const CatiCallParams = Type.Object({ code: RoundCode, contact: IntegerParam(1) });
export type CatiCallParams = Static<typeof CatiCallParams>;

export const CatiRulesBody = textForm(10, 'max_attempts', 'retry_minutes');
export type CatiRulesBody = Static<typeof CatiRulesBody>;

/**
 * The call screen's form: the pressed outcome button, 拒绝再访, the appointment time, the ids of the questions that
 * were on the screen, and the answers (`q_<questionId>`).
 */
export const CatiOutcomeBody = questionnaireForm(['outcome', 'never_again', 'appointment_at', 'shown'], { _csrf: CsrfField });
export type CatiOutcomeBody = Static<typeof CatiOutcomeBody>;
