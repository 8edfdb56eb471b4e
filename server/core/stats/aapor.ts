// AAPOR Standard Definitions outcome rates for the phone work, from the final call dispositions:
// I complete, P partial, R refusal and break-off, NC non-contact, O other eligible non-interview,
// UH unknown if household/occupied, UO unknown other, NE not eligible.
import type { AaporRates } from '../results/types.js';

export type AaporCounts = AaporRates['counts'];

const KEYS = ['I', 'P', 'R', 'NC', 'O', 'UH', 'UO', 'NE'] as const;

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/**
 * RR1–RR6, COOP1–4, REF1–3 and CON1–3. e is the estimated share of unknown-eligibility cases that are eligible;
 * by default e = (I+P+R+NC+O) / (I+P+R+NC+O+NE), and 1 (every unknown case counted as eligible, the conservative
 * choice) when no case has a known eligibility. Rates whose denominator is 0 are null.
 */
export function aaporRates(counts: AaporCounts, e?: number | null): AaporRates {
  for (const key of KEYS) {
    const v = counts[key];
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`aaporRates: count ${key} must be a non-negative number, got ${v}`);
  }
  if (e !== undefined && e !== null && !(e >= 0 && e <= 1)) throw new RangeError(`aaporRates: e must be in [0, 1], got ${e}`);
  const { I, P, R, NC, O, UH, UO, NE } = counts;
  const eligible = I + P + R + NC + O;
  const eligibility = e ?? ratio(eligible, eligible + NE) ?? 1;
  const interviews = I + P;
  const known = interviews + R + NC + O;
  const all = known + UH + UO;
  const estimated = known + eligibility * (UH + UO);
  const contacted = interviews + R + O;
  return {
    counts: { I, P, R, NC, O, UH, UO, NE },
    e: eligibility,
    RR1: ratio(I, all),
    RR2: ratio(interviews, all),
    RR3: ratio(I, estimated),
    RR4: ratio(interviews, estimated),
    RR5: ratio(I, known),
    RR6: ratio(interviews, known),
    COOP1: ratio(I, interviews + R + O),
    COOP2: ratio(interviews, interviews + R + O),
    COOP3: ratio(I, interviews + R),
    COOP4: ratio(interviews, interviews + R),
    REF1: ratio(R, all),
    REF2: ratio(R, estimated),
    REF3: ratio(R, known),
    CON1: ratio(contacted, all),
    CON2: ratio(contacted, estimated),
    CON3: ratio(contacted, known),
  };
}
