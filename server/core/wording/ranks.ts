// How the product prints a rank and its plausible range (core/stats/rank-range.ts), typed once for the monthly
// bulletin, the half-year summary, their Word files and the ranking image.
import type { RankRange } from '../stats/rank-range.js';

/** "2–9" for a range that spans places, '' when the rank is certain or there is none. */
export function rankRangeText(range: RankRange | null | undefined): string {
  if (!range || range[0] === range[1]) return '';
  return `${range[0]}–${range[1]}`;
}

/** "可能 2–9 名" for a span such as rankRangeText gives ('' for none); "可能 x–y 名" names the rule in notes. */
export function possibleRanks(span: string): string {
  return span ? `可能 ${span} 名` : '';
}

/** "5（可能 2–9 名）" as a table cell prints a rank, or the rank alone when certain. */
export function rankCell(rank: string, span: string): string {
  return span ? `${rank}（${possibleRanks(span)}）` : rank;
}

/** "可能第2–9名", as running text and the ranking image say it; '' when the rank is certain or there is none. */
export function possibleOrdinalRanks(range: RankRange | null | undefined): string {
  const span = rankRangeText(range);
  return span ? `可能第${span}名` : '';
}
