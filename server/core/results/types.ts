// The results of one round: what the bulletin, the exports, the API and the CLI all show. Computed once per round
// (cached when the round is closed) so every page and file carries the same numbers.
import type { UnitLevel } from '../units/unit.js';
import type { ModeGap } from './mode-gaps.js';

/** A weighted estimate with its linearised standard error and 95% interval. Scores are 0–100, rates 0–1. */
export interface Estimate {
  value: number | null;
  se: number | null;
  lo: number | null;
  hi: number | null;
  /** Respondents with a substantive answer (the estimate's denominator, unweighted). */
  n: number;
  /** Weighted share of non-substantive answers (不清楚/不了解) among those asked, 0–1. */
  dontKnow: number;
  /**
   * The small-area (model) estimate of a village or grid (small-area.ts); absent at other levels, when the level has
   * no model, or for a unit with no interviews behind the estimate.
   */
  smallArea?: SmallAreaEstimate;
}

/** A model estimate: EBLUP, its MSE, the 95% interval clipped to the scale, and γ (本单位样本权重). */
export interface SmallAreaEstimate {
  value: number;
  mse: number;
  lo: number;
  hi: number;
  gamma: number;
}

/** One fitted model (docs/statistics.md#small-area-estimates): c, σ²_u, β̂ by township code, Fisher-scoring steps. */
export interface SmallAreaModel {
  c: number;
  sigma2u: number;
  beta: Record<string, number>;
  iterations: number;
}

/** No model: fewer than 5 units of the level with 10 or more interviews (样本不足以建模). */
export interface NoSmallAreaModel {
  model: 'none';
  reason: '样本不足以建模';
}

/** By estimate (`composite` or an index id): the model, or why there is none. */
export type SmallAreaLevelModels = Record<string, SmallAreaModel | NoSmallAreaModel>;

export interface SmallAreaModels {
  village: SmallAreaLevelModels;
  grid: SmallAreaLevelModels;
}

export interface WeakItem {
  questionId: string;
  text: string;
  value: number;
}

/** Every estimate of one reporting unit from its grids' sums (unit-estimates.ts). */
export interface UnitEstimates {
  /** Completed interviews. */
  n: number;
  screenedOut: number;
  /** True when some grid lacks a population, so every respondent weighs the same. */
  equalWeights: boolean;
  composite: Estimate;
  /** By index id (questionnaire `indices`). */
  indices: Record<string, Estimate>;
  /** By question id, every scored question's item score (0–100). */
  items: Record<string, Estimate>;
  /** 应知应会率 over the knowledge questions, null when the questionnaire has none. */
  knowledge: Estimate | null;
  /** The three lowest item scores. */
  weakest: WeakItem[];
}

export interface UnitResult extends UnitEstimates {
  unitId: number;
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  /** The round's quota for this unit: quota per grid × grids in the unit. */
  quota: number;
  grids: number;
  /** Fewer completed interviews than the round's minimum: shown as 样本不足, never ranked. */
  insufficient: boolean;
  /** Competition rank among all units of the same level in the round, on the composite rounded to 2 decimals. */
  rank: number | null;
  /**
   * Plausible rank range [best, worst] from simulating the level's scores (rank-ranges.ts); null when unranked.
   * Optional: results built by hand (tests) or cached before it existed lack it, and the bulletin computes it then.
   */
  rankRange?: [number, number] | null;
  /** Competition rank by the composite's model estimate among the level's units that have one (villages, grids). */
  smallAreaRank?: number | null;
  /** Plausible range of smallAreaRank from draws of N(model estimate, MSE); null when not ranked by the model. */
  smallAreaRankRange?: [number, number] | null;
  /** Positive = moved up since the previous round (e.g. 5th → 3rd is +2). */
  rankChange: number | null;
  scoreChange: number | null;
}

export interface AaporRates {
  counts: Record<'I' | 'P' | 'R' | 'NC' | 'O' | 'UH' | 'UO' | 'NE', number>;
  e: number;
  RR1: number | null; RR2: number | null; RR3: number | null; RR4: number | null; RR5: number | null; RR6: number | null;
  COOP1: number | null; COOP2: number | null; COOP3: number | null; COOP4: number | null;
  REF1: number | null; REF2: number | null; REF3: number | null;
  CON1: number | null; CON2: number | null; CON3: number | null;
}

/** Receipts added up over grids: the counts a bulletin prints. */
export interface ReceiptTally {
  /** Receipts that are problems: every receipt but those 无需处理 (praise, empty, duplicates…). */
  opened: number;
  /** Answered back to the resident: 已答复 or 已办结. */
  answered: number;
  /** 已办结 (checked and closed), part of `answered`. */
  closed: number;
  overdue: number;
}

export interface ReceiptSummary extends ReceiptTally {
  /**
   * 问题解决反馈率 = (已答复 + 已办结) / (all − 无需处理) = answered / opened, null when none were opened. Dismissed
   * receipts are out of the denominator: praise or a duplicate is no problem left without a reply.
   */
  feedbackRate: number | null;
}

export interface RoundResults {
  roundId: number;
  roundCode: string;
  period: string;
  state: 'draft' | 'open' | 'closed';
  surveyKey: string;
  surveyVersionId: number;
  previousRoundCode: string | null;
  computedAt: string;
  minSample: number;
  /** Every unit in the round (district, townships, villages, grids) by code. */
  units: Record<string, UnitResult>;
  /** Phone work, district-wide; null when the round has no call records. */
  aapor: AaporRates | null;
  /** By unit code (receipts opened in this round within the unit). */
  receipts: Record<string, ReceiptSummary>;
  /**
   * Mode gaps (web − phone, paper − phone) of the district and each township by unit code, where the unit has grids
   * with both modes (docs/statistics.md#answer-modes). Optional: results built by hand (tests) lack it.
   */
  modeGaps?: Record<string, ModeGap[]>;
  /** The small-area models of the village and grid levels (absent from results built by hand in tests). */
  smallAreaModels?: SmallAreaModels;
}
