// A unit's results as the API and the CLI print them: the same fields, scores 0–100 and rates 0–1.
import type { Estimate, RoundResults, SmallAreaEstimate, UnitResult } from './types.js';
import type { UnitLevel } from '../units/unit.js';
import { ownEntry } from './records.js';

/** An estimate as printed: exactly the fields of `Estimate` that the API documents. */
export type EstimateSummary = Pick<Estimate, 'value' | 'se' | 'lo' | 'hi' | 'n' | 'dontKnow'> & {
  /** Villages and grids only: the model estimate, null when there is none (docs/statistics.md#small-area-estimates). */
  smallArea?: SmallAreaEstimate | null;
};

export interface UnitSummary {
  code: string;
  name: string;
  level: UnitLevel;
  n: number;
  composite: EstimateSummary;
  indices: Record<string, EstimateSummary>;
  knowledge: EstimateSummary | null;
  rank: number | null;
  /** Plausible rank range [best, worst] (core/results/rank-ranges.ts); null when unranked. */
  rankRange: [number, number] | null;
  rankChange: number | null;
  scoreChange: number | null;
  insufficient: boolean;
  equalWeights: boolean;
  /** Villages and grids only: the rank by the composite's model estimate and its plausible range. */
  smallAreaRank?: number | null;
  smallAreaRankRange?: [number, number] | null;
}

function estimateSummary(e: Estimate, modelled = false): EstimateSummary {
  const out: EstimateSummary = { value: e.value, se: e.se, lo: e.lo, hi: e.hi, n: e.n, dontKnow: e.dontKnow };
  if (modelled) out.smallArea = e.smallArea ?? null;
  return out;
}

/** Levels that have small-area estimates. */
function modelledLevel(u: UnitResult): boolean {
  return u.level === 'village' || u.level === 'grid';
}

export function unitSummary(u: UnitResult, rankRange: [number, number] | null = null): UnitSummary {
  const modelled = modelledLevel(u);
  const indices: Record<string, EstimateSummary> = {};
  for (const [id, e] of Object.entries(u.indices)) indices[id] = estimateSummary(e, modelled);
  const out: UnitSummary = {
    code: u.code,
    name: u.name,
    level: u.level,
    n: u.n,
    composite: estimateSummary(u.composite, modelled),
    indices,
    knowledge: u.knowledge ? estimateSummary(u.knowledge) : null,
    rank: u.rank,
    rankRange: u.rank === null ? null : rankRange,
    rankChange: u.rankChange,
    scoreChange: u.scoreChange,
    insufficient: u.insufficient,
    equalWeights: u.equalWeights,
  };
  if (modelled) {
    out.smallAreaRank = u.smallAreaRank ?? null;
    out.smallAreaRankRange = u.smallAreaRankRange ?? null;
  }
  return out;
}

/** The round's top unit: the one whose parent is not part of the round. */
export function topUnit(results: RoundResults): UnitResult | undefined {
  return Object.values(results.units).find((u) => u.parentCode === null || ownEntry(results.units, u.parentCode) === undefined);
}

/** Ranked first in rank order, then the unranked (too few interviews, no score) by code. */
export function byRank(a: UnitResult, b: UnitResult): number {
  if (a.rank !== null && b.rank !== null) return a.rank - b.rank || a.code.localeCompare(b.code);
  if (a.rank !== null) return -1;
  if (b.rank !== null) return 1;
  return a.code.localeCompare(b.code);
}

/** A unit's direct children in the round, in rank order. */
export function childrenOf(results: RoundResults, code: string): UnitResult[] {
  return Object.values(results.units).filter((u) => u.parentCode === code).sort(byRank);
}
