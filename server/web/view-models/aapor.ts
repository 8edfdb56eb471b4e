// AAPOR outcome rates of the round's phone work, as the bulletin prints them.
import type { AaporRates } from '../../domain/results/types.js';
import { AAPOR_COUNT_LABELS, AAPOR_RATE_GROUPS } from '../../domain/results/aapor-labels.js';
import { rate } from './numbers.js';

export interface AaporView {
  counts: Array<{ label: string; value: number }>;
  e: string;
  groups: Array<{ name: string; rates: Array<{ label: string; value: string }> }>;
}

export function aaporView(a: AaporRates): AaporView {
  return {
    counts: AAPOR_COUNT_LABELS.map(([key, label]) => ({ label, value: a.counts[key] })),
    e: rate(a.e),
    groups: AAPOR_RATE_GROUPS.map((g) => ({ name: g.name, rates: g.keys.map((k) => ({ label: k, value: rate(a[k]) })) })),
  };
}
