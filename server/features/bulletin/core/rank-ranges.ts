// A unit's plausible rank range for the bulletin tables and the results API: the one computed with the round's
// results (results/rank-ranges.ts). Results made without it (hand-made results in tests, payloads cached before
// ranges existed) get them computed here once per round, kept per `units` record (a refreshed receipt count copies
// the results object but keeps `units`).
import type { RoundResults } from '../../../core/results/types.js';
import { levelRankRanges } from '../../../core/results/rank-ranges.js';
import type { RankRange } from '../../../core/stats/rank-range.js';

export type { RankRange } from '../../../core/stats/rank-range.js';

const memo = new WeakMap<RoundResults['units'], ReadonlyMap<string, RankRange>>();

function computedRanges(results: Pick<RoundResults, 'units'>): ReadonlyMap<string, RankRange> {
  let known = memo.get(results.units);
  if (!known) memo.set(results.units, (known = levelRankRanges(Object.values(results.units))));
  return known;
}

/** One unit's range, null when it is not ranked. */
export function rankRangeOf(results: Pick<RoundResults, 'units'>, code: string): RankRange | null {
  const u = Object.prototype.hasOwnProperty.call(results.units, code) ? results.units[code] : undefined;
  if (!u || u.rank === null) return null;
  if (u.rankRange !== undefined) return u.rankRange;
  return computedRanges(results).get(code) ?? null;
}
