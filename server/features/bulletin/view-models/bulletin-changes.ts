// How a change is coloured and labelled on every bulletin display, from one rule (core/stats/change.ts): a real
// rise 'up', a real fall 'down', within noise 'flat' (grey, "基本持平") — the same for scores, rates and ranks, so
// "-0.20" and "-0.2个百分点" of the same size never differ in colour.
import { CHANGE_VERDICT_LABELS, type ChangeVerdict } from '../../../core/stats/change.js';
import type { RankRange } from '../../../core/stats/rank-range.js';

export type ChangeClass = 'up' | 'down' | 'flat' | '';

export const FLAT_LABEL = '基本持平';

/** The class of a change with a verdict; '' without one (nothing to compare). */
export function changeClass(verdict: ChangeVerdict | null | undefined): ChangeClass {
  if (!verdict) return '';
  return verdict === 'rise' ? 'up' : verdict === 'fall' ? 'down' : 'flat';
}

/**
 * A rank change is coloured by the score change behind it: within noise it is grey whatever the places moved
 * (↓99 among grids whose intervals all overlap is not news); otherwise by its own direction.
 */
export function rankChangeClass(rankChange: number | null | undefined, scoreVerdict: ChangeVerdict | null | undefined): ChangeClass {
  if (rankChange === null || rankChange === undefined || rankChange === 0) return '';
  if (scoreVerdict === 'flat') return 'flat';
  return rankChange > 0 ? 'up' : 'down';
}

/**
 * The word each judged change carries beside its colour — 上升, 下降 or 基本持平 — so that a page printed in black and
 * white, a Word file and a reader who cannot tell red from green read the same verdict; '' without a verdict.
 */
export function verdictWord(verdict: ChangeVerdict | null | undefined): string {
  return verdict ? CHANGE_VERDICT_LABELS[verdict] : '';
}

/** "+1.25 上升": a change with its word, as Word prints it in a table cell. */
export function changeWithWord(change: string, word: string): string {
  return word ? `${change} ${word}` : change;
}

/** "2–9" for a rank range that spans places, '' when the rank is certain or there is none. */
export function rankRangeText(range: RankRange | null | undefined): string {
  if (!range || range[0] === range[1]) return '';
  return `${range[0]}–${range[1]}`;
}

/** "第 5 名（可能 2–9 名）", or "第 5 名" when certain. */
export function rankWithRange(rank: number | null, range: RankRange | null | undefined): string {
  if (rank === null) return '';
  const span = rankRangeText(range);
  return span ? `第 ${rank} 名（可能 ${span} 名）` : `第 ${rank} 名`;
}
