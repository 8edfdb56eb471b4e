// Coached answers (答题模式异常): a grid whose residents suddenly stop saying 说不清, all give the best answer, or answer
// in one identical pattern, measured against the grid's own previous rounds (docs/statistics.md#coached-answers).
// Each figure is a mean over the grid's respondents of a per-respondent value, with SE = s/√n (the one-grid case of docs/statistics.md#means);
// the change against the previous rounds pooled has SE √(SE₁² + SE₂²). A grid is marked 需核查 when a change goes the
// way coaching would push it, is beyond noise at the round's z, AND is beyond the level's usual spread (the round's
// percentile of every grid's absolute change of that figure this round). Shown to the committee only.
import { answerTraitsReader, quantile7, type AnswerTraits } from './answer-traits.js';
import type { ResultsPlan } from './plan.js';
import type { Survey } from '../survey/model.js';

export type CoachedFigure = 'dontKnow' | 'best' | 'pattern';

/** Which way coaching moves each figure: don't-knows vanish, best answers and one shared pattern rise. */
const COACHED_SIGN: Readonly<Record<CoachedFigure, 1 | -1>> = { dontKnow: -1, best: 1, pattern: 1 };
export const COACHED_FIGURES: readonly CoachedFigure[] = ['dontKnow', 'best', 'pattern'];

export interface CoachedThresholds {
  /** |z| beyond which a change is beyond noise (default 3.29, two-sided 0.1%: a district checks ~500 figures). */
  coachedZ: number;
  /** The level's usual spread: this quantile of every grid's absolute change (default 0.9). */
  coachedQuantile: number;
}

export const DEFAULT_COACHED_THRESHOLDS: CoachedThresholds = { coachedZ: 3.290526731491926, coachedQuantile: 0.9 };

export interface FigureChange {
  now: number;
  before: number;
  change: number;
  se: number;
  z: number | null;
  /** In the coached direction, beyond noise and beyond the level's usual spread. */
  marked: boolean;
}

export interface GridCoaching {
  gridId: number;
  n: number;
  nBefore: number;
  figures: Record<CoachedFigure, FigureChange>;
  /** Spread used, per figure: the level's quantile of absolute changes. */
  marked: boolean;
}

/** A grid's completed responses' packed choices, this round and its earlier rounds pooled. */
export interface GridAnswerSets {
  gridId: number;
  now: readonly string[];
  before: readonly string[];
}

function meanSe(x: readonly number[]): { mean: number; se: number } {
  const n = x.length;
  const mean = x.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, se: 0 };
  const ss = x.reduce((s, v) => s + (v - mean) * (v - mean), 0);
  return { mean, se: Math.sqrt(ss / (n - 1) / n) };
}

/** Per-respondent values of each figure for a set of interviews (pattern: 1 when it is the set's commonest pattern). */
function figureValues(traits: readonly AnswerTraits[]): Record<CoachedFigure, number[]> {
  const counts = new Map<string, number>();
  for (const t of traits) counts.set(t.pattern, (counts.get(t.pattern) ?? 0) + 1);
  let top = '';
  let topCount = 0;
  for (const [p, c] of counts) if (c > topCount) [top, topCount] = [p, c];
  return {
    dontKnow: traits.map((t) => (t.asked > 0 ? t.dontKnow / t.asked : 0)),
    best: traits.map((t) => (t.asked > 0 ? t.best / t.asked : 0)),
    pattern: traits.map((t) => (t.pattern === top ? 1 : 0)),
  };
}

/** Every grid with respondents both this round and before, in grid order, marked by the rule above. */
export function coachedAnswers(
  sets: readonly GridAnswerSets[],
  plan: ResultsPlan,
  survey: Survey,
  thresholds: CoachedThresholds = DEFAULT_COACHED_THRESHOLDS,
): GridCoaching[] {
  const read = answerTraitsReader(plan, survey);
  const rows = sets
    .filter((s) => s.now.length > 0 && s.before.length > 0)
    .sort((a, b) => a.gridId - b.gridId)
    .map((s) => {
      const now = figureValues(s.now.map(read));
      const before = figureValues(s.before.map(read));
      const figures = {} as Record<CoachedFigure, FigureChange>;
      for (const f of COACHED_FIGURES) {
        const a = meanSe(now[f]);
        const b = meanSe(before[f]);
        const se = Math.sqrt(a.se * a.se + b.se * b.se);
        const change = a.mean - b.mean;
        figures[f] = { now: a.mean, before: b.mean, change, se, z: se > 0 ? change / se : null, marked: false };
      }
      return { gridId: s.gridId, n: s.now.length, nBefore: s.before.length, figures, marked: false };
    });
  for (const f of COACHED_FIGURES) {
    const spread = quantile7(rows.map((r) => Math.abs(r.figures[f].change)), thresholds.coachedQuantile) ?? 0;
    for (const r of rows) {
      const c = r.figures[f];
      const coachedWay = Math.sign(c.change) === COACHED_SIGN[f];
      // A change with no SE (every answer alike in both periods) cannot be told from noise by z; it is judged by the
      // spread alone only when it is not zero.
      const beyondNoise = c.z === null ? c.change !== 0 : Math.abs(c.z) > thresholds.coachedZ;
      c.marked = coachedWay && beyondNoise && Math.abs(c.change) > spread;
      if (c.marked) r.marked = true;
    }
  }
  return rows;
}
