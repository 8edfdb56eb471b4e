// Whether a unit's score may be shown: one rule for the bulletin's tables, its charts, the half-year summary and the
// trends, so a unit never has a score on one page and 样本不足 on another.

/**
 * Reportable: at least one completed interview and no fewer than the round's minimum sample (`insufficient` is set
 * by the results computation from that minimum). A unit that is not reportable shows no score and is never ranked.
 */
export function isReportable(u: { n: number; insufficient: boolean }): boolean {
  return u.n > 0 && !u.insufficient;
}

/** The composite of a unit when it is reportable, else null (missing from the round counts as not reportable). */
export function reportableComposite(u: { n: number; insufficient: boolean; composite: { value: number | null } } | undefined): number | null {
  return u !== undefined && isReportable(u) ? u.composite.value : null;
}
