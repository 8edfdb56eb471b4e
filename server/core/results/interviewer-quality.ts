// Interviewer quality (访员质量): for each staff member who entered phone or paper interviews in a round, the composite
// of their interviews against the same grids' composite from everyone else, and the shapes of their interviews, with
// 需核查 only where a figure is beyond noise or beyond a threshold the round sets (docs/statistics.md#interviewers).
// A mark asks for a check (a call-back draw, a conversation); it accuses nobody.
import type { Survey } from '../survey/model.js';
import type { ResultsPlan } from './plan.js';
import { answerTraitsReader, median } from './answer-traits.js';
import { estimateOf, gapOf, subsetEstimates, type Gap, type ResponseGroup } from './subset-estimates.js';

/** The round's thresholds (quality_thresholds, migration 034); defaults in DEFAULT_QUALITY_THRESHOLDS. */
export interface QualityThresholds {
  /** Share of an interviewer's interviews with every scored answer identical above which it is marked. */
  straightShare: number;
  /** Share with every scored answer at the best option above which it is marked. */
  allBestShare: number;
  /** Median phone interview shorter than this many minutes is marked. */
  minMedianMinutes: number;
  /** This many call-backs 核实不符 (denied, or answers that differ) or more is marked. */
  callbackMismatches: number;
  /** Fewer interviews than this: the gap, shares and lengths are shown but not judged (too few to tell). */
  minInterviews: number;
}

export const DEFAULT_QUALITY_THRESHOLDS: QualityThresholds = {
  straightShare: 0.2,
  allBestShare: 0.2,
  minMedianMinutes: 5,
  callbackMismatches: 2,
  minInterviews: 10,
};

/** One interview entered by staff. */
export interface StaffInterview {
  interviewerId: number;
  gridId: number;
  mode: string;
  choices: string;
  /** Phone: minutes from the call's start to its end; null when unknown (paper, imported). */
  minutes: number | null;
}

export interface InterviewerCallbackCounts {
  confirmed: number;
  /** 核实不符. */
  notConfirmed: number;
}

export type QualityReason = 'gap' | 'straight' | 'allBest' | 'short' | 'callbacks';

export interface InterviewerQuality {
  interviewerId: number;
  interviews: number;
  phone: number;
  paper: number;
  /** Grids they worked. */
  grids: number;
  own: number | null;
  others: number | null;
  /** Own − others on the composite over the grids they worked. */
  gap: Gap;
  dontKnowShare: number | null;
  straightShare: number | null;
  allBestShare: number | null;
  medianMinutes: number | null;
  callbacks: InterviewerCallbackCounts;
  /** Why it is marked 需核查; empty when it is not. */
  reasons: QualityReason[];
}

export interface InterviewerQualityInput {
  interviews: readonly StaffInterview[];
  /** Every completed response of the round, grouped (the "others" come from here). */
  groups: readonly ResponseGroup[];
  populations: ReadonlyMap<number, number | null>;
  plan: ResultsPlan;
  survey: Survey;
  callbacks: ReadonlyMap<number, InterviewerCallbackCounts>;
  thresholds: QualityThresholds;
}

function reasonsOf(q: Omit<InterviewerQuality, 'reasons'>, t: QualityThresholds): QualityReason[] {
  const out: QualityReason[] = [];
  const judged = q.interviews >= t.minInterviews;
  // Only a rosier-than-neighbours gap asks for a check: fabrication pushes answers up, while a real shortfall is what
  // honest colleagues of a fabricator (and phone interviewers beside rosier web answers) show in the same grids. Like
  // the shares, only from minInterviews on: the SE of a handful of interviews is itself noise (two alike give SE 0).
  if (judged && q.gap.real && (q.gap.value ?? 0) > 0) out.push('gap');
  if (judged && q.straightShare !== null && q.straightShare > t.straightShare) out.push('straight');
  if (judged && q.allBestShare !== null && q.allBestShare > t.allBestShare) out.push('allBest');
  if (judged && q.medianMinutes !== null && q.medianMinutes < t.minMedianMinutes) out.push('short');
  if (q.callbacks.notConfirmed >= t.callbackMismatches) out.push('callbacks');
  return out;
}

function oneInterviewer(id: number, mine: readonly StaffInterview[], input: InterviewerQualityInput): InterviewerQuality {
  const traits = answerTraitsReader(input.plan, input.survey);
  const grids = new Set(mine.map((i) => i.gridId));
  let asked = 0;
  let dontKnow = 0;
  let straight = 0;
  let allBest = 0;
  for (const i of mine) {
    const t = traits(i.choices);
    asked += t.asked;
    dontKnow += t.dontKnow;
    if (t.straight) straight += 1;
    if (t.allBest) allBest += 1;
  }
  const { groups, populations, plan, survey } = input;
  const own = subsetEstimates(groups, (g) => g.interviewerId === id, grids, populations, plan, survey);
  const others = subsetEstimates(groups, (g) => g.interviewerId !== id, grids, populations, plan, survey);
  const n = mine.length;
  const minutes = mine.flatMap((i) => (i.mode === 'phone' && i.minutes !== null ? [i.minutes] : []));
  const q = {
    interviewerId: id,
    interviews: n,
    phone: mine.filter((i) => i.mode === 'phone').length,
    paper: mine.filter((i) => i.mode === 'paper').length,
    grids: grids.size,
    own: estimateOf(own, 'composite')?.value ?? null,
    others: estimateOf(others, 'composite')?.value ?? null,
    gap: gapOf(estimateOf(own, 'composite'), estimateOf(others, 'composite')),
    dontKnowShare: asked > 0 ? dontKnow / asked : null,
    straightShare: n > 0 ? straight / n : null,
    allBestShare: n > 0 ? allBest / n : null,
    medianMinutes: median(minutes),
    callbacks: input.callbacks.get(id) ?? { confirmed: 0, notConfirmed: 0 },
  };
  return { ...q, reasons: reasonsOf(q, input.thresholds) };
}

/** One row per interviewer with phone or paper interviews, in interviewer order. */
export function interviewerQuality(input: InterviewerQualityInput): InterviewerQuality[] {
  const byInterviewer = new Map<number, StaffInterview[]>();
  for (const i of input.interviews) {
    if (i.mode !== 'phone' && i.mode !== 'paper') continue;
    let list = byInterviewer.get(i.interviewerId);
    if (!list) byInterviewer.set(i.interviewerId, (list = []));
    list.push(i);
  }
  return [...byInterviewer.keys()].sort((a, b) => a - b).map((id) => oneInterviewer(id, byInterviewer.get(id) ?? [], input));
}
