// The words the product prints for a change between two rounds, typed once: every page, print, Word file, export and
// image says 上升 / 下降 / 基本持平 from here, so a verdict never reads differently in two outputs.
import type { ChangeVerdict } from '../stats/change.js';

/** A change within sampling noise (core/stats/change.ts). */
export const FLAT_LABEL = '基本持平';
const RISE_LABEL = '上升';
const FALL_LABEL = '下降';

const CHANGE_VERDICT_LABELS: Readonly<Record<ChangeVerdict, string>> = { rise: RISE_LABEL, fall: FALL_LABEL, flat: FLAT_LABEL };

/** The word of a verdict; '' without one (nothing to compare). */
export function verdictWord(verdict: ChangeVerdict | null | undefined): string {
  return verdict ? CHANGE_VERDICT_LABELS[verdict] : '';
}

/** The direction of a raw difference in words (上升 / 下降), whether or not it is beyond noise. */
export function directionWord(change: number): string {
  return change > 0 ? RISE_LABEL : FALL_LABEL;
}

/** "+1.25 上升": a change with its word, as a table cell prints it. */
export function changeWithWord(change: string, word: string): string {
  return word ? `${change} ${word}` : change;
}
