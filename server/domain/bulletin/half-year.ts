// The half-year summary's judgements over six monthly rounds: who improved, who declined, who stayed at the bottom.
// Pure: takes each month's scores and ranks per unit, in month order.
import { redBlackLists } from './honours.js';
import { printedChange } from '../results/compute.js';

/** One unit in one month: null value when the unit was not measured or had too few interviews. */
export interface MonthScore {
  value: number | null;
  rank: number | null;
  insufficient: boolean;
}

export interface UnitTrend {
  code: string;
  /** One entry per month, oldest first; null when the unit was not in that month's round. */
  months: Array<MonthScore | null>;
}

export interface ScoreChange {
  code: string;
  first: number;
  last: number;
  change: number;
}

function usable(m: MonthScore | null): m is MonthScore & { value: number } {
  return m !== null && !m.insufficient && m.value !== null;
}

/**
 * Score change from the first month to the last, for units with enough interviews in both (a unit measured on
 * three interviews in May says nothing about its progress). Largest gain first.
 */
export function scoreChanges(trends: readonly UnitTrend[]): ScoreChange[] {
  const out: ScoreChange[] = [];
  for (const t of trends) {
    const first = t.months[0] ?? null;
    const last = t.months[t.months.length - 1] ?? null;
    if (t.months.length < 2 || !usable(first) || !usable(last)) continue;
    out.push({ code: t.code, first: first.value, last: last.value, change: printedChange(last.value, first.value, 'score') ?? 0 });
  }
  return out.sort((a, b) => b.change - a.change || a.code.localeCompare(b.code));
}

/** The biggest gains and the biggest losses (each up to `max`, only real moves: a gain is > 0, a loss < 0). */
export function mostChanged(trends: readonly UnitTrend[], max = 5): { improved: ScoreChange[]; declined: ScoreChange[] } {
  const changes = scoreChanges(trends);
  return {
    improved: changes.filter((c) => c.change > 0).slice(0, max),
    declined: changes.filter((c) => c.change < 0).reverse().slice(0, max),
  };
}

/** In the bottom 5 in at least 4 of 6 months; over fewer months, in at least two thirds of them. */
export function persistentThreshold(months: number): number {
  return Math.ceil((months * 4) / 6);
}

export interface PersistentBottom {
  code: string;
  /** Months on the 黑榜. */
  times: number;
  months: number;
}

/**
 * Units on the 黑榜 of their level (bottom five of the ranked units, see redBlackLists) in at least
 * persistentThreshold(months) of the months. Most often first.
 */
export function persistentBottom(trends: readonly UnitTrend[], max = 5): PersistentBottom[] {
  const months = Math.max(0, ...trends.map((t) => t.months.length));
  const times = new Map<string, number>();
  for (let i = 0; i < months; i += 1) {
    const ranked = trends.map((t) => ({ code: t.code, rank: t.months[i]?.rank ?? null }));
    for (const u of redBlackLists(ranked, max).bottom) times.set(u.code, (times.get(u.code) ?? 0) + 1);
  }
  const threshold = persistentThreshold(months);
  return [...times]
    .filter(([, n]) => months > 0 && n >= threshold)
    .map(([code, n]) => ({ code, times: n, months }))
    .sort((a, b) => b.times - a.times || a.code.localeCompare(b.code));
}
