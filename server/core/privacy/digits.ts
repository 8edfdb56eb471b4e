// The characters people write a digit with, beyond ASCII: full-width digits (Ｏ–９, typed on a Chinese keyboard in
// full-width mode) and Chinese numerals (一三九八八八八七七七七 is how a number is often written out to slip past a
// filter, and how a phone number is read aloud: 幺 for 1). Both the masking of free text and the roster's number
// parser read through this one table, so a number written any of these ways is found, masked and stored alike.
//
// Only the numerals that stand for a single digit are here (〇/零 to 九, their financial forms 壹–玖, 幺 and 两);
// 十, 百 and 千 make amounts, not digit strings, and a phone number is never written with them.

const CHINESE_DIGITS: Readonly<Record<string, string>> = {
  '〇': '0', '○': '0', '零': '0',
  '一': '1', '壹': '1', '幺': '1',
  '二': '2', '贰': '2', '两': '2',
  '三': '3', '叁': '3',
  '四': '4', '肆': '4',
  '五': '5', '伍': '5',
  '六': '6', '陆': '6',
  '七': '7', '柒': '7',
  '八': '8', '捌': '8',
  '九': '9', '玖': '9',
};

/** A regular-expression character class body (without brackets) matching every non-ASCII digit form above. */
export const OTHER_DIGIT_CLASS = `\\uFF10-\\uFF19${Object.keys(CHINESE_DIGITS).join('')}`;

const OTHER_DIGIT = new RegExp(`[${OTHER_DIGIT_CLASS}]`, 'g');

/** `text` with full-width digits and Chinese numerals replaced by ASCII digits; everything else untouched. */
export function toAsciiDigits(text: string): string {
  return text.replace(OTHER_DIGIT, (c) => CHINESE_DIGITS[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30));
}
