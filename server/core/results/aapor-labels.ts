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

/**
 * The rates a reader meets outside the appendix, in plain Chinese: a name and one line each. RR1 counts every
 * unknown number as eligible (strictest), RR6 none (kindest); RR3, COOP1, REF2, CON2 count them in proportion e.
 */
export const AAPOR_PLAIN: Partial<Record<AaporRateKey, { name: string; meaning: string }>> = {
  RR1: { name: '应答率（最严）', meaning: '完成访问占全部可能合格号码的比例，无法确认是否合格的号码全部算作合格。' },
  RR3: { name: '应答率', meaning: '拨打的合格号码中完成访问的比例（未接通、无法确认是否合格的号码按估计的合格比例计入）。' },
  RR6: { name: '应答率（最宽）', meaning: '完成和部分完成占已确认合格号码的比例，无法确认的号码不计入。' },
  COOP1: { name: '合作率', meaning: '接通并找到合格受访者后，同意并完成访问的比例。' },
  REF2: { name: '拒访率', meaning: '合格号码中拒绝访问或中途挂断的比例。' },
  CON1: { name: '接触率（最严）', meaning: '可能合格的号码中接通并联系到本人的比例，无法确认的号码全部算作合格。' },
  CON2: { name: '接触率', meaning: '合格号码中接通并联系到本人的比例。' },
};
