// Phone and ID-card numbers that residents type into free text (suggestions, "other" answers). They are found and
// masked before any page, export or bulletin shows the text: a suggestion is read by many people, the number in it
// was meant for one (the person handling the receipt, who gets the original through the encrypted copy).
//
// What is found: mainland mobile numbers (1[3-9] and 9 more digits, with spaces or dashes, with or without +86/0086),
// landlines with an area code (0 + 2–3 digits, then 7–8 digits), ID-card numbers (17 digits + a digit or X), in
// ASCII or full-width digits or Chinese numerals (一三九… , see digits.ts). A run of 11 or more digits that is none of these (two numbers typed together, a bank
// card) is masked the same way: a suggestion never needs that many digits to be understood.

import { OTHER_DIGIT_CLASS, toAsciiDigits } from './digits.js';

export type PersonalDataKind = 'mobile' | 'landline' | 'id-card' | 'long-number';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** Span in the original text (UTF-16 indices, end exclusive). */
  start: number;
  end: number;
  masked: string;
}

const DIGIT = `[0-9${OTHER_DIGIT_CLASS}]`;
// Between the groups of one number: spaces (ASCII, no-break, ideographic), dashes of every width, brackets, dots.
const SEPARATOR = '[ \\t\\u00A0\\u3000\\-\\uFF0D\\u2010-\\u2015()\\uFF08\\uFF09.\\uFF0E]';
/** A run of digit groups joined by at most two separators, maybe opened by + and closed by an X (ID cards). */
const RUN = new RegExp(`[+\\uFF0B]?${DIGIT}+(?:${SEPARATOR}{1,2}${DIGIT}+)*[xX\\uFF38\\uFF58]?`, 'g');
const GROUP = new RegExp(`${DIGIT}+[xX\\uFF38\\uFF58]?`, 'g');

/** The longest any one number can be, in digits (0086 + 11, or an ID card's 18). */
const MAX_DIGITS = 18;
const LONG_NUMBER_DIGITS = 11;
// An ID card carries a birth date in digits 7–14; requiring a plausible one keeps two phone numbers typed one after
// the other from reading as an ID card (and a mistyped ID card is still caught: by its date, or as a long number).
const ID_CARD = /^\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]$/;

interface Group {
  start: number;
  end: number;
  digits: string;
}

/** ASCII digits (and a capital X) for full-width, Chinese-numeral or ASCII input. */
function asciiDigits(text: string): string {
  return toAsciiDigits(text).replace(/[xX\uFF38\uFF58]/, 'X');
}

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n));
}

/** The masked form of a whole number, or undefined when `digits` is not a mobile, landline or ID-card number. */
function classify(digits: string, firstGroupLength: number): { kind: PersonalDataKind; masked: string } | undefined {
  if (ID_CARD.test(digits)) return { kind: 'id-card', masked: `${digits.slice(0, 3)}${stars(11)}${digits.slice(-4)}` };
  const mobile = /^(?:00)?(?:86)?(1[3-9]\d{9})$/.exec(digits);
  if (mobile) return { kind: 'mobile', masked: `${mobile[1].slice(0, 3)}****${mobile[1].slice(-4)}` };
  if (/^0\d{9,11}$/.test(digits)) {
    // Beijing, Tianjin, Shanghai, Chongqing and the big cities (010, 02x) have 3-digit area codes, the rest 4;
    // a separator the resident typed after the area code says it directly.
    const typed = firstGroupLength === 3 || firstGroupLength === 4 ? firstGroupLength : 0;
    const area = typed || (/^0[12]/.test(digits) ? 3 : 4);
    return { kind: 'landline', masked: `${digits.slice(0, area)}-${stars(digits.length - area - 2)}${digits.slice(-2)}` };
  }
  return undefined;
}

function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  for (const m of run.matchAll(GROUP)) {
    const start = offset + (m.index ?? 0);
    groups.push({ start, end: start + m[0].length, digits: asciiDigits(m[0]) });
  }
  return groups;
}

/** The longest stretch of groups from `from` that reads as one number, as [last group index, classification]. */
function longestNumberFrom(groups: readonly Group[], from: number) {
  let digits = '';
  let best: { to: number; kind: PersonalDataKind; masked: string } | undefined;
  for (let to = from; to < groups.length; to += 1) {
    digits += groups[to].digits;
    if (digits.length > MAX_DIGITS) break;
    if (digits.includes('X') && to < groups.length - 1) break;
    const found = classify(digits, groups[from].digits.length);
    if (found) best = { to, ...found };
  }
  return best;
}

function matchesInRun(runStart: number, run: string): PersonalDataMatch[] {
  const groups = groupsOf(run, runStart);
  const matches: PersonalDataMatch[] = [];
  const plus = /^[+\uFF0B]/.test(run);
  for (let i = 0; i < groups.length; ) {
    const found = longestNumberFrom(groups, i);
    if (found) {
      // A leading + belongs to the number it opens (+86 …), so it goes with the mask.
      const start = i === 0 && plus ? runStart : groups[i].start;
      matches.push({ kind: found.kind, start, end: groups[found.to].end, masked: found.masked });
      i = found.to + 1;
      continue;
    }
    const g = groups[i];
    const plain = g.digits.replace('X', '');
    if (plain.length >= LONG_NUMBER_DIGITS) {
      matches.push({ kind: 'long-number', start: g.start, end: g.end, masked: `${plain.slice(0, 3)}${stars(plain.length - 7)}${plain.slice(-4)}` });
    }
    i += 1;
  }
  return matches;
}

/** Every phone, ID-card or long number in `text`, in order, with its masked form. */
export function findPersonalData(text: string): PersonalDataMatch[] {
  const matches: PersonalDataMatch[] = [];
  for (const m of text.matchAll(RUN)) {
    const digitCount = toAsciiDigits(m[0]).replace(/[^0-9]/g, '').length;
    if (digitCount < 10) continue;
    for (const found of matchesInRun(m.index ?? 0, m[0])) matches.push(found);
  }
  return matches;
}

/** `text` with every number findPersonalData finds replaced by its masked form; other text untouched. */
export function maskPersonalData(text: string): string {
  if (text === '') return text;
  const matches = findPersonalData(text);
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.start) + m.masked;
    at = m.end;
  }
  return out + text.slice(at);
}

export function containsPersonalData(text: string): boolean {
  return findPersonalData(text).length > 0;
}
