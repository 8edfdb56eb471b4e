// How a simulated round is laid out before any respondent answers: how many interviews each grid gets, what latent
// level a grid has when none is given, which items are a village's weak spots, and what phone calls it took.
import type { Survey } from '../../core/survey/model.js';
import type { CallDisposition } from '../../core/calls/call.js';
import { clamp01, createRng, hashSeed, type Rng } from '../../core/stats/rng.js';

/** A district's typical latent level when nothing else is known (scores in the mid 80s, as in real county polls). */
const TYPICAL_LEVEL = 0.83;

/**
 * Completed interviews to aim for in each grid. Most grids reach about their quota (some over-collect); about one
 * in twenty struggles and stays under the minimum, so 样本不足 appears in the bulletin as it does in real months.
 */
export function gridTargets(gridCodes: string[], quota: number, minSample: number, rng: Rng): number[] {
  const q = quota > 0 ? quota : 10;
  return gridCodes.map(() => {
    if (minSample > 1 && rng.chance(0.05)) return rng.int(Math.max(1, minSample - 3), minSample - 1);
    return Math.max(minSample, Math.round(q * rng.uniform(0.9, 1.4)));
  });
}

/** Splits `total` in proportion to `weights` (largest remainder), so the parts add up to exactly `total`. */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0) return [];
  if (!(sum > 0)) return allocate(total, weights.map(() => 1));
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]++;
    left--;
  }
  return parts;
}

/**
 * A latent level for a grid of any imported district, from its own and its village's codes (stable across months)
 * plus a little drift for the month.
 */
export function defaultLevel(gridCode: string, villageCode: string | null, month: number): number {
  const village = villageCode === null ? 0 : createRng(villageCode, 'village-level').normal(0, 0.05);
  const grid = createRng(gridCode, 'grid-level').normal(0, 0.03);
  const drift = createRng(gridCode, 'drift', month).normal(0, 0.015);
  return clamp01(TYPICAL_LEVEL + village + grid + drift);
}

/** Awareness of the campaigns: rises with satisfaction, with a village's own campaign work on top. */
export function defaultAwareness(level: number, villageCode: string | null): number {
  const campaign = villageCode === null ? 0 : createRng(villageCode, 'awareness').normal(0, 0.06);
  return clamp01(0.35 + 0.6 * level + campaign);
}

/**
 * Per-question shifts of the latent level for a village: every questionnaire item has a district-wide tilt, and each
 * village has two weak items and one strong one, the same every month (the bulletin's "three weakest items" should
 * be stable enough to act on). Only scored single-choice items are shifted.
 */
export function itemShifts(survey: Survey, villageCode: string | null): Record<string, number> {
  const items = survey.questions.filter((q) => q.type === 'single' && q.options.filter((o) => typeof o.score === 'number').length >= 3);
  const shifts: Record<string, number> = {};
  for (const q of items) shifts[q.id] = createRng(hashSeed(survey.id, q.id), 'tilt').normal(0, 0.025);
  if (villageCode !== null && items.length >= 3) {
    const rng = createRng(villageCode, survey.id, 'weak-items');
    const [weak1, weak2, strong] = rng.sample(items, 3);
    shifts[weak1.id] -= rng.uniform(0.06, 0.12);
    shifts[weak2.id] -= rng.uniform(0.04, 0.09);
    shifts[strong.id] += rng.uniform(0.03, 0.06);
  }
  return shifts;
}

/** Mean number of calls of each non-interview outcome per completed phone interview (AAPOR final dispositions). */
const CALLS_PER_COMPLETE: ReadonlyArray<[CallDisposition, number]> = [
  ['refusal', 0.85],
  ['non_contact', 0.6],
  ['unknown_household', 1.1],
  ['unknown_other', 0.08],
  ['other', 0.05],
  ['partial', 0.06],
  ['not_eligible', 0.3],
];

/**
 * The unsuccessful calls behind `completes` phone interviews in one grid: refusals, non-contacts, numbers never
 * answered … in realistic proportions (response rate RR1 around 0.25–0.35), varying from grid to grid.
 */
export function unsuccessfulCalls(completes: number, rng: Rng): CallDisposition[] {
  if (completes <= 0) return [];
  const gridFactor = Math.exp(rng.normal(0, 0.25));
  const out: CallDisposition[] = [];
  for (const [disposition, mean] of CALLS_PER_COMPLETE) {
    const n = rng.poisson(mean * gridFactor * completes);
    for (let i = 0; i < n; i++) out.push(disposition);
  }
  return out;
}
