// The half-year summary's judgements over the monthly rounds, using every month, not the first and the last (the two
// noisiest points): each unit's half-year score (mean of its monthly estimates, SE √(Σ SEᵢ²)/k), its trend (weighted
// least-squares slope per month, weights 1/SEᵢ²), and who improved, declined or stayed behind beyond noise.
// Pure: takes each month's estimates per unit, in month order.
import { printedChange } from '../../../core/results/compute.js';
import { onScale } from '../../../core/results/scale.js';
import { beyondNoise, type ChangeVerdict } from '../../../core/stats/change.js';
import { competitionRank } from '../../../core/stats/ranking.js';
import { rankRanges, type RankRange } from '../../../core/stats/rank-range.js';
import { meanOfMonths, weightedSlope, type MonthEstimate, type PooledEstimate, type Slope } from '../../../core/stats/pooled.js';

/** One unit in one month: null value when the unit was not measured or had too few interviews. */
export interface MonthScore {
  value: number | null;
  /** The estimate's SE and 95% interval (absent or null: unknown). */
  se?: number | null;
  lo?: number | null;
  hi?: number | null;
  rank: number | null;
  insufficient: boolean;
}

export interface UnitTrend {
  code: string;
  /** One entry per month, oldest first; null when the unit was not in that month's round. */
  months: Array<MonthScore | null>;
}

/** A unit's half-year: score with interval, its rank among the level, its trend and whether the trend is real. */
export interface HalfYear {
  score: PooledEstimate | null;
  /** Competition rank of the half-year score among the level's units measured in enough months (null otherwise). */
  rank: number | null;
  /**
   * Plausible rank range of the half-year score, by the monthly bulletin's rule (core/stats/rank-range.ts: the
   * level's half-year scores drawn from Normal(H, SE(H)²)); null when unranked.
   */
  rankRange: RankRange | null;
  trend: Slope | null;
  /** 'rise'/'fall' when |slope| > 1.96·SE(slope), else 'flat'; null without a trend. */
  trendVerdict: ChangeVerdict | null;
}

export interface ScoreChange {
  code: string;
  /** The first and last months with a reportable score, and the printed difference (context for the slope). */
  first: number;
  last: number;
  change: number;
  /** Points per month, and its SE. */
  slope: number;
  slopeSe: number;
}

type Usable = MonthScore & { value: number };

function usable(m: MonthScore | null): m is Usable {
  return m !== null && !m.insufficient && m.value !== null;
}

/** The months a unit was reportable, numbered by their place in the period (gaps keep their place). */
export function monthEstimates(t: UnitTrend): MonthEstimate[] {
  const out: MonthEstimate[] = [];
  t.months.forEach((m, x) => {
    if (usable(m)) out.push({ x, value: m.value, se: m.se ?? null });
  });
  return out;
}

/** A half-year score is ranked only over at least half the months: a unit seen once is not comparable. */
export function monthsForRank(months: number): number {
  return Math.max(1, Math.ceil(months / 2));
}

/** Half-year score and trend of one unit (rank left null: see halfYears). */
export function halfYearOf(t: UnitTrend): HalfYear {
  const months = monthEstimates(t);
  const trend = weightedSlope(months);
  // The half-year summary ranks the composite, a score: its interval stays on 0–100 (core/results/scale.ts).
  const score = meanOfMonths(months);
  return { score: score && onScale(score, 'score'), rank: null, rankRange: null, trend, trendVerdict: trend ? beyondNoise(trend.slope, trend.se) : null };
}

/** Every unit's half-year, ranked among the units measured in at least monthsForRank of the months, with rank ranges. */
export function halfYears(trends: readonly UnitTrend[]): Map<string, HalfYear> {
  const months = Math.max(0, ...trends.map((t) => t.months.length));
  const out = new Map(trends.map((t) => [t.code, halfYearOf(t)]));
  const ranks = competitionRank(
    [...out].map(([code, h]) => ({ key: code, score: h.score?.value ?? null, eligible: (h.score?.k ?? 0) >= monthsForRank(months) })),
  );
  for (const [code, h] of out) h.rank = ranks.get(code) ?? null;
  const ranges = rankRanges([...out].flatMap(([key, h]) => (h.rank !== null && h.score ? [{ key, value: h.score.value, se: h.score.se, rank: h.rank }] : [])));
  for (const [code, h] of out) h.rankRange = ranges.get(code) ?? null;
  return out;
}

function scoreChange(t: UnitTrend, trend: Slope): ScoreChange | null {
  const shown = t.months.filter(usable);
  const first = shown[0];
  const last = shown[shown.length - 1];
  if (!first || !last) return null;
  return { code: t.code, first: first.value, last: last.value, change: printedChange(last.value, first.value, 'score') ?? 0, slope: trend.slope, slopeSe: trend.se };
}

/**
 * Units whose trend is a real rise (improved, steepest first) or fall (declined, steepest first): a slope beyond
 * 1.96 of its SE. Each list has up to `max` units.
 */
export function mostChanged(trends: readonly UnitTrend[], max = 5): { improved: ScoreChange[]; declined: ScoreChange[] } {
  const moved: Array<{ change: ScoreChange; verdict: ChangeVerdict }> = [];
  for (const t of trends) {
    const h = halfYearOf(t);
    const change = h.trend ? scoreChange(t, h.trend) : null;
    if (change && h.trendVerdict && h.trendVerdict !== 'flat') moved.push({ change, verdict: h.trendVerdict });
  }
  const bySlope = (a: ScoreChange, b: ScoreChange) => b.slope - a.slope || a.code.localeCompare(b.code);
  const improved = moved.filter((m) => m.verdict === 'rise').map((m) => m.change).sort(bySlope);
  const declined = moved.filter((m) => m.verdict === 'fall').map((m) => m.change).sort(bySlope).reverse();
  return { improved: improved.slice(0, max), declined: declined.slice(0, max) };
}

export interface PersistentBottom {
  code: string;
  /** Months whose 95% interval lay wholly below the reference's score of that month. */
  times: number;
  /** Months in the period. */
  months: number;
  /** The half-year score and its upper bound (below the reference's half-year score). */
  score: number;
  hi: number;
}

/**
 * 持续靠后: units whose half-year interval lies wholly below `reference` (the page unit's half-year, with its monthly
 * scores for counting the months), lowest first, up to `max`. Nobody when the reference has no half-year score.
 */
export function persistentBottom(trends: readonly UnitTrend[], reference: UnitTrend, max = 5): PersistentBottom[] {
  const overall = halfYearOf(reference).score?.value;
  if (overall === undefined) return [];
  const out: PersistentBottom[] = [];
  for (const t of trends) {
    const score = halfYearOf(t).score;
    if (!score || score.hi === null || !(score.hi < overall)) continue;
    const times = t.months.filter((m, i) => {
      const ref = reference.months[i];
      return usable(m) && m.hi !== null && m.hi !== undefined && usable(ref) && m.hi < ref.value;
    }).length;
    out.push({ code: t.code, times, months: t.months.length, score: score.value, hi: score.hi });
  }
  return out.sort((a, b) => a.score - b.score || a.code.localeCompare(b.code)).slice(0, max);
}
