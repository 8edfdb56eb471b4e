// How much of a unit's n came in through review: completed web answers that were held (待核查) and then accepted,
// per grid and summed up the unit tree, so the committee sees beside each n what it let in by a decision
// (docs/rules.md#review-across-grids-and-the-round).

/** Per unit code: the accepted-after-review answers of its grids; units with none are absent (read as 0). */
export function acceptedPerUnit(
  acceptedByGrid: ReadonlyMap<string, number>,
  parentOf: (code: string) => string | null | undefined,
): Map<string, number> {
  const perUnit = new Map<string, number>();
  for (const [gridCode, n] of acceptedByGrid) {
    const seen = new Set<string>();
    for (let code: string | null | undefined = gridCode; code && !seen.has(code); code = parentOf(code)) {
      seen.add(code);
      perUnit.set(code, (perUnit.get(code) ?? 0) + n);
    }
  }
  return perUnit;
}

/** The share of n, 0 when n is 0. */
export function acceptedShare(accepted: number, n: number): number {
  return n > 0 ? accepted / n : 0;
}
