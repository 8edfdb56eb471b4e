// When two rankings may be compared (docs/statistics.md#rankings): a rank change says "this unit moved among the same
// units". Last month's 1st of 184 and this month's 1st of 1 (every other grid 样本不足) are not the same race, and the
// difference of their ranks (↑153) is nothing a leader should read. Pure: works on the ranked units' codes.

/**
 * Two rankings of a level are comparable when they share at least this share of their units (Jaccard:
 * |both| / |either|). A grid or two falling under the minimum sample out of 180 leaves the rankings comparable
 * (a rank moves by at most a place or two through membership); a ranking that lost or gained a twentieth of its
 * units is a different ranking.
 */
export const COMPARABLE_SHARE = 0.95;

/** Whether rankings of these ranked units (codes) may be compared; two empty rankings compare nothing. */
export function comparableRankings(previous: ReadonlySet<string>, current: ReadonlySet<string>): boolean {
  let both = 0;
  for (const code of current) if (previous.has(code)) both += 1;
  const either = previous.size + current.size - both;
  return either > 0 && both / either >= COMPARABLE_SHARE;
}

/** A rank change as printed: only for a unit ranked in both of two comparable rankings (positive = moved up). */
export function comparableRankChange(prevRank: number | null, curRank: number | null, comparable: boolean): number | null {
  if (!comparable || prevRank === null || curRank === null) return null;
  return prevRank - curRank;
}
