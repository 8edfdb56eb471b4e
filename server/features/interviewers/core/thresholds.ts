// A round's thresholds for the honesty checks (round_quality_settings, migration 034), read from their stored JSON
// over the documented defaults (docs/statistics.md#interviewers, docs/statistics.md#coached-answers): a value that is
// missing or out of range keeps its default, so an old or hand-edited row never disables a check.
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

export function parseRoundQuality(json: string | undefined): RoundQualitySettings {
  const out: RoundQualitySettings = { ...DEFAULT_ROUND_QUALITY };
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
