// AAPOR outcome rates of the round's phone work, as the bulletin prints them.
import type { AaporRates } from '../../domain/results/types.js';
import { rate } from './numbers.js';

export interface AaporView {
  counts: Array<{ label: string; value: number }>;
  e: string;
  groups: Array<{ name: string; rates: Array<{ label: string; value: string }> }>;
}

const COUNT_LABELS: Array<[keyof AaporRates['counts'], string]> = [
  ['I', '完成 I'],
  ['P', '部分完成 P'],
  ['R', '拒访/中断 R'],
  ['NC', '未接通 NC'],
  ['O', '其他 O'],
  ['UH', '未知住户 UH'],
  ['UO', '未知其他 UO'],
  ['NE', '不合格 NE'],
];

type RateKey = Exclude<keyof AaporRates, 'counts' | 'e'>;

const GROUPS: Array<{ name: string; keys: RateKey[] }> = [
  { name: '应答率', keys: ['RR1', 'RR2', 'RR3', 'RR4', 'RR5', 'RR6'] },
  { name: '合作率', keys: ['COOP1', 'COOP2', 'COOP3', 'COOP4'] },
  { name: '拒访率', keys: ['REF1', 'REF2', 'REF3'] },
  { name: '接触率', keys: ['CON1', 'CON2', 'CON3'] },
];

export function aaporView(a: AaporRates): AaporView {
  return {
    counts: COUNT_LABELS.map(([key, label]) => ({ label, value: a.counts[key] })),
    e: rate(a.e),
    groups: GROUPS.map((g) => ({ name: g.name, rates: g.keys.map((k) => ({ label: k, value: rate(a[k]) })) })),
  };
}
