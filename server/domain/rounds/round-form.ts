// Checks the "new round" form a committee member fills in. Pure: the lookups it needs are passed in, and every
// problem comes back as a Chinese message tied to its field so the form can be shown again with the input kept.
import { periodProblem } from './round-rules.js';

export type RoundKindInput = 'monthly' | 'sweep' | 'adhoc';
export type RoundChannel = 'web' | 'phone' | 'paper';

export const ROUND_KINDS: ReadonlyArray<{ value: RoundKindInput; label: string }> = [
  { value: 'monthly', label: '月度模拟民调' },
  { value: 'sweep', label: '半年数据库普测' },
  { value: 'adhoc', label: '专项/临时' },
];

export const ROUND_CHANNELS: ReadonlyArray<{ value: RoundChannel; label: string }> = [
  { value: 'web', label: '群众扫码/链接' },
  { value: 'phone', label: '电话访问' },
  { value: 'paper', label: '纸质录入' },
];

export interface RoundFormInput {
  surveyVersionId: string;
  period: string;
  kind?: string;
  units: string[];
  quotaPerGrid?: string;
  minSample?: string;
  channels: string[];
}

export interface RoundFormLookups {
  /** The questionnaire key of a version, or undefined when there is no such version. */
  surveyKeyOf(versionId: number): string | undefined;
  unitIdOf(code: string): number | undefined;
  roundCodeTaken(code: string): boolean;
}

export interface ValidRoundForm {
  code: string;
  surveyVersionId: number;
  period: string;
  kind: RoundKindInput;
  unitIds: number[];
  quotaPerGrid: number;
  minSample: number;
  channels: RoundChannel[];
}

export interface FieldError {
  field: keyof RoundFormInput | 'code';
  message: string;
}

export type RoundFormResult = { ok: true; value: ValidRoundForm } | { ok: false; errors: FieldError[] };

const MAX_COUNT = 10000;

export const DEFAULT_QUOTA_PER_GRID = 10;
export const DEFAULT_MIN_SAMPLE = 5;

function isKind(value: string): value is RoundKindInput {
  return ROUND_KINDS.some((k) => k.value === value);
}

function isChannel(value: string): value is RoundChannel {
  return ROUND_CHANNELS.some((c) => c.value === value);
}

/** A whole number in [0, MAX_COUNT], the default when left empty, or an error message. */
function count(raw: string | undefined, fallback: number, name: string): number | string {
  const text = (raw ?? '').trim();
  if (text === '') return fallback;
  if (!/^\d+$/.test(text)) return `${name}必须是不小于 0 的整数`;
  const n = Number(text);
  return n > MAX_COUNT ? `${name}不能超过 ${MAX_COUNT}` : n;
}

/** The round code used in URLs: the period and questionnaire, plus the kind when it is not the monthly poll. */
export function roundCodeFor(period: string, surveyKey: string, kind: RoundKindInput): string {
  return kind === 'monthly' ? `${period}-${surveyKey}` : `${period}-${surveyKey}-${kind}`;
}

export function checkRoundForm(input: RoundFormInput, lookups: RoundFormLookups): RoundFormResult {
  const errors: FieldError[] = [];

  const kindText = (input.kind ?? 'monthly').trim() || 'monthly';
  const kind: RoundKindInput = isKind(kindText) ? kindText : 'monthly';
  if (!isKind(kindText)) errors.push({ field: 'kind', message: '请选择轮次类型' });

  let surveyKey: string | undefined;
  const versionText = input.surveyVersionId.trim();
  if (!/^\d+$/.test(versionText)) {
    errors.push({ field: 'surveyVersionId', message: '请选择问卷' });
  } else {
    surveyKey = lookups.surveyKeyOf(Number(versionText));
    if (surveyKey === undefined) errors.push({ field: 'surveyVersionId', message: '所选问卷不存在' });
  }

  const period = input.period.trim();
  const badPeriod = periodProblem(period, kind);
  if (badPeriod !== null) errors.push({ field: 'period', message: badPeriod });

  const unitIds: number[] = [];
  const unknown: string[] = [];
  for (const code of new Set(input.units)) {
    const id = lookups.unitIdOf(code);
    if (id === undefined) unknown.push(code);
    else unitIds.push(id);
  }
  if (unknown.length > 0) errors.push({ field: 'units', message: `找不到这些单位：${unknown.join('、')}` });
  else if (unitIds.length === 0) errors.push({ field: 'units', message: '请至少选择一个单位' });

  const quota = count(input.quotaPerGrid, DEFAULT_QUOTA_PER_GRID, '每网格配额');
  if (typeof quota === 'string') errors.push({ field: 'quotaPerGrid', message: quota });
  const minSample = count(input.minSample, DEFAULT_MIN_SAMPLE, '最低样本量');
  if (typeof minSample === 'string') errors.push({ field: 'minSample', message: minSample });

  const channels: RoundChannel[] = [];
  for (const c of new Set(input.channels)) {
    if (isChannel(c)) channels.push(c);
    else errors.push({ field: 'channels', message: `未知的收集方式：${c}` });
  }
  if (input.channels.length === 0) errors.push({ field: 'channels', message: '请至少选择一种收集方式' });

  if (errors.length > 0 || surveyKey === undefined || typeof quota === 'string' || typeof minSample === 'string') {
    return { ok: false, errors };
  }
  const code = roundCodeFor(period, surveyKey, kind);
  if (lookups.roundCodeTaken(code)) {
    return { ok: false, errors: [{ field: 'code', message: `该轮次已经存在：${code}` }] };
  }
  return { ok: true, value: { code, surveyVersionId: Number(versionText), period, kind, unitIds, quotaPerGrid: quota, minSample, channels } };
}
