// Finding one resident in the roster: staff type a whole number — matched by its keyed hash, since the
// number is stored sealed and a part of it cannot be looked up — or part of a name. This reads what was typed.
import { parsePhone, type PhoneNumber } from '../../../core/privacy/phone.js';

export type RosterSearch =
  | { kind: 'number'; phone: PhoneNumber }
  | { kind: 'name'; text: string }
  | { kind: 'problem'; message: string };

/** Digits with what people type between them: a number, not a name. */
const NUMBER_LIKE = /^[+\uFF0B]?[\d\uFF10-\uFF19\s\u3000\-\uFF0D().\uFF08\uFF09]+$/;
export const MAX_SEARCH_CHARS = 50;

export function readRosterSearch(typed: string): RosterSearch {
  const text = typed.trim();
  if (text === '') return { kind: 'problem', message: '请输入要查找的完整号码或姓名' };
  if (text.length > MAX_SEARCH_CHARS) return { kind: 'problem', message: `查找内容最多 ${MAX_SEARCH_CHARS} 个字` };
  if (!NUMBER_LIKE.test(text)) return { kind: 'name', text };
  const phone = parsePhone(text);
  // The message never repeats the digits: a number is not shown in clear, not even a mistyped one.
  if (!phone.ok) return { kind: 'problem', message: '号码不完整或无效：请输入完整的手机号（11 位）或带区号的固定电话' };
  return { kind: 'number', phone: phone.phone };
}
