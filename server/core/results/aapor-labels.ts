// Names of the AAPOR outcome counts and rates, shared by the bulletin and the exports.
import type { AaporRates } from './types.js';

export const AAPOR_COUNT_LABELS: ReadonlyArray<readonly [keyof AaporRates['counts'], string]> = [
  ['I', '完成 I'],
  ['P', '部分完成 P'],
  ['R', '拒访/中断 R'],
  ['NC', '未接通 NC'],
  ['O', '其他 O'],
  ['UH', '未知住户 UH'],
  ['UO', '未知其他 UO'],
  ['NE', '不合格 NE'],
];

export type AaporRateKey = Exclude<keyof AaporRates, 'counts' | 'e'>;

export const AAPOR_RATE_GROUPS: ReadonlyArray<{ name: string; keys: readonly AaporRateKey[] }> = [
  { name: '应答率', keys: ['RR1', 'RR2', 'RR3', 'RR4', 'RR5', 'RR6'] },
  { name: '合作率', keys: ['COOP1', 'COOP2', 'COOP3', 'COOP4'] },
  { name: '拒访率', keys: ['REF1', 'REF2', 'REF3'] },
  { name: '接触率', keys: ['CON1', 'CON2', 'CON3'] },
];
