// A round's thresholds for the honesty checks (round_quality_settings, migration 034), read from their stored JSON
// over the documented defaults (docs/statistics.md#interviewers, docs/statistics.md#coached-answers): a value that is
// missing or out of range keeps its default, so an old or hand-edited row never disables a check. The committee sets
// them on the interviewers page: each field in the form's units (shares in percent), empty for the default.
import { DEFAULT_QUALITY_THRESHOLDS, type QualityThresholds } from '../../../core/results/interviewer-quality.js';
import { DEFAULT_COACHED_THRESHOLDS, type CoachedThresholds } from '../../../core/results/coached-answers.js';

export type RoundQualitySettings = QualityThresholds & CoachedThresholds;

export const DEFAULT_ROUND_QUALITY: RoundQualitySettings = { ...DEFAULT_QUALITY_THRESHOLDS, ...DEFAULT_COACHED_THRESHOLDS };

/** Allowed range of each setting. */
const RANGES: Readonly<Record<keyof RoundQualitySettings, readonly [number, number]>> = {
  straightShare: [0, 1],
  allBestShare: [0, 1],
  minMedianMinutes: [0, 120],
  callbackMismatches: [1, 1000],
  minInterviews: [1, 1000],
  coachedZ: [1, 10],
  coachedQuantile: [0.5, 1],
};

/** The values the round sets itself (valid ones only): what the page marks as the round's own. */
export function roundOverrides(json: string | undefined): Partial<RoundQualitySettings> {
  const out: Partial<RoundQualitySettings> = {};
  if (!json) return out;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return out;
  }
  if (typeof raw !== 'object' || raw === null) return out;
  const given = new Map<string, unknown>(Object.entries(raw));
  for (const key of Object.keys(DEFAULT_ROUND_QUALITY) as Array<keyof RoundQualitySettings>) {
    const v = given.get(key);
    const [lo, hi] = RANGES[key];
    if (typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= hi) out[key] = v;
  }
  return out;
}

export function parseRoundQuality(json: string | undefined): RoundQualitySettings {
  return { ...DEFAULT_ROUND_QUALITY, ...roundOverrides(json) };
}

/** One threshold as the committee's form shows it: in percent where the setting is a share, in plain units else. */
export interface QualityField {
  key: keyof RoundQualitySettings;
  label: string;
  /** Typed value × 1/scale = stored value (100 for a share typed in percent). */
  scale: 1 | 100;
  integer: boolean;
  unit: string;
}

export const QUALITY_FIELDS: readonly QualityField[] = [
  { key: 'straightShare', label: '各题答案完全相同的访问占比超过', scale: 100, integer: false, unit: '%' },
  { key: 'allBestShare', label: '各题都选最好一档的访问占比超过', scale: 100, integer: false, unit: '%' },
  { key: 'minMedianMinutes', label: '电话访问时长中位数低于', scale: 1, integer: false, unit: '分钟' },
  { key: 'callbackMismatches', label: '真实度回访核实不符达到', scale: 1, integer: true, unit: '次' },
  { key: 'minInterviews', label: '差值、占比与时长只在访问数不少于此数时判断', scale: 1, integer: true, unit: '次' },
  { key: 'coachedZ', label: '答题模式异常：变化超出抽样误差的倍数（z）', scale: 1, integer: false, unit: '' },
  { key: 'coachedQuantile', label: '答题模式异常：变化超过全部网格变化的百分位', scale: 100, integer: false, unit: '%' },
];

/** A stored value in the form's units, as typed (at most four decimals, no trailing zeros). */
export function typedValue(field: QualityField, value: number): string {
  return String(Math.round(value * field.scale * 10_000) / 10_000);
}

export type QualityFormCheck =
  | { ok: true; overrides: Partial<RoundQualitySettings> }
  | { ok: false; errors: Map<keyof RoundQualitySettings, string> };

/**
 * The committee's form: each field empty (the documented default) or a finite number in its range, in the form's
 * units; the round's own values come back as the overrides to store. Every wrong field gets its own message.
 */
export function checkQualityForm(typed: Readonly<Partial<Record<keyof RoundQualitySettings, string>>>): QualityFormCheck {
  const overrides: Partial<RoundQualitySettings> = {};
  const errors = new Map<keyof RoundQualitySettings, string>();
  for (const f of QUALITY_FIELDS) {
    const text = (typed[f.key] ?? '').trim().replace(/[%％]$/, '').trim();
    if (text === '') continue;
    const [lo, hi] = RANGES[f.key].map((v) => v * f.scale);
    const n = /^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
    const kind = f.integer ? '整数' : '数';
    if (!Number.isFinite(n) || n < lo || n > hi || (f.integer && !Number.isInteger(n))) {
      errors.set(f.key, `“${f.label}”应为 ${lo} 到 ${hi} 之间的${kind}${f.unit === '%' ? '（百分数）' : ''}，留空则用默认值；填写的是“${typed[f.key] ?? ''}”`);
      continue;
    }
    overrides[f.key] = n / f.scale;
  }
  return errors.size > 0 ? { ok: false, errors } : { ok: true, overrides };
}
