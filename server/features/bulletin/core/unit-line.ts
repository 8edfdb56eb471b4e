// One unit as every bulletin table says it — rank, score with its interval, changes, indices, 应知应会率, receipts —
// as plain numbers. The page, the XLSX and the CSV only format these lines.
import type { Estimate, ReceiptSummary, RoundResults, SmallAreaEstimate, UnitResult, WeakItem } from '../../../core/results/types.js';
import type { UnitLevel } from '../../../core/units/unit.js';
import { byRank } from '../../../core/results/summary.js';
import { NO_RECEIPTS } from '../../../core/results/compute.js';
import { ownEntry } from '../../../core/results/records.js';
import { isReportable } from './reportable.js';
import type { SurveyMetrics } from '../../../core/results/metrics.js';
import { changeVerdict, type ChangeVerdict } from '../../../core/stats/change.js';
import { rankRangeOf } from '../../../core/results/rank-ranges.js';
import type { RankRange } from '../../../core/stats/rank-range.js';

export interface UnitLine {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  /** The parent's name, '' for the top of the round. */
  parentName: string;
  n: number;
  quota: number;
  /** n / quota, null without a quota. */
  completion: number | null;
  screenedOut: number;
  /** Fewer completed interviews than the round's minimum. */
  insufficient: boolean;
  /** Enough interviews to show a score (see reportable.ts). */
  reportable: boolean;
  equalWeights: boolean;
  rank: number | null;
  /** Plausible rank range [best, worst] from simulating the level's scores (core/results/rank-ranges.ts); null when unranked. */
  rankRange: RankRange | null;
  rankChange: number | null;
  scoreChange: number | null;
  /**
   * Whether the score change since the previous round is beyond noise (stats/change.ts): 'rise', 'fall' or 'flat'
   * (基本持平, shown grey; the rank change is then shown grey too). Null without a previous score or when the caller
   * gave no previous round.
   */
  scoreVerdict: ChangeVerdict | null;
  /** The composite as computed (formatters show it only when reportable; the exports list it regardless). */
  composite: Estimate;
  /** One per index of the questionnaire, in its order; null when the unit has none. */
  indices: Array<Estimate | null>;
  knowledge: Estimate | null;
  receipts: ReceiptSummary;
  /** The three weakest scored items. */
  weakest: WeakItem[];
  /** Villages and grids: the composite's small-area (model) estimate with γ; null when there is none. */
  smallArea: SmallAreaEstimate | null;
}


/** The composite change verdict of a unit against the previous round (null when either is not reportable). */
export function scoreVerdictOf(u: UnitResult, previous: RoundResults | null | undefined): ChangeVerdict | null {
  const before = previous ? ownEntry(previous.units, u.code) : undefined;
  if (!before || !isReportable(u) || !isReportable(before)) return null;
  return changeVerdict(u.composite, before.composite);
}

/** `previous`: the round the changes are against, for their verdicts (omitted: no verdicts). */
export function unitLine(u: UnitResult, results: RoundResults, metrics: SurveyMetrics, previous?: RoundResults | null): UnitLine {
  const parent = u.parentCode ? results.units[u.parentCode] : undefined;
  return {
    code: u.code,
    name: u.name,
    level: u.level,
    parentCode: u.parentCode,
    parentName: parent?.name ?? '',
    n: u.n,
    quota: u.quota,
    completion: u.quota > 0 ? u.n / u.quota : null,
    screenedOut: u.screenedOut,
    insufficient: u.insufficient,
    reportable: isReportable(u),
    equalWeights: u.equalWeights,
    rank: u.rank,
    rankRange: rankRangeOf(results, u.code),
    rankChange: u.rankChange,
    scoreChange: u.scoreChange,
    scoreVerdict: scoreVerdictOf(u, previous),
    composite: u.composite,
    indices: metrics.indices.map((ix) => u.indices[ix.id] ?? null),
    knowledge: u.knowledge,
    receipts: results.receipts[u.code] ?? NO_RECEIPTS,
    weakest: u.weakest.slice(0, 3),
    smallArea: u.composite.smallArea ?? null,
  };
}

/** True when `code` is `ancestor` or lies below it in the round's tree. */
export function isWithin(results: RoundResults, code: string, ancestor: string): boolean {
  for (let c: string | null = code; c !== null; c = results.units[c]?.parentCode ?? null) if (c === ancestor) return true;
  return false;
}

/** The units of one level inside a unit (the unit itself when it is of that level), ranked. */
export function unitsAtLevel(results: RoundResults, within: string, level: UnitLevel): UnitResult[] {
  return Object.values(results.units)
    .filter((u) => u.level === level && isWithin(results, u.code, within))
    .sort(byRank);
}

/** The units of the round directly under `parentCode`, or every unit of `level` strictly below it; ranked. */
export function unitsUnder(results: RoundResults, parentCode: string, level?: UnitLevel): UnitResult[] {
  const all = Object.values(results.units);
  if (!level) return all.filter((u) => u.parentCode === parentCode).sort(byRank);
  return all.filter((u) => u.level === level && u.code !== parentCode && isWithin(results, u.code, parentCode)).sort(byRank);
}

/** The parents of a unit in the round, top first. */
export function ancestorsOf(results: RoundResults, unit: UnitResult): UnitResult[] {
  const out: UnitResult[] = [];
  for (let p = unit.parentCode; p !== null; p = results.units[p]?.parentCode ?? null) {
    const u = results.units[p];
    if (!u) break;
    out.unshift(u);
  }
  return out;
}

/** The round's top unit: the one whose parent is not part of the round. */
export function isTopOfRound(results: RoundResults, unit: UnitResult): boolean {
  return unit.parentCode === null || results.units[unit.parentCode] === undefined;
}

/**
 * Every unit of one level inside a unit (the unit itself when it is of that level), ranked, as lines; `previous`: the
 * round their changes are against, for the verdicts.
 */
export function levelLines(results: RoundResults, within: string, level: UnitLevel, metrics: SurveyMetrics, previous: RoundResults | null): UnitLine[] {
  return unitsAtLevel(results, within, level).map((u) => unitLine(u, results, metrics, previous));
}

const DEPTH: Record<UnitLevel, number> = { district: 0, township: 1, village: 2, grid: 3 };
const REPORT_LEVELS: UnitLevel[] = ['township', 'village', 'grid'];

/** The levels at or below the unit that a report can list (a district's own level has a single row: the overview). */
export function levelsBelow(level: UnitLevel): UnitLevel[] {
  return REPORT_LEVELS.filter((l) => DEPTH[l] >= DEPTH[level]);
}

/** The first level strictly below `level` a report lists (a grid's own level when there is none below). */
export function firstLevelBelow(level: UnitLevel): UnitLevel {
  return REPORT_LEVELS.find((l) => DEPTH[l] > DEPTH[level]) ?? 'grid';
}
