// 红榜/黑榜: the top and bottom units of a ranking. Pure: works on anything with a competition rank.

/**
 * How many units a 红榜 or 黑榜 names: five, but never more than a third of the ranked units, so that being named
 * singles a unit out (of six townships, two on each list, not three) and the lists never meet.
 */
export function honourSize(rankedCount: number, max = 5): number {
  return Math.max(0, Math.min(max, Math.floor(rankedCount / 3)));
}

export interface Honours<T> {
  top: T[];
  /** Worst first. */
  bottom: T[];
}

/**
 * The top and bottom of the ranked units (units without a rank — too few interviews — are never named). A tie at
 * the cut keeps every unit of that rank: two villages sharing 5th place are both on the list.
 */
export function redBlackLists<T extends { rank: number | null }>(units: readonly T[], max = 5): Honours<T> {
  const ranked = units.filter((u): u is T & { rank: number } => u.rank !== null).sort((a, b) => a.rank - b.rank);
  const size = honourSize(ranked.length, max);
  if (size === 0) return { top: [], bottom: [] };
  const topCut = ranked[size - 1].rank;
  const top = ranked.filter((u) => u.rank <= topCut);
  const bottomCut = ranked[ranked.length - size].rank;
  const bottom = ranked.filter((u) => u.rank >= bottomCut && !top.includes(u)).reverse();
  return { top, bottom };
}
