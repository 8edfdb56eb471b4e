// Every ranked unit's plausible rank range (stats/rank-range.ts) in a round: the units of each level are simulated
// together, as they are ranked together. One home for the bulletin tables, the exports and the results API, so they
// all print the same range.
import type { RoundResults, UnitResult } from '../results/types.js';
import { rankRanges, type RankRange } from '../stats/rank-range.js';

export type { RankRange } from '../stats/rank-range.js';

// A round's results are computed once and shared (a refreshed receipt count copies the object but keeps `units`), so
// the ranges are kept per `units` record: simulating 2,000 grids costs a few hundred milliseconds, once.
const memo = new WeakMap<RoundResults['units'], ReadonlyMap<string, RankRange>>();

function rankedByLevel(units: Iterable<UnitResult>): Map<string, UnitResult[]> {
  const byLevel = new Map<string, UnitResult[]>();
  for (const u of units) {
    if (u.rank === null || u.composite.value === null) continue;
    const list = byLevel.get(u.level);
    if (list) list.push(u);
    else byLevel.set(u.level, [u]);
  }
  return byLevel;
}

/** Rank ranges by unit code for every ranked unit of the round (unranked units have none). */
export function roundRankRanges(results: Pick<RoundResults, 'units'>): ReadonlyMap<string, RankRange> {
  const known = memo.get(results.units);
  if (known) return known;
  const out = new Map<string, RankRange>();
  for (const list of rankedByLevel(Object.values(results.units)).values()) {
    const entries = list.map((u) => ({ key: u.code, value: u.composite.value ?? 0, se: u.composite.se, rank: u.rank ?? 1 }));
    for (const [code, range] of rankRanges(entries)) out.set(code, range);
  }
  memo.set(results.units, out);
  return out;
}

/** One unit's range, null when it is not ranked. */
export function rankRangeOf(results: Pick<RoundResults, 'units'>, code: string): RankRange | null {
  return roundRankRanges(results).get(code) ?? null;
}
