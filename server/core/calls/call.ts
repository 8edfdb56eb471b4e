// Phone interview attempts and their AAPOR dispositions (docs/statistics.md#aapor-rates): entity, Chinese labels.

export type CallDisposition =
  | 'complete' | 'partial' | 'refusal' | 'non_contact' | 'other' | 'unknown_household' | 'unknown_other' | 'not_eligible';

export const CALL_DISPOSITIONS: readonly CallDisposition[] = [
  'complete', 'partial', 'refusal', 'non_contact', 'other', 'unknown_household', 'unknown_other', 'not_eligible',
];

export const DISPOSITION_LABELS: Readonly<Record<CallDisposition, string>> = {
  complete: '完成访问',
  partial: '部分完成',
  refusal: '拒访/中途挂断',
  non_contact: '未接触到受访者',
  other: '其他',
  unknown_household: '未知是否有效户',
  unknown_other: '其他未知',
  not_eligible: '不符合条件',
};
