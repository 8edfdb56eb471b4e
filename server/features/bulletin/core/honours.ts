// 红榜/黑榜: the units that stand out from their level's overall score by more than sampling noise. A unit is named
// only when its whole 95% interval lies above (红榜) or below (黑榜) the overall score of the unit whose bulletin this
// is (the district's score for the district's villages, a village's for its grids). Being 8th of 12 is not news when
// all twelve intervals overlap: then no unit is named, and the page says so. Pure: works on plain numbers.

/** At most this many units on each list; a tie at the cut keeps every unit of that rank. */
export const HONOUR_MAX = 5;

export interface Honours<T> {
  /** Best first. */
  top: T[];
  /** Worst first. */
  bottom: T[];
  /** How many units stand out above / below (the lists may name fewer: at most HONOUR_MAX each). */
  aboveCount: number;
  belowCount: number;
}

export interface HonourCandidate {
  rank: number | null;
  lo: number | null;
  hi: number | null;
}

/** The first `max` of units in rank order (best first for the top, worst first for the bottom), ties at the cut kept. */
function cut<T extends { rank: number }>(ordered: T[], max: number): T[] {
  if (ordered.length <= max) return ordered;
  const last = ordered[max - 1].rank;
  return ordered.filter((u, i) => i < max || u.rank === last);
}

/**
 * The 红榜 and 黑榜 of ranked units against `overall` (null: nothing to compare with, so nobody is named). Units
 * without a rank (too few interviews) or without an interval are never named.
 */
export function standoutLists<T extends HonourCandidate>(units: readonly T[], overall: number | null, max = HONOUR_MAX): Honours<T> {
  if (overall === null || !Number.isFinite(overall)) return { top: [], bottom: [], aboveCount: 0, belowCount: 0 };
  const ranked = units
    .filter((u): u is T & { rank: number; lo: number; hi: number } => u.rank !== null && u.lo !== null && u.hi !== null)
    .sort((a, b) => a.rank - b.rank);
  const above = ranked.filter((u) => u.lo > overall);
  const below = ranked.filter((u) => u.hi < overall).reverse();
  return { top: cut(above, max), bottom: cut(below, max), aboveCount: above.length, belowCount: below.length };
}
