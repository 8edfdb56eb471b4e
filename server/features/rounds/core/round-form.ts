// Reads the "new round" form a committee member fills in (and the CLI's options, which are the same text): turns the
// text into values, then applies the one set of rules in round-validator.ts. Pure: the lookups it needs are passed in,
// and every problem comes back as a Chinese message tied to its field so the form can be shown again with the input kept.
import {
  checkNewRound,
  DEFAULT_MIN_SAMPLE,
  DEFAULT_QUOTA_PER_GRID,
  MAX_ROUND_COUNT,
  type RoundField,
  type ValidRound,
} from './round-validator.js';

import { ALL_CHANNELS, CHANNEL_LABELS, ROUND_KIND_LABELS, ROUND_KINDS as KINDS, type ChannelName, type RoundKind } from '../../../core/rounds/round.js';

import { defaultChannels } from './link-ownership.js';

export { DEFAULT_MIN_SAMPLE, DEFAULT_QUOTA_PER_GRID, roundCodeFor } from './round-validator.js';

export type RoundKindInput = RoundKind;
export type RoundChannel = ChannelName;

/** The choices the form and the CLI offer, in the domain's order and spelling. */
export const ROUND_KINDS: ReadonlyArray<{ value: RoundKindInput; label: string }> = KINDS.map((k) => ({ value: k, label: ROUND_KIND_LABELS[k] }));
export const ROUND_CHANNELS: ReadonlyArray<{ value: RoundChannel; label: string }> = ALL_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }));

export interface RoundFormInput {
  surveyVersionId: string;
  period: string;
  kind?: string;
  units: string[];
  quotaPerGrid?: string;
  minSample?: string;
  /** Undefined: the kind's default channels (the CLI without --channels); an empty list is refused. */
  channels?: string[];
}

export interface RoundFormLookups {
  /** The questionnaire key of a version, or undefined when there is no such version. */
  surveyKeyOf(versionId: number): string | undefined;
  unitIdOf(code: string): number | undefined;
  roundCodeTaken(code: string): boolean;
}

export type ValidRoundForm = ValidRound;

export interface FieldError {
  field: RoundField;
  message: string;
}

export type RoundFormResult = { ok: true; value: ValidRoundForm } | { ok: false; errors: FieldError[] };

function isKind(value: string): value is RoundKindInput {
  return ROUND_KINDS.some((k) => k.value === value);
}

function isChannel(value: string): value is RoundChannel {
  return ROUND_CHANNELS.some((c) => c.value === value);
}

/** A whole number (the default when left empty), or a message when the text is not one. */
function count(raw: string | undefined, fallback: number, name: string): number | string {
  const text = (raw ?? '').trim();
  if (text === '') return fallback;
  if (!/^\d+$/.test(text)) return `${name}必须是不小于 0 的整数`;
  // Digits beyond what a double holds exactly are still "too many"; the validator says so with its bound.
  return Math.min(Number(text), MAX_ROUND_COUNT + 1);
}

interface ParsedForm {
  kind: RoundKindInput;
  surveyVersionId: number;
  unitIds: number[];
  quotaPerGrid: number;
  minSample: number;
  channels: RoundChannel[];
  /** Problems of the text itself (not a number, unknown code …); the validator's findings on these fields are moot. */
  errors: FieldError[];
}

function parseUnits(codes: readonly string[], lookups: RoundFormLookups, errors: FieldError[]): number[] {
  const unitIds: number[] = [];
  const unknown: string[] = [];
  for (const code of new Set(codes)) {
    const id = lookups.unitIdOf(code);
    if (id === undefined) unknown.push(code);
    else unitIds.push(id);
  }
  if (unknown.length > 0) errors.push({ field: 'units', message: `找不到这些单位：${unknown.join('、')}` });
  return unitIds;
}

function parseForm(input: RoundFormInput, lookups: RoundFormLookups): ParsedForm {
  const errors: FieldError[] = [];
  const kindText = (input.kind ?? 'monthly').trim() || 'monthly';
  if (!isKind(kindText)) errors.push({ field: 'kind', message: '请选择轮次类型' });
  const versionText = input.surveyVersionId.trim();
  if (!/^\d+$/.test(versionText)) errors.push({ field: 'surveyVersionId', message: '请选择问卷' });
  // The sweep's form has no quota field; a quota typed into the general form is moot for a sweep.
  const quota = kindText === 'sweep' ? 0 : count(input.quotaPerGrid, DEFAULT_QUOTA_PER_GRID, '每网格配额');
  if (typeof quota === 'string') errors.push({ field: 'quotaPerGrid', message: quota });
  const minSample = count(input.minSample, DEFAULT_MIN_SAMPLE, '最低样本量');
  if (typeof minSample === 'string') errors.push({ field: 'minSample', message: minSample });
  const channels: RoundChannel[] = [];
  for (const c of new Set(input.channels ?? defaultChannels(isKind(kindText) ? kindText : 'monthly'))) {
    if (isChannel(c)) channels.push(c);
    else errors.push({ field: 'channels', message: `未知的收集方式：${c}` });
  }
  return {
    kind: isKind(kindText) ? kindText : 'monthly',
    surveyVersionId: /^\d+$/.test(versionText) ? Number(versionText) : NaN,
    unitIds: parseUnits(input.units, lookups, errors),
    quotaPerGrid: typeof quota === 'number' ? quota : DEFAULT_QUOTA_PER_GRID,
    minSample: typeof minSample === 'number' ? minSample : DEFAULT_MIN_SAMPLE,
    channels,
    errors,
  };
}

export function checkRoundForm(input: RoundFormInput, lookups: RoundFormLookups): RoundFormResult {
  const parsed = parseForm(input, lookups);
  const checked = checkNewRound(
    { ...parsed, period: input.period.trim() },
    {
      surveyKeyOf: (id) => (Number.isNaN(id) ? undefined : lookups.surveyKeyOf(id)),
      // The form's units were found by code, so they exist.
      unitExists: () => true,
      roundCodeTaken: (code) => lookups.roundCodeTaken(code),
    },
  );
  const badText = new Set(parsed.errors.map((e) => e.field));
  const ruleErrors = checked.ok ? [] : checked.errors.filter((e) => !badText.has(e.field));
  // A taken code is only worth saying once everything else is right.
  const errors = parsed.errors.length > 0 ? [...parsed.errors, ...ruleErrors.filter((e) => e.field !== 'code')] : ruleErrors;
  if (errors.length > 0 || !checked.ok) return { ok: false, errors };
  return { ok: true, value: checked.value };
}
