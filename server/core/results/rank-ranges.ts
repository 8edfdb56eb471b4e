// Every ranked unit's plausible rank range (stats/rank-range.ts), the units of each level simulated together as they
// are ranked together. Computed with the round's results (in the results worker for a large open round, once at
// close for a closed one), so no page or API read pays for 2,000 simulated rankings of 2,000 grids. Results made
// without them (hand-made results in tests, payloads cached before ranges existed) get them computed here once per
// round, kept per `units` record (a refreshed receipt count copies the results object but keeps `units`).
import { sequentialRankRanges, type RankEntry, type RankRange, type RankRangeRunner } from '../stats/rank-range.js';
import type { RoundResults, UnitResult } from './types.js';

type Rankable = Pick<UnitResult, 'code' | 'level' | 'rank' | 'composite'>;

/** One ranking per level: every ranked unit with a score (unranked units have none), keyed by the unit. */
export function levelRangeJobs<U extends Rankable>(units: Iterable<U>): Array<Array<RankEntry<U>>> {
  const byLevel = new Map<string, Array<RankEntry<U>>>();
  for (const u of units) {
    if (u.rank === null || u.composite.value === null) continue;
    const entry = { key: u, value: u.composite.value, se: u.composite.se, rank: u.rank };
    const list = byLevel.get(u.level);
    if (list) list.push(entry);
    else byLevel.set(u.level, [entry]);
  }
  return [...byLevel.values()];
}

/** Rank ranges by unit code for every ranked unit with a score (unranked units have none). */
export function levelRankRanges(units: Iterable<Rankable>, runner: RankRangeRunner = sequentialRankRanges): Map<string, RankRange> {
  const out = new Map<string, RankRange>();
  for (const ranges of runner(levelRangeJobs(units))) for (const [u, range] of ranges) out.set(u.code, range);
  return out;
}

const memo = new WeakMap<RoundResults['units'], ReadonlyMap<string, RankRange>>();

function computedRanges(results: Pick<RoundResults, 'units'>): ReadonlyMap<string, RankRange> {
  let known = memo.get(results.units);
  if (!known) memo.set(results.units, (known = levelRankRanges(Object.values(results.units))));
  return known;
}

/** One unit's range for the bulletin tables and the results API, null when it is not ranked. */
export function rankRangeOf(results: Pick<RoundResults, 'units'>, code: string): RankRange | null {
  const u = Object.prototype.hasOwnProperty.call(results.units, code) ? results.units[code] : undefined;
  if (!u || u.rank === null) return null;
  if (u.rankRange !== undefined) return u.rankRange;
  return computedRanges(results).get(code) ?? null;
}
