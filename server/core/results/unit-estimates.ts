// Every estimate of one reporting unit (grid, village, township, district) from its grids' sums (docs/statistics.md):
// respondents of grid h weigh g_h = N_h / n_h (all weights 1 when a grid with respondents has no population),
// item scores and rates are post-stratified means, the composite and the mean indices are linear combinations of
// item means with errors by linearisation over the grids' cross-products.
import { combineCrossProducts, estimateLinear, estimateMean, estimateRate, weakestItems } from '../stats/index.js';
import type { GridItemSums, LinearEstimate, MeanEstimate } from '../stats/index.js';
import type { Survey } from '../survey/model.js';
import type { Estimate, UnitEstimates, WeakItem } from './types.js';
import type { ResultsPlan } from './plan.js';
import { onScale } from './scale.js';
import type { MetricKind } from './metrics.js';
import { NO_SUMS, type ItemSums, type RoundAggregates } from './aggregates.js';

// Every estimate leaves here with its interval on its scale (scale.ts, docs/statistics.md#intervals).
function fromMean(m: MeanEstimate, kind: MetricKind): Estimate {
  return onScale({ value: m.value, se: m.se, lo: m.lo, hi: m.hi, n: m.n, dontKnow: m.dontKnow }, kind);
}

/** The composite and mean indices are scores (metrics.ts: a rate enters them on 0–100). */
function fromLinear(l: LinearEstimate, n: number, dontKnow: number): Estimate {
  return onScale({ value: l.value, se: l.se, lo: l.lo, hi: l.hi, n, dontKnow }, 'score');
}

/** Weighted share of don't-knows among those asked, pooled over several items' grid sums. */
function pooledDontKnow(lists: GridItemSums[][]): number {
  let dk = 0;
  let asked = 0;
  for (const list of lists) {
    for (const h of list) {
      dk += h.weight * h.dontKnow;
      asked += h.weight * (h.n + h.dontKnow);
    }
  }
  return asked > 0 ? dk / asked : 0;
}

/** The grids of a unit with completed interviews, and the weight g_h = N_h / n_h of each one's respondents. */
interface ActiveGrids {
  n: number;
  screenedOut: number;
  active: number[];
  weights: number[];
  equalWeights: boolean;
}

function activeGrids(gridIds: readonly number[], populations: ReadonlyMap<number, number | null>, agg: RoundAggregates): ActiveGrids {
  let n = 0;
  let screenedOut = 0;
  const active: number[] = [];
  for (const h of gridIds) {
    const c = agg.counts.get(h);
    if (!c) continue;
    screenedOut += c.screenedOut;
    if (c.complete > 0) {
      n += c.complete;
      active.push(h);
    }
  }
  const equalWeights = active.some((h) => !((populations.get(h) ?? 0) > 0));
  const weights = active.map((h) => (equalWeights ? 1 : (populations.get(h) ?? 0) / (agg.counts.get(h)?.complete ?? 1)));
  return { n, screenedOut, active, weights, equalWeights };
}

/** One item's sums over the active grids, each with its weight. */
function weightedSums(g: ActiveGrids, byGrid: Map<number, ItemSums> | undefined): GridItemSums[] {
  const out: GridItemSums[] = new Array(g.active.length);
  for (let i = 0; i < g.active.length; i++) {
    const s = byGrid?.get(g.active[i]) ?? NO_SUMS;
    out[i] = { weight: g.weights[i], n: s.n, sum: s.sum, sumSq: s.sumSq, dontKnow: s.dontKnow };
  }
  return out;
}

interface Means {
  itemSums: Map<string, GridItemSums[]>;
  itemMeans: Map<string, MeanEstimate>;
  rateSums: Map<string, GridItemSums[]>;
  rateMeans: Map<string, MeanEstimate>;
}

/**
 * A linear combination of the plan's columns (the composite, a mean index) with its linearised error. `n` is the
 * estimate's respondents: every completed interview for the composite, those with at least one valid answer among its
 * items for a mean index. The same n is shown, enters the SE's n/(n−1) and gives the interval's t its n−1 degrees of
 * freedom (a respondent with no valid answer adds nothing to Σz², so only the count differs; docs/statistics.md).
 */
function linearEstimator(g: ActiveGrids, plan: ResultsPlan, agg: RoundAggregates, m: Means): (coefs: number[], n: number) => Estimate {
  const parts: Array<{ weight: number; matrix: number[][] }> = [];
  g.active.forEach((h, i) => {
    const cross = agg.cross.get(h);
    if (cross) parts.push({ weight: g.weights[i], matrix: cross.matrix });
  });
  const M = combineCrossProducts(parts);
  const columnMeans = plan.columns.map((c) => {
    if (c.kind === 'score') {
      const mean = m.itemMeans.get(c.questionId);
      return { mean: mean?.value ?? null, W: mean?.W ?? 0, sums: m.itemSums.get(c.questionId) ?? [] };
    }
    const r = m.rateMeans.get(c.indexId);
    return { mean: r?.value == null ? null : 100 * r.value, W: r?.W ?? 0, sums: m.rateSums.get(c.indexId) ?? [] };
  });
  return (coefs, n) => {
    // Don't-knows pooled over the questions the estimate uses, each question once (a question may enter both as an
    // item and as a rate; its don't-knows are the same answers).
    const byQuestion = new Map<string, GridItemSums[]>();
    plan.columns.forEach((c, i) => {
      if (coefs[i] !== 0 && !byQuestion.has(c.questionId)) byQuestion.set(c.questionId, columnMeans[i].sums);
    });
    const dontKnow = pooledDontKnow([...byQuestion.values()]);
    return fromLinear(estimateLinear(columnMeans.map((c, i) => ({ coef: coefs[i], mean: c.mean, W: c.W })), M, n), n, dontKnow);
  };
}

/** The questionnaire's indices by id: items and rates as means, mean indices as linear combinations. */
function indexEstimates(
  survey: Survey,
  plan: ResultsPlan,
  g: ActiveGrids,
  agg: RoundAggregates,
  m: Means,
  linear: (coefs: number[], n: number) => Estimate,
): Record<string, Estimate> {
  const indices: Record<string, Estimate> = {};
  for (const ix of survey.indices) {
    if (ix.kind === 'item') {
      const mean = m.itemMeans.get(ix.question);
      if (mean) indices[ix.id] = fromMean(mean, 'score');
    } else if (ix.kind === 'rate') {
      const r = m.rateMeans.get(ix.id);
      if (r) indices[ix.id] = fromMean(r, 'rate');
    } else {
      const at = plan.means.findIndex((x) => x.indexId === ix.id);
      const cols = plan.means[at]?.columns ?? [];
      const coefs = plan.columns.map((_, i) => (cols.includes(i) ? 1 / cols.length : 0));
      let answered = 0;
      for (const h of g.active) answered += agg.cross.get(h)?.meanCounts[at] ?? 0;
      indices[ix.id] = linear(coefs, answered);
    }
  }
  return indices;
}

export function unitEstimates(
  gridIds: readonly number[],
  populations: ReadonlyMap<number, number | null>,
  plan: ResultsPlan,
  survey: Survey,
  agg: RoundAggregates,
): UnitEstimates {
  const g = activeGrids(gridIds, populations, agg);
  const itemSums = new Map(plan.scored.map((q) => [q.id, weightedSums(g, agg.questions.get(q.id))]));
  const rateSums = new Map(plan.rates.map((r) => [r.indexId, weightedSums(g, agg.rates.get(r.indexId))]));
  const m: Means = {
    itemSums,
    itemMeans: new Map([...itemSums].map(([id, s]) => [id, estimateMean(s)])),
    rateSums,
    rateMeans: new Map([...rateSums].map(([id, s]) => [id, estimateRate(s)])),
  };
  const linear = linearEstimator(g, plan, agg, m);

  const items: Record<string, Estimate> = {};
  for (const [id, mean] of m.itemMeans) items[id] = fromMean(mean, 'score');
  const indices = indexEstimates(survey, plan, g, agg, m, linear);
  const knowledge = plan.knowledge.length > 0 ? fromMean(estimateRate(weightedSums(g, agg.knowledge)), 'rate') : null;
  const text = new Map(plan.scored.map((q) => [q.id, q.text]));
  const weakest = weakestItems(plan.weakCandidates.map((q) => ({ id: q.id, value: items[q.id].value }))).map((w) => ({
    questionId: w.id,
    text: text.get(w.id) ?? w.id,
    value: w.value ?? 0,
  }));
  const { n, screenedOut, equalWeights } = g;
  return { n, screenedOut, equalWeights, composite: linear(plan.compositeCoefs, n), indices, items, knowledge, weakest };
}
