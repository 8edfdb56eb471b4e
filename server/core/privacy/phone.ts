// The rules for a roster number: what a committee's spreadsheet may hold in its number column, the one canonical
// form a number is stored, deduplicated and dialled in, and the masked form every page shows.
//
// Canonical forms: a mainland mobile is its 11 digits (13812341234); a landline is area code, a dash and the local
// number (0731-84123456). Spaces, dashes, dots, brackets, a +86/0086 country prefix, full-width digits and Chinese
// numerals (一三八…) are accepted on the way in. Extensions are refused rather than kept: an interviewer cannot dial
// "转 801" from a tel: link, and two rows differing only in the extension would be one household called twice; the
// message says to put the extension in the note instead.

import { toAsciiDigits } from './digits.js';
import { maskPersonalData } from './personal-data.js';

export type PhoneKind = 'mobile' | 'landline';

export interface PhoneNumber {
  kind: PhoneKind;
  /** The stored, deduplicated and dialled form. */
  canonical: string;
  /** What pages show: 138****1234, 0731-****5678. */
  masked: string;
}

export type PhoneParse = { ok: true; phone: PhoneNumber } | { ok: false; problem: string };

/** Separators people type between digit groups (ASCII and full-width spaces, dashes, dots, brackets). */
const SEPARATORS = /[\s\u00A0\u3000\-\uFF0D\u2010-\u2015.\uFF0E()\uFF08\uFF09]/g;
const EXTENSION = /(?:转|分机|ext\.?|x|#)\s*\d+$/i;

function asciiDigits(text: string): string {
  return toAsciiDigits(text).replace(/\uFF0B/g, '+');
}

/** Beijing (010) and the big cities (020–029) have 3-digit area codes, every other area 4. */
function areaLength(digits: string): 3 | 4 {
  return /^0(?:10|2\d)/.test(digits) ? 3 : 4;
}

export function maskMobile(canonical: string): string {
  return `${canonical.slice(0, 3)}****${canonical.slice(-4)}`;
}

export function maskLandline(area: string, local: string): string {
  return `${area}-${'*'.repeat(Math.max(0, local.length - 4))}${local.slice(-4)}`;
}

/** The masked form of a canonical number (as stored), for rows whose masked copy is recomputed. */
export function maskCanonical(canonical: string): string {
  const dash = canonical.indexOf('-');
  return dash < 0 ? maskMobile(canonical) : maskLandline(canonical.slice(0, dash), canonical.slice(dash + 1));
}

function landline(area: string, local: string, shown: string): PhoneParse {
  if (!/^[2-9]\d{6,7}$/.test(local)) {
    return { ok: false, problem: `固定电话 "${shown}" 的号码部分应为 7–8 位数字（不以 0 或 1 开头）` };
  }
  return { ok: true, phone: { kind: 'landline', canonical: `${area}-${local}`, masked: maskLandline(area, local) } };
}

/** A landline in digits (leading 0 included); `typedArea` is the area code's length when the person typed a
 * separator after it, which then decides over the 3/4 rule. */
function parseLandline(digits: string, typedArea: number, shown: string): PhoneParse {
  if (digits.length < 10 || digits.length > 12) {
    return { ok: false, problem: `固定电话 "${shown}" 位数不对：应为区号（3–4 位，以 0 开头）加 7–8 位号码` };
  }
  const length = typedArea === 3 || typedArea === 4 ? typedArea : areaLength(digits);
  if (length === 3 && !/^0(?:10|2\d)$/.test(digits.slice(0, 3))) {
    return { ok: false, problem: `固定电话 "${shown}" 的区号 "${digits.slice(0, 3)}" 无效` };
  }
  return landline(digits.slice(0, length), digits.slice(length), shown);
}

/** Digits without the +86 / 0086 country prefix, and whether there was one. */
function withoutCountry(compact: string): { digits: string; international: boolean } {
  const m = /^(?:\+|00)86(\d+)$/.exec(compact);
  if (m) return { digits: m[1], international: true };
  // "86 138…" without the + is common in exported address books; only taken as a country code before a mobile.
  const bare = /^86(1[3-9]\d{9})$/.exec(compact);
  return bare ? { digits: bare[1], international: true } : { digits: compact, international: false };
}

/** Parses one number as typed in a roster file or form; a Chinese problem text when it is not a usable number. */
export function parsePhone(raw: string): PhoneParse {
  const typed = raw.trim();
  // Problem texts quote what was typed; a near-miss may still hold a real number, so it is quoted masked.
  const shown = maskPersonalData(typed);
  if (typed === '') return { ok: false, problem: '号码为空' };
  const text = asciiDigits(typed);
  if (EXTENSION.test(text.replace(SEPARATORS, ''))) {
    return { ok: false, problem: `号码 "${shown}" 带有分机号：请只填总机号码，分机号写在备注中` };
  }
  // The first group's length, when the person separated the area code themselves ("0731-8412 3456").
  const firstGroup = /^\s*(?:(?:\+|00)86[\s-]*)?\(?(\d+)[)\s\-.\uFF0D\u2010-\u2015]/.exec(text)?.[1]?.length ?? 0;
  const compact = text.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, problem: `号码 "${shown}" 含有数字以外的字符` };
  if (/^(?:\+|00)(?!86)/.test(compact)) return { ok: false, problem: `号码 "${shown}" 不是中国大陆号码（国家代码应为 +86）` };
  const { digits, international } = withoutCountry(compact);
  if (/^1/.test(digits)) {
    if (!/^1[3-9]\d{9}$/.test(digits)) {
      return { ok: false, problem: `手机号码 "${shown}" 无效：应为 11 位，以 13–19 开头` };
    }
    return { ok: true, phone: { kind: 'mobile', canonical: digits, masked: maskMobile(digits) } };
  }
  // +86 731 8412 3456: abroad the area code's 0 is dropped.
  if (international && /^[2-9]/.test(digits)) return parseLandline(`0${digits}`, firstGroup > 0 ? firstGroup + 1 : 0, shown);
  if (/^0/.test(digits)) return parseLandline(digits, firstGroup, shown);
  return { ok: false, problem: `号码 "${shown}" 无效：手机号应为 11 位（以 1 开头），固定电话应带区号（以 0 开头）` };
}
