// The parts of a Chinese official notice (公文, GB/T 9704) that SafePoll's bulletins carry: the issuing body, the
// document number (发文字号) and the date of issue written in Chinese numerals. Pure: the Word export and the printed
// page format these the same way.
import type { StaffUser } from '../../../core/auth/staff.js';
import { parseChinaDate } from '../../../core/time/china-time.js';

/** The committee's settings for its notices. */
export interface DocumentIssuer {
  /** 发文机关, e.g. 清河区委政法委（平安办）. */
  issuingBody: string;
  /** The document number's prefix (机关代字), e.g. 清平安办. */
  numberPrefix: string;
}

/** What a notice carries at its head and signature. */
export interface DocumentMark {
  issuingBody: string;
  /** 清平安办〔2026〕11号, or '' before the notice is issued (a preview) and on a township's own notice. */
  number: string;
  /** 二〇二六年十二月五日, or '' before the document is issued. */
  issuedOn: string;
  /** A preview (征求意见稿): the committee's notice before 发文, marked as such and without a number. */
  preview?: boolean;
  /** The notice this one corrects, as its correction names it (a correction only). */
  corrects?: CorrectedNotice;
}

/** The notice a correction replaces: its number and title as issued. */
export interface CorrectedNotice {
  number: string;
  title: string;
}

/** Used until the committee fills in its settings. */
export const DEFAULT_ISSUER: DocumentIssuer = { issuingBody: '平安建设领导小组办公室', numberPrefix: '平安办' };

export const ISSUING_BODY_MAX = 40;
export const NUMBER_PREFIX_MAX = 12;

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–31 the way dates are written in 公文: 十, 十一, 二十, 二十一, 三十一. */
function smallNumber(n: number): string {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** '2026-12-05' → 二〇二六年十二月五日 (the year digit by digit, month and day as numbers). */
export function chineseDate(isoDate: string): string {
  const day = parseChinaDate(isoDate);
  if (!day) return '';
  const year = [...String(day.year)].map((d) => DIGITS[Number(d)]).join('');
  return `${year}年${smallNumber(day.month)}月${smallNumber(day.day)}日`;
}

/** 清平安办〔2026〕11号: the year in hexagonal brackets 〔〕, the sequence without leading zeros. */
export function documentNumber(prefix: string, year: number, seq: number): string {
  return `${prefix}〔${year}〕${seq}号`;
}

/** The page number in the footer of a notice: — 1 —. */
export function pageNumberText(page: number | string): string {
  return `— ${page} —`;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export function checkIssuer(input: { issuingBody: string; numberPrefix: string }): Checked<DocumentIssuer> {
  const issuingBody = input.issuingBody.trim();
  const numberPrefix = input.numberPrefix.trim();
  const errors: Record<string, string> = {};
  if (issuingBody === '') errors.issuingBody = '请填写发文机关';
  else if (issuingBody.length > ISSUING_BODY_MAX) errors.issuingBody = `发文机关不超过 ${ISSUING_BODY_MAX} 个字`;
  if (numberPrefix === '') errors.numberPrefix = '请填写发文字号的机关代字，如“清平安办”';
  else if (numberPrefix.length > NUMBER_PREFIX_MAX) errors.numberPrefix = `机关代字不超过 ${NUMBER_PREFIX_MAX} 个字`;
  else if (/[〔〕\[\]\d]/.test(numberPrefix)) errors.numberPrefix = '机关代字只写代字本身，年份和序号由系统编排';
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { issuingBody, numberPrefix } };
}

/**
 * Who issues the committee's notices and so gives them numbers: the committee and administrators. Others download
 * the same file, carrying the number once the committee has given one.
 */
export function canIssueDocuments(user: Pick<StaffUser, 'role'>): boolean {
  return user.role === 'admin' || user.role === 'committee';
}

/** The mark a document carries, from the settings and its number (none yet: the number line stays empty). */
export function documentMark(issuer: DocumentIssuer, issued: { year: number; seq: number; issuedOn: string } | undefined): DocumentMark {
  return {
    issuingBody: issuer.issuingBody,
    number: issued ? documentNumber(issuer.numberPrefix, issued.year, issued.seq) : '',
    issuedOn: issued ? chineseDate(issued.issuedOn) : '',
  };
}

/** A township's 综治中心: the body that sends its own notice of a bulletin on to its villages and grids. */
export function townshipIssuingBody(townshipName: string): string {
  return townshipName.endsWith('综治中心') ? townshipName : `${townshipName}综治中心`;
}

/**
 * The mark of a notice a township sends itself (a bulletin the committee has not issued): its own 综治中心, no
 * document number — SafePoll numbers only the committee's notices, and a number line left empty under another body's
 * name would misstate who sent it — and the date it is sent ('' for the page, which has no date until then).
 */
export function townshipMark(townshipName: string, today: string | null): DocumentMark {
  return { issuingBody: townshipIssuingBody(townshipName), number: '', issuedOn: today ? chineseDate(today) : '' };
}

/** The mark of a preview and the word that says so (docs/rules.md#issuing-notices). */
export const PREVIEW_LABEL = '征求意见稿';

/** The committee's notice before 发文: marked 征求意见稿, no number, no date. */
export function previewMark(issuer: DocumentIssuer): DocumentMark {
  return { issuingBody: issuer.issuingBody, number: '', issuedOn: '', preview: true };
}

/** A notice's title: a correction says so after the corrected notice's title. */
export function noticeTitle(title: string, corrects: CorrectedNotice | undefined): string {
  return corrects ? `${title}（更正）` : title;
}

/** The sentence that opens a correction: which notice it corrects, and that it replaces it. */
export function correctionSentence(corrected: CorrectedNotice): string {
  const title = corrected.title ? `《${corrected.title}》` : '';
  return `现对${corrected.number}${title}予以更正，原文件作废，以本文件为准。`;
}

/** The file name of a preview, which says it is one: a file passed on cannot be taken for the issued notice. */
export function previewFileName(title: string): string {
  return `${title}（${PREVIEW_LABEL}）.docx`;
}

/** The file name of an issued notice: its title and number. */
export function issuedFileName(title: string, number: string): string {
  return `${title}（${number}）.docx`;
}
