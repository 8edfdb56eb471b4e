// The phone number a resident may leave next to a suggestion so the person handling it can answer back ("如需回复，
// 请留下电话"). Optional; when given it must be a number the roster's rules accept (core/privacy/phone.ts: a mainland
// mobile or a landline with its area code, no extension). Kept in its canonical form, sealed at rest, shown masked.
import { parsePhone } from './phone.js';
import type { Survey } from '../survey/model.js';

/** The form field's name: not a question of the questionnaire, so it never enters the answers or their exports. */
export const REPLY_CONTACT_FIELD = 'reply_contact';
export const REPLY_CONTACT_LABEL = '如需回复，请留下电话';
// The label already says （选填）: the hint does not say it again.
export const REPLY_CONTACT_HINT = '手机或带区号的固定电话，仅供处理您所反映问题的工作人员回复您，不会公开。';
export const REPLY_CONTACT_INVALID = '请填写正确的手机号码（11位）或带区号的固定电话，如 0731-84561234；不需要回复可以不填';

export interface ReplyContact {
  /** The canonical number (13812345678, 0731-84561234): what a tel: link dials. */
  digits: string;
  /** 138****5678 or 0731-****1234. */
  masked: string;
}

export type ReplyContactReading = { kind: 'none' } | { kind: 'given'; contact: ReplyContact } | { kind: 'invalid'; message: string };

/** The number as the resident typed it, normalised; an empty field is no contact, anything unusable an error. */
export function readReplyContact(raw: string | undefined): ReplyContactReading {
  const typed = (raw ?? '').trim();
  if (typed === '') return { kind: 'none' };
  if (typed.length > 40) return { kind: 'invalid', message: REPLY_CONTACT_INVALID };
  const parsed = parsePhone(typed);
  if (!parsed.ok) return { kind: 'invalid', message: `${REPLY_CONTACT_INVALID}（${parsed.problem}）` };
  return { kind: 'given', contact: { digits: parsed.phone.canonical, masked: parsed.phone.masked } };
}

/** Whether a questionnaire's form offers the contact field: only with a text question that opens a receipt. */
export function offersReplyContact(survey: Survey): boolean {
  return [...survey.screening, ...survey.questions].some((q) => q.type === 'text' && q.receipt === true);
}
