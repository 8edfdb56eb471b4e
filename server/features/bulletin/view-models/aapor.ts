// AAPOR outcome rates of the round's phone work, as the bulletin prints them: four rates, each with one plain line
// saying what it means, and the full set (RR1–RR6, COOP1–4, REF1–3, CON1–3, e) for whoever checks the phone work.
import type { AaporRates } from '../../../core/results/types.js';
import { AAPOR_COUNT_LABELS, AAPOR_PLAIN, AAPOR_RATE_GROUPS, type AaporRateKey } from '../../../core/results/aapor-labels.js';
import { rate } from './numbers.js';

export interface AaporView {
  counts: Array<{ label: string; value: number }>;
  e: string;
  /** The rates the bulletin leads with, each explained in one line. */
  main: Array<{ key: AaporRateKey; name: string; value: string; meaning: string }>;
  groups: Array<{ name: string; rates: Array<{ label: string; value: string }> }>;
}

/**
 * The variants counted "by estimate" (RR3, COOP1, REF2, CON2): unknown numbers count as eligible in proportion e,
 * neither all (too harsh) nor none (too kind).
 */
const MAIN_KEYS: readonly AaporRateKey[] = ['RR3', 'COOP1', 'REF2', 'CON2'];
const MAIN_RATES = MAIN_KEYS.map((key) => ({ key, name: AAPOR_PLAIN[key]?.name ?? key, meaning: AAPOR_PLAIN[key]?.meaning ?? '' }));

export function aaporView(a: AaporRates): AaporView {
  return {
    counts: AAPOR_COUNT_LABELS.map(([key, label]) => ({ label, value: a.counts[key] })),
    e: rate(a.e),
    main: MAIN_RATES.map((m) => ({ ...m, value: rate(a[m.key]) })),
    groups: AAPOR_RATE_GROUPS.map((g) => ({ name: g.name, rates: g.keys.map((k) => ({ label: k, value: rate(a[k]) })) })),
  };
}
