// Small-area estimates for a round's villages and grids (docs/statistics.md#small-area-estimates): one Fay–Herriot
// model per level and estimate (the composite and every index), fitted once with the round's results so the pages,
// exports, API and CLI show the same model numbers, and frozen with them at close. The model estimate is written onto
// each estimate object as `smallArea`; the composite's model estimate gives the level's model rank and rank range.
import { fitFayHerriot, type AreaInput } from '../stats/fay-herriot.js';
import { competitionRank } from '../stats/ranking.js';
import type { RankEntry } from '../stats/rank-range.js';
import type { Survey } from '../survey/model.js';
import type { Estimate, SmallAreaLevelModels, SmallAreaModels, UnitResult } from './types.js';
import { ownEntry } from './records.js';

export const SMALL_AREA_LEVELS = ['village', 'grid'] as const;
export type SmallAreaLevel = (typeof SMALL_AREA_LEVELS)[number];

const SCORE_SCALE: [number, number] = [0, 100];
const RATE_SCALE: [number, number] = [0, 1];

/** The estimates modelled: the composite, then each index with its scale. */
function modelledEstimates(survey: Survey): Array<{ id: string; scale: [number, number]; of: (u: UnitResult) => Estimate | undefined }> {
  return [
    { id: 'composite', scale: SCORE_SCALE, of: (u) => u.composite },
    ...survey.indices.map((ix) => ({
      id: ix.id,
      scale: ix.kind === 'rate' ? RATE_SCALE : SCORE_SCALE,
      of: (u: UnitResult) => ownEntry(u.indices, ix.id),
    })),
  ];
}

/** The township code above a unit (the model's fixed effect); the unit's own parent when the tree has no township. */
function townshipOf(units: Record<string, UnitResult>, u: UnitResult): string {
  let at: UnitResult | undefined = u;
  while (at && at.level !== 'township') at = at.parentCode === null ? undefined : ownEntry(units, at.parentCode);
  return at?.code ?? u.parentCode ?? '';
}

/** Fits one level's models, writes `smallArea` on its units' estimates, and returns the models by estimate. */
function fitLevel(units: Record<string, UnitResult>, list: UnitResult[], survey: Survey): SmallAreaLevelModels {
  const models: SmallAreaLevelModels = {};
  const township = new Map(list.map((u) => [u.code, townshipOf(units, u)]));
  for (const est of modelledEstimates(survey)) {
    const inputs: AreaInput<UnitResult>[] = [];
    for (const u of list) {
      const e = est.of(u);
      if (!e) continue;
      delete e.smallArea;
      inputs.push({ key: u, group: township.get(u.code) ?? '', y: e.value, se: e.se, n: e.value === null ? 0 : e.n });
    }
    const fit = fitFayHerriot(inputs, est.scale);
    if (!fit.fitted) {
      models[est.id] = { model: 'none', reason: '样本不足以建模' };
      continue;
    }
    models[est.id] = fit.model;
    for (const [u, sa] of fit.estimates) {
      const e = est.of(u);
      if (e) e.smallArea = sa;
    }
  }
  return models;
}

/**
 * Model ranks (competition ranking on the model estimate, two decimals); returns the ranking whose rank ranges, from
 * N(estimate, MSE), go in `smallAreaRankRange`. As with the direct ranking, a unit under the round's minimum sample is
 * not ranked (docs/statistics.md#rankings).
 */
function rankLevel(list: UnitResult[]): Array<RankEntry<UnitResult>> {
  const ranks = competitionRank(list.map((u) => ({ key: u.code, score: u.composite.smallArea?.value ?? null, eligible: !u.insufficient })));
  const entries = [];
  for (const u of list) {
    const sa = u.composite.smallArea;
    u.smallAreaRank = ranks.get(u.code) ?? null;
    u.smallAreaRankRange = null;
    if (sa && u.smallAreaRank !== null) entries.push({ key: u, value: sa.value, se: Math.sqrt(sa.mse), rank: u.smallAreaRank });
  }
  return entries;
}

/**
 * Every village's and grid's model estimates and ranks, written onto `units`; returns the fitted models and the model
 * rankings, whose rank ranges the caller simulates with the direct ones and writes into `smallAreaRankRange`.
 */
export function applySmallArea(units: Record<string, UnitResult>, survey: Survey): { models: SmallAreaModels; rankings: Array<Array<RankEntry<UnitResult>>> } {
  const models: SmallAreaModels = { village: {}, grid: {} };
  const rankings: Array<Array<RankEntry<UnitResult>>> = [];
  for (const level of SMALL_AREA_LEVELS) {
    const list = Object.values(units).filter((u) => u.level === level);
    models[level] = fitLevel(units, list, survey);
    rankings.push(rankLevel(list));
  }
  return { models, rankings };
}
