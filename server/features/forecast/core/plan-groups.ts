// The plan as the committee acts on it: one block per township (the area a plan item lies in), one line per question
// with its printed number and short name, both ordered by effect (expected composite points, largest first). The
// plan's items stay per area, question and answer (applyPlan needs them so); here the answers a question moves
// from are folded into its one line.
import type { PlanItem } from './improve.js';

export interface PlanLine {
  questionId: string;
  questionLabel: string;
  toLabel: string;
  count: number;
  gain: number;
  /** The answers moved from, most residents first. */
  froms: Array<{ label: string; count: number }>;
  text: string;
}

export interface PlanGroup {
  areaCode: string;
  areaName: string;
  count: number;
  gain: number;
  lines: PlanLine[];
}

const byGain = (a: { gain: number; count: number }, b: { gain: number; count: number }) => b.gain - a.gain || b.count - a.count;

function lineOf(items: readonly PlanItem[]): PlanLine {
  const first = items[0];
  const count = items.reduce((s, i) => s + i.count, 0);
  const froms = items.map((i) => ({ label: i.fromLabel, count: i.count })).sort((a, b) => b.count - a.count);
  const fromText = froms.map((f) => `“${f.label}”${f.count} 位`).join('、');
  return {
    questionId: first.questionId,
    questionLabel: first.questionLabel,
    toLabel: first.toLabel,
    count,
    gain: items.reduce((s, i) => s + i.gain, 0),
    froms,
    text: `${first.questionLabel}：再有 ${count} 位居民答“${first.toLabel}”（原答${fromText}）`,
  };
}

/** The plan's items grouped by area and question, areas and lines by effect. */
export function groupPlan(items: readonly PlanItem[]): PlanGroup[] {
  const areas = new Map<string, { name: string; questions: Map<string, PlanItem[]> }>();
  for (const item of items) {
    const area = areas.get(item.areaCode) ?? { name: item.areaName, questions: new Map<string, PlanItem[]>() };
    areas.set(item.areaCode, area);
    area.questions.set(item.questionId, [...(area.questions.get(item.questionId) ?? []), item]);
  }
  return [...areas.entries()]
    .map(([areaCode, area]) => {
      const lines = [...area.questions.values()].map(lineOf).sort(byGain);
      return {
        areaCode,
        areaName: area.name,
        count: lines.reduce((s, l) => s + l.count, 0),
        gain: lines.reduce((s, l) => s + l.gain, 0),
        lines,
      };
    })
    .sort(byGain);
}
