// How a change is coloured and labelled on every bulletin display, from one rule (core/stats/change.ts): a real
// rise 'up', a real fall 'down', within noise 'flat' (grey, "基本持平") — the same for scores, rates and ranks, so
// "-0.20" and "-0.2个百分点" of the same size never differ in colour. The words beside the colours are in
// core/wording/.
import type { ChangeVerdict } from '../../../core/stats/change.js';

export type ChangeClass = 'up' | 'down' | 'flat' | '';

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
