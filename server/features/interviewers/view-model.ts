// What the interviewer quality page and its workbook show (docs/statistics.md#interviewers): one row per interviewer
// with figures as printed, the reasons for 需核查 in plain words, and the thresholds the round uses. A mark asks for a
// check; the wording accuses nobody.
import { Z_95, formatScore } from '../../core/stats/index.js';
import type { QualityReason } from '../../core/results/interviewer-quality.js';
import type { InterviewerReport } from './interviewers-service.js';
import type { RoundQualitySettings } from './core/thresholds.js';

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

/** The round's thresholds in words, for the page's note. */
export function thresholdLines(s: RoundQualitySettings): string[] {
  return [
    `各题答案完全相同的访问占比超过 ${pct(s.straightShare)}`,
    `各题都选最好一档的访问占比超过 ${pct(s.allBestShare)}`,
    `电话访问时长中位数低于 ${s.minMedianMinutes} 分钟`,
    `真实度回访核实不符 ${s.callbackMismatches} 次及以上`,
    `占比与时长只在访问数不少于 ${s.minInterviews} 次时判断`,
  ];
}
