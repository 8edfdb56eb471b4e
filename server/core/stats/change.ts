// Whether a change is news or noise (docs/statistics.md#changes-between-rounds): the rounds are independent samples, so the
// change Δ = m₂ − m₁ has SE √(SE₁² + SE₂²), and it is a real rise or fall only when |Δ| > 1.96·SE (95%, two-sided).
// Otherwise it is 基本持平, however large it looks: a grid of 17 respondents moves several points from month to month.
import { Z_95 } from './wilson.js';

/** 'rise' and 'fall' are beyond noise; 'flat' (基本持平) is within it. */
export type ChangeVerdict = 'rise' | 'fall' | 'flat';

export interface Measured {
  value: number | null;
  se: number | null;
}

/** The half-width beyond which a change is real: 1.96·√(SE₁² + SE₂²). A missing SE counts as 0. */
export function changeThreshold(seNow: number | null, sePrevious: number | null): number {
  const a = seNow ?? 0;
  const b = sePrevious ?? 0;
  return Z_95 * Math.sqrt(a * a + b * b);
}

/**
 * The verdict on the change from `previous` to `now`; null when either has no value. Without any SE (a single
 * interview) nothing can be told from noise: such a change is 'flat'.
 */
export function changeVerdict(now: Measured | null | undefined, previous: Measured | null | undefined): ChangeVerdict | null {
  if (!now || !previous || now.value === null || previous.value === null) return null;
  if (now.se === null && previous.se === null) return 'flat';
  const delta = now.value - previous.value;
  if (Math.abs(delta) <= changeThreshold(now.se, previous.se)) return 'flat';
  return delta > 0 ? 'rise' : 'fall';
}

/** The verdict on an estimate against a fixed level (a slope against 0): beyond noise when |x| > 1.96·SE. */
export function beyondNoise(value: number, se: number | null): ChangeVerdict {
  if (se === null || !(Math.abs(value) > Z_95 * se)) return 'flat';
  return value > 0 ? 'rise' : 'fall';
}
