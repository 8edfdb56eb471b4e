// The rules of household codes (入户邀请码), docs/rules.md#invite-only-rounds: what a code looks like, how what a
// resident typed is read, how many a batch may hold, and how printed slips fall onto A4 sheets. Pure: the keys that
// derive and hash codes are in ../household-keys.ts.
import { toAsciiDigits } from '../../../core/privacy/digits.js';

/** Twelve digits: typed on a phone's number pad, read aloud without ambiguity (no letters like O/0 or l/1). */
export const CODE_DIGITS = 12;
const CODE_SPACE = 10n ** BigInt(CODE_DIGITS);

/** Codes a batch may hold: a grid has at most a few thousand households; more is a typing slip. */
export const MAX_BATCH = 2000;

/** A code made of the first 8 bytes of a keyed digest: uniform over 10^12 to within 1 part in 10^7. */
export function codeFromDigest(digest: Uint8Array): string {
  if (digest.length < 8) throw new Error('a household code needs 8 bytes of digest');
  let n = 0n;
  for (let i = 0; i < 8; i++) n = (n << 8n) | BigInt(digest[i]);
  return (n % CODE_SPACE).toString().padStart(CODE_DIGITS, '0');
}

/** "1234 5678 9012": printed in groups of four, as residents read and type it. */
export function formatCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}


export type CodeReading = { kind: 'empty' } | { kind: 'malformed' } | { kind: 'code'; code: string };

/**
 * What a resident typed, read as a code: spaces, dashes, full-width digits and Chinese numerals are forgiven (the
 * slip prints groups of four); anything else that is not exactly twelve digits is malformed.
 */
export function readCode(typed: string | undefined): CodeReading {
  const text = toAsciiDigits(typed ?? '').replace(/[\s\-－—_.·]/g, '');
  if (text === '') return { kind: 'empty' };
  return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(text) ? { kind: 'code', code: text } : { kind: 'malformed' };
}

/** The Chinese message of each reason a typed code is not taken (the form shows it by the field). */
export const CODE_MESSAGES = {
  empty: '本次调查凭入户邀请码填写，请输入邀请单上的 12 位邀请码',
  malformed: '邀请码应为 12 位数字，请对照邀请单重新输入',
  unknown: '邀请码不正确，请对照邀请单核对后重新输入（每户的邀请单只能在本网格使用）',
  used: '该邀请码已经提交过答卷，每个邀请码只能使用一次',
} as const;

export type CodeProblem = keyof typeof CODE_MESSAGES;

/**
 * How many codes to make for a grid: the number typed, or the grid's recorded households when none is typed.
 * A message when neither gives a whole number from 1 to MAX_BATCH.
 */
export function batchSize(typed: string | undefined, households: number | null): { ok: true; size: number } | { ok: false; message: string } {
  const text = toAsciiDigits(typed ?? '').trim();
  if (text === '') {
    if (households === null || households <= 0) return { ok: false, message: '该网格没有登记户数，请填写要生成的邀请码数量' };
    if (households > MAX_BATCH) return { ok: false, message: `该网格登记 ${households} 户，一次最多生成 ${MAX_BATCH} 个，请分批填写数量` };
    return { ok: true, size: households };
  }
  if (!/^\d+$/.test(text)) return { ok: false, message: '数量必须是正整数' };
  const size = Number(text);
  if (size < 1 || size > MAX_BATCH) return { ok: false, message: `数量应在 1 到 ${MAX_BATCH} 之间` };
  return { ok: true, size };
}

export type SlipsPerPage = 4 | 8;
export const SLIPS_PER_PAGE: readonly SlipsPerPage[] = [4, 8];

export function slipsPerPageOf(text: string | undefined): SlipsPerPage {
  return SLIPS_PER_PAGE.find((n) => String(n) === text) ?? 4;
}

/** Slips on A4 sheets of `perPage`, in order; every sheet but the last ends its page. */
export function slipSheets<T>(slips: readonly T[], perPage: SlipsPerPage): Array<{ slips: T[]; last: boolean }> {
  const sheets: Array<{ slips: T[]; last: boolean }> = [];
  for (let i = 0; i < slips.length; i += perPage) sheets.push({ slips: slips.slice(i, i + perPage), last: i + perPage >= slips.length });
  return sheets;
}
