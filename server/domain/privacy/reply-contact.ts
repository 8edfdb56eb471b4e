// The phone number a resident may leave next to a suggestion so the person handling it can answer back ("如需回复，
// 请留下电话"). Optional; when given it must be a mainland mobile (1[3-9] + 9 digits, +86/0086 allowed) or a landline
// with its area code (0 + 2–3 digits, then 7–8 digits). Kept as bare digits, sealed at rest, shown masked.
import { maskPersonalData } from './personal-data.js';
import type { Survey } from '../survey/model.js';

/** The form field's name: not a question of the questionnaire, so it never enters the answers or their exports. */
export const REPLY_CONTACT_FIELD = 'reply_contact';
export const REPLY_CONTACT_LABEL = '如需回复，请留下电话';
export const REPLY_CONTACT_HINT = '选填。手机或带区号的固定电话，仅供处理您所反映问题的工作人员回复您，不会公开。';
export const REPLY_CONTACT_INVALID = '请填写正确的手机号码（11位）或带区号的固定电话，如 0731-84561234；不需要回复可以不填';

export interface ReplyContact {
  /** Bare digits: 11 for a mobile, 10–12 for a landline (area code included). */
  digits: string;
  /** 138****1234 or 0731-******34. */
  masked: string;
}

export type ReplyContactReading = { kind: 'none' } | { kind: 'given'; contact: ReplyContact } | { kind: 'invalid'; message: string };

/** Full-width digits as ASCII; spaces, dashes, dots and brackets dropped. */
function bareDigits(raw: string): string {
  const ascii = raw.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30)).replace(/\uFF0B/g, '+');
  return ascii.replace(/[\s\u3000\-\uFF0D\u2010-\u2015().\uFF08\uFF09\uFF0E]/g, '');
}

/** The number as the resident typed it, normalised; an empty field is no contact, anything unreadable an error. */
export function readReplyContact(raw: string | undefined): ReplyContactReading {
  const typed = (raw ?? '').trim();
  if (typed === '') return { kind: 'none' };
  if (typed.length > 40) return { kind: 'invalid', message: REPLY_CONTACT_INVALID };
  const digits = bareDigits(typed);
  const mobile = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(digits);
  if (mobile) return given(mobile[1]);
  if (/^0[1-9]\d{8,10}$/.test(digits)) return given(digits);
  return { kind: 'invalid', message: REPLY_CONTACT_INVALID };
}

function given(digits: string): ReplyContactReading {
  return { kind: 'given', contact: { digits, masked: maskPersonalData(digits) } };
}

/** Whether a questionnaire's form offers the contact field: only with a text question that opens a receipt. */
export function offersReplyContact(survey: Survey): boolean {
  return [...survey.screening, ...survey.questions].some((q) => q.type === 'text' && q.receipt === true);
}
