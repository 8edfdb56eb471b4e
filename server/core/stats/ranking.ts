// Rankings as the bulletins print them: competition ranking ("1224") on scores rounded to two decimals, so two units
// that show the same score share a rank, and whoever reads the table can check every rank from the printed numbers.

/** A score as printed (two decimals), as a number; the same rounding as formatScore. */
export function roundScore(x: number): number {
  return Number(x.toFixed(2));
}

function rankable(score: number | null): score is number {
  return score !== null && Number.isFinite(score);
}

/**
 * Competition ranks (1, 2, 2, 4), higher score first. Ineligible entries (too few interviews) and entries without a
 * score get null and do not occupy a rank.
 */
export function competitionRank<T>(entries: Array<{ key: T; score: number | null; eligible: boolean }>): Map<T, number | null> {
  const printed: number[] = [];
  for (const e of entries) if (e.eligible && rankable(e.score)) printed.push(roundScore(e.score));
  printed.sort((a, b) => b - a);
  // rank of a printed score = 1 + how many ranked entries print strictly higher = its first position + 1
  const rankOf = new Map<number, number>();
  printed.forEach((score, i) => {
    if (!rankOf.has(score)) rankOf.set(score, i + 1);
  });
  const ranks = new Map<T, number | null>();
  for (const e of entries) {
    ranks.set(e.key, e.eligible && rankable(e.score) ? (rankOf.get(roundScore(e.score)) ?? null) : null);
  }
  return ranks;
}

/** Places moved up since the previous round (5th → 3rd is +2); null when either round has no rank. */
export function rankChange(prev: number | null, cur: number | null): number | null {
  if (prev === null || cur === null) return null;
  return prev - cur;
}

/**
 * The k lowest-scoring items, lowest first; items without a value are skipped. Items that print the same score
 * (two decimals) are ordered by id, so the list does not depend on rounding noise.
 */
export function weakestItems<T extends { id: string; value: number | null }>(items: T[], k = 3): T[] {
  const scored: Array<{ item: T; score: number }> = [];
  for (const item of items) if (rankable(item.value)) scored.push({ item, score: roundScore(item.value) });
  return scored
    .sort((a, b) => a.score - b.score || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0))
    .slice(0, Math.max(0, k))
    .map(({ item }) => item);
}
