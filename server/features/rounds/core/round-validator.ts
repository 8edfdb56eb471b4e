// The one set of rules for a new round, whoever creates it: the staff form and the CLI (through round-form.ts, which
// first turns their text into values) and the rounds service (rounds-service.ts, which applies it before it stores,
// for every other caller: seed, tests, imports). Pure: what it must know about the database is passed in as lookups.
import { periodProblem } from './round-rules.js';
import { ALL_CHANNELS, ROUND_KINDS, type ChannelName, type RoundKind } from '../../../core/rounds/round.js';
import { defaultChannels } from './link-ownership.js';

export const DEFAULT_QUOTA_PER_GRID = 10;
export const DEFAULT_MIN_SAMPLE = 5;
/** Upper bound of the quota and the minimum sample: a grid never has more households than this to interview. */
export const MAX_ROUND_COUNT = 10000;

export interface NewRoundInput {
  surveyVersionId: number;
  period: string;
  /** Default: monthly. */
  kind?: RoundKind;
  unitIds: number[];
  /** Default: DEFAULT_QUOTA_PER_GRID (0 for a sweep, measured against the roster instead). */
  quotaPerGrid?: number;
  /** Default: DEFAULT_MIN_SAMPLE. */
  minSample?: number;
  /** Default: defaultChannels(kind) (a sweep is phoned, other kinds use every channel); an empty list is refused. */
  channels?: ChannelName[];
  /** Default: roundCodeFor(period, questionnaire key, kind). */
  code?: string;
}

export interface ValidRound {
  code: string;
  surveyVersionId: number;
  period: string;
  kind: RoundKind;
  unitIds: number[];
  quotaPerGrid: number;
  minSample: number;
  channels: ChannelName[];
}

export interface NewRoundLookups {
  /** The questionnaire key of a version, or undefined when there is no such version. */
  surveyKeyOf(versionId: number): string | undefined;
  unitExists(unitId: number): boolean;
  roundCodeTaken(code: string): boolean;
}

export type RoundField = 'surveyVersionId' | 'period' | 'kind' | 'units' | 'quotaPerGrid' | 'minSample' | 'channels' | 'code';

export interface RoundProblem {
  field: RoundField;
  message: string;
}

export type NewRoundResult = { ok: true; value: ValidRound } | { ok: false; errors: RoundProblem[] };

/** The round code used in URLs: the period and questionnaire, plus the kind when it is not the monthly poll. */
export function roundCodeFor(period: string, surveyKey: string, kind: RoundKind): string {
  return kind === 'monthly' ? `${period}-${surveyKey}` : `${period}-${surveyKey}-${kind}`;
}

/** Null when `n` is a whole number in [0, MAX_ROUND_COUNT], else the Chinese message for the field `name`. */
export function countProblem(n: number, name: string): string | null {
  if (!Number.isInteger(n) || n < 0) return `${name}必须是不小于 0 的整数`;
  return n > MAX_ROUND_COUNT ? `${name}不能超过 ${MAX_ROUND_COUNT}` : null;
}

function unitProblem(unitIds: readonly number[], lookups: NewRoundLookups): string | null {
  if (unitIds.length === 0) return '请至少选择一个单位';
  const unknown = unitIds.filter((id) => !lookups.unitExists(id));
  return unknown.length > 0 ? `找不到这些单位：${unknown.map((id) => `#${id}`).join('、')}` : null;
}

function channelProblem(channels: readonly ChannelName[]): string | null {
  if (channels.length === 0) return '请至少选择一种收集方式';
  const unknown = channels.filter((c) => !ALL_CHANNELS.includes(c));
  return unknown.length > 0 ? `未知的收集方式：${unknown.join('、')}` : null;
}

/** Every problem of a new round, each tied to its field with a Chinese message; or the round to store. */
export function checkNewRound(input: NewRoundInput, lookups: NewRoundLookups): NewRoundResult {
  const kind = input.kind ?? 'monthly';
  // A sweep calls the whole roster: no quota per grid unless a caller sets one.
  const quotaPerGrid = input.quotaPerGrid ?? (kind === 'sweep' ? 0 : DEFAULT_QUOTA_PER_GRID);
  const minSample = input.minSample ?? DEFAULT_MIN_SAMPLE;
  // Canonical order and no repeats, as the stored comma list is read back (round-rules.ts parseChannels).
  const channels = input.channels === undefined ? defaultChannels(ROUND_KINDS.includes(kind) ? kind : 'monthly') : [...new Set(input.channels)];
  const unitIds = [...new Set(input.unitIds)];
  const surveyKey = lookups.surveyKeyOf(input.surveyVersionId);
  const found: Array<[RoundField, string | null]> = [
    ['kind', ROUND_KINDS.includes(kind) ? null : '请选择轮次类型'],
    ['surveyVersionId', surveyKey === undefined ? '所选问卷不存在' : null],
    ['period', periodProblem(input.period, kind)],
    ['units', unitProblem(unitIds, lookups)],
    ['quotaPerGrid', countProblem(quotaPerGrid, '每网格配额')],
    ['minSample', countProblem(minSample, '最低样本量')],
    ['channels', channelProblem(channels)],
  ];
  const errors = found.flatMap(([field, message]) => (message === null ? [] : [{ field, message }]));
  if (errors.length > 0 || surveyKey === undefined) return { ok: false, errors };
  const code = input.code ?? roundCodeFor(input.period, surveyKey, kind);
  if (lookups.roundCodeTaken(code)) return { ok: false, errors: [{ field: 'code', message: `该轮次已经存在：${code}` }] };
  return { ok: true, value: { code, surveyVersionId: input.surveyVersionId, period: input.period, kind, unitIds, quotaPerGrid, minSample, channels } };
}
