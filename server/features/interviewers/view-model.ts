// What the interviewer quality page and its workbook show (docs/statistics.md#interviewers): one row per interviewer
// with figures as printed, the reasons for 需核查 in plain words, and the thresholds the round uses. A mark asks for a
// check; the wording accuses nobody.
import { Z_95, formatScore } from '../../core/stats/index.js';
import type { QualityReason } from '../../core/results/interviewer-quality.js';
import type { InterviewerReport } from './interviewers-service.js';
import { DEFAULT_ROUND_QUALITY, QUALITY_FIELDS, typedValue, type RoundQualitySettings } from './core/thresholds.js';

export const REASON_LABELS: Readonly<Record<QualityReason, string>> = {
  gap: '受访者评价明显高于同网格其他受访者（超出抽样误差）',
  straight: '各题答案完全相同的访问占比超过本轮阈值',
  allBest: '各题都选最好一档的访问占比超过本轮阈值',
  short: '电话访问时长中位数低于本轮阈值',
  callbacks: '真实度回访核实不符次数达到本轮阈值',
};

export interface InterviewerRowView {
  interviewerId: number;
  name: string;
  interviews: number;
  phone: number;
  paper: number;
  grids: number;
  own: string;
  others: string;
  gap: string;
  /** Half-width of the gap's 95% interval, as printed. */
  margin: string;
  gapReal: boolean;
  dontKnow: string;
  straight: string;
  allBest: string;
  minutes: string;
  confirmed: number;
  notConfirmed: number;
  marked: boolean;
  reasons: string[];
}

function pct(v: number | null): string {
  return v === null ? '—' : `${(100 * v).toFixed(1)}%`;
}

function score(v: number | null): string {
  return v === null ? '—' : formatScore(v);
}

export function interviewerRows(report: InterviewerReport, nameOf: (id: number) => string): InterviewerRowView[] {
  return report.rows.map((r) => ({
    interviewerId: r.interviewerId,
    name: nameOf(r.interviewerId),
    interviews: r.interviews,
    phone: r.phone,
    paper: r.paper,
    grids: r.grids,
    own: score(r.own),
    others: score(r.others),
    gap: r.gap.value === null ? '—' : `${r.gap.value > 0 ? '+' : ''}${formatScore(r.gap.value)}`,
    margin: r.gap.se === null ? '—' : formatScore(Z_95 * r.gap.se),
    gapReal: r.gap.real,
    dontKnow: pct(r.dontKnowShare),
    straight: pct(r.straightShare),
    allBest: pct(r.allBestShare),
    minutes: r.medianMinutes === null ? '—' : r.medianMinutes.toFixed(1),
    confirmed: r.callbacks.confirmed,
    notConfirmed: r.callbacks.notConfirmed,
    marked: r.reasons.length > 0,
    reasons: r.reasons.map((x) => REASON_LABELS[x]),
  }));
}

export interface ThresholdRowView {
  field: keyof RoundQualitySettings;
  label: string;
  unit: string;
  /** The documented default and the value the round uses, in the form's units. */
  defaultText: string;
  valueText: string;
  /** The round sets this one itself. */
  own: boolean;
  /** What the form's field holds: as typed after an error, else the round's own value, else empty (the default). */
  typed: string;
  error: string | null;
}

/** Each threshold with its default, the value in use and whether the round overrides it, for the page and its form. */
export function thresholdRows(
  settings: RoundQualitySettings, overrides: Partial<RoundQualitySettings>,
  form?: { typed: Partial<Record<keyof RoundQualitySettings, string>>; errors: ReadonlyMap<keyof RoundQualitySettings, string> },
): ThresholdRowView[] {
  return QUALITY_FIELDS.map((f) => {
    const own = overrides[f.key];
    return {
      field: f.key,
      label: f.label,
      unit: f.unit,
      defaultText: typedValue(f, DEFAULT_ROUND_QUALITY[f.key]),
      valueText: typedValue(f, settings[f.key]),
      own: own !== undefined,
      typed: form ? form.typed[f.key] ?? '' : own === undefined ? '' : typedValue(f, own),
      error: form?.errors.get(f.key) ?? null,
    };
  });
}
