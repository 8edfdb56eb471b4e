// The bulletin's content lines (features/bulletin/core) as the page prints them: rank, score, interval, changes, indices,
// receipts and weak items, every number formatted, dashes where a unit has no score to show.
import type { ReceiptLine, RankedLine, WeakUnit } from '../core/content-types.js';
import type { UnitLine } from '../core/unit-line.js';
import type { SurveyMetrics } from '../../../core/results/metrics.js';
import { DASH, interval, metric, rankChange, rate, signedChange } from './numbers.js';
import { changeClass, rankChangeClass } from './bulletin-changes.js';
import { verdictWord } from '../../../core/wording/changes.js';
import { possibleRanks, rankRangeText } from '../../../core/wording/ranks.js';

export function bulletinHref(roundCode: string, unitCode: string): string {
  return `/rounds/${encodeURIComponent(roundCode)}/bulletin?unit=${encodeURIComponent(unitCode)}`;
}

export interface UnitRow {
  code: string;
  name: string;
  href: string;
  parentName: string;
  n: number;
  quota: number;
  /** "12/15" against the unit's quota, or "12" where it has none (a roster sweep). */
  done: string;
  completion: string;
  insufficient: boolean;
  rank: string;
  /** "2–9": the plausible rank range, '' when certain or unranked. */
  rankRange: string;
  /** "可能 2–9 名" (core/wording/ranks.ts), '' when certain or unranked. */
  rankRangeNote: string;
  composite: string;
  interval: string;
  scoreChange: string;
  scoreDirection: string;
  /** The score change is within noise: printed grey with "基本持平". */
  scoreFlat: boolean;
  /** 上升 / 下降 / 基本持平 beside the colour. */
  scoreWord: string;
  rankChange: string;
  rankDirection: string;
  indices: string[];
  knowledge: string;
  highlight: '' | 'top' | 'bottom';
  /** Villages and grids: the model (small-area) estimate, its interval and γ (本单位样本权重); '' when none. */
  modelScore: string;
  modelInterval: string;
  gamma: string;
}

export function completion(share: number | null): string {
  return share === null ? DASH : rate(share);
}

export function unitRow(line: UnitLine | RankedLine, roundCode: string, metrics: SurveyMetrics): UnitRow {
  const shown = line.reportable;
  const kind = metrics.composite.kind;
  return {
    code: line.code,
    name: line.name,
    href: bulletinHref(roundCode, line.code),
    parentName: line.parentName,
    n: line.n,
    quota: line.quota,
    done: line.quota > 0 ? `${line.n}/${line.quota}` : String(line.n),
    completion: completion(line.completion),
    insufficient: line.insufficient,
    rank: line.rank === null ? '' : String(line.rank),
    rankRange: rankRangeText(line.rankRange),
    rankRangeNote: possibleRanks(rankRangeText(line.rankRange)),
    composite: shown ? metric(line.composite.value, kind) : DASH,
    interval: shown ? interval(line.composite, kind) : DASH,
    scoreChange: shown ? signedChange(line.scoreChange, kind) : DASH,
    scoreDirection: shown ? changeClass(line.scoreVerdict) : '',
    scoreFlat: shown && line.scoreVerdict === 'flat',
    scoreWord: shown ? verdictWord(line.scoreVerdict) : '',
    rankChange: line.rank === null ? DASH : rankChange(line.rankChange),
    rankDirection: line.rank === null ? '' : rankChangeClass(line.rankChange, line.scoreVerdict),
    indices: metrics.indices.map((ix, i) => (shown ? metric(line.indices[i]?.value, ix.kind) : DASH)),
    knowledge: shown && line.knowledge ? rate(line.knowledge.value) : DASH,
    highlight: 'honour' in line && line.honour ? line.honour : '',
    // docs/statistics.md#small-area-estimates: shown beside the direct estimate whenever the unit has one.
    modelScore: shown && line.smallArea ? metric(line.smallArea.value, kind) : '',
    modelInterval: shown && line.smallArea ? interval({ ...line.composite, ...line.smallArea }, kind) : '',
    gamma: shown && line.smallArea ? line.smallArea.gamma.toFixed(2) : '',
  };
}

export interface ReceiptRow {
  name: string;
  href: string;
  opened: number;
  answered: number;
  closed: number;
  overdue: number;
  feedbackRate: string;
}

export function receiptRow(line: ReceiptLine, roundCode: string): ReceiptRow {
  const r = line.receipts;
  return {
    name: line.name,
    href: bulletinHref(roundCode, line.code),
    opened: r.opened,
    answered: r.answered,
    closed: r.closed,
    overdue: r.overdue,
    feedbackRate: rate(r.feedbackRate),
  };
}

export interface WeakRow {
  name: string;
  href: string;
  parentName: string;
  /** The form's `number` and `shortName` in the cell, the full question `text` on hover. */
  items: Array<{ text: string; number: string; shortName: string; value: string }>;
}

export function weakRow(w: WeakUnit, roundCode: string): WeakRow {
  return {
    name: w.line.name,
    href: bulletinHref(roundCode, w.line.code),
    parentName: w.parentName,
    items: w.items.map((i) => ({ text: i.text, number: i.number, shortName: i.shortName, value: metric(i.value, 'score') })),
  };
}
