// AAPOR outcome rates of the round's phone work, as the bulletin prints them: four rates, each with one plain line
// saying what it means, and the full set (RR1–RR6, COOP1–4, REF1–3, CON1–3, e) for whoever checks the phone work.
import type { AaporRates } from '../../../core/results/types.js';
import { AAPOR_COUNT_LABELS, AAPOR_RATE_GROUPS, type AaporRateKey } from '../../../core/results/aapor-labels.js';
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
const MAIN_RATES: ReadonlyArray<{ key: AaporRateKey; name: string; meaning: string }> = [
  { key: 'RR3', name: '应答率', meaning: '拨打的合格号码中完成访问的比例（未接通、无法确认是否合格的号码按估计的合格比例计入）。' },
  { key: 'COOP1', name: '合作率', meaning: '接通并找到合格受访者后，同意并完成访问的比例。' },
  { key: 'REF2', name: '拒访率', meaning: '合格号码中拒绝访问或中途挂断的比例。' },
  { key: 'CON2', name: '接触率', meaning: '合格号码中接通并联系到本人的比例。' },
];

export function aaporView(a: AaporRates): AaporView {
  return {
    counts: AAPOR_COUNT_LABELS.map(([key, label]) => ({ label, value: a.counts[key] })),
    e: rate(a.e),
    main: MAIN_RATES.map((m) => ({ ...m, value: rate(a[m.key]) })),
    groups: AAPOR_RATE_GROUPS.map((g) => ({ name: g.name, rates: g.keys.map((k) => ({ label: k, value: rate(a[k]) })) })),
  };
}
