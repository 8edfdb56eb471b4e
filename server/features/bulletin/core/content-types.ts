// What a bulletin at one level says, as plain data: numbers with their kind, and labels. No HTML, no number formats:
// the page, the XLSX and the CSV (and later Word and images) format these.
import type { AaporRates, Estimate, ReceiptSummary, WeakItem } from '../../../core/results/types.js';
import type { CallbackTally } from '../../callbacks/core/check.js';
import type { ModeGapSection } from '../../../core/results/mode-gap-wording.js';
import type { Round } from '../../../core/rounds/round.js';
import type { UnitLevel } from '../../../core/units/unit.js';
import type { MetricKind, SurveyMetrics } from '../../../core/results/metrics.js';
import type { UnitLine } from './unit-line.js';
import type { ChangeVerdict } from '../../../core/stats/change.js';
import type { RankRange } from '../../../core/stats/rank-range.js';
import type { Coverage } from '../../../core/results/sweep-coverage.js';
import type { SmallAreaContent } from './model-ranking.js';

export type { ChangeVerdict } from '../../../core/stats/change.js';
export type { RankRange } from '../../../core/stats/rank-range.js';

/** A weak item with the question's short name (涉黑涉恶) for tables and sentences; `text` stays the full question. */
export interface NamedWeakItem extends WeakItem, QuestionLabel {}

/** How a person finds a question: its number as printed on the resident form ("3", "3.1") and its short name. */
export interface QuestionLabel {
  /** survey/numbering.ts: the form's number, never the questionnaire's code. */
  number: string;
  shortName: string;
}

export type Honour = 'top' | 'bottom' | null;

/** A unit line in a ranked table, marked when it is on the page's 红榜 or 黑榜. */
export interface RankedLine extends UnitLine {
  honour: Honour;
}

export interface UnitTableContent {
  level: UnitLevel;
  levelLabel: string;
  rows: RankedLine[];
  /** The rows with too few interviews (named in the "样本不足的单位" note). */
  insufficient: RankedLine[];
}

/** The page unit's headline: composite, interval, change and rank. */
export interface Headline {
  n: number;
  quota: number;
  completion: number | null;
  screenedOut: number;
  /** The composite with its interval; null when the unit is not reportable. */
  composite: Estimate | null;
  /** Rank among the round's units of the level; null on the round's top unit or when unranked. */
  rank: number | null;
  /** Plausible rank range (null when `rank` is null). */
  rankRange: RankRange | null;
  rankChange: number | null;
  scoreChange: number | null;
  /** The score change against noise: 'flat' is 基本持平 (grey), also for the rank change. Null without a change. */
  scoreVerdict: ChangeVerdict | null;
  insufficient: boolean;
  /** No completed interview at all. */
  empty: boolean;
}

/** A row of the unit's own indicator table: an estimate (with its don't-know share) and its change since last round. */
export interface Indicator {
  name: string;
  kind: MetricKind;
  estimate: Estimate | null;
  /** Change as printed (see printedChange): points for scores, a fraction for rates. */
  change: number | null;
  /** The change against noise (stats/change.ts); null without a change. */
  verdict: ChangeVerdict | null;
}

export interface ItemIndicator extends Indicator {
  questionId: string;
  /** The question's number as printed on the resident form. */
  number: string;
  /** One of the unit's three weakest items. */
  weak: boolean;
}

/**
 * 红榜/黑榜 (honours.ts): the units whose 95% interval lies wholly above / below `reference`, the page unit's own
 * score. Present whenever the level has ranked units; both lists empty means no unit stands out (say so).
 */
export interface HonoursContent {
  /** Whose lists these are: "全区村（社区）", "某镇村（社区）", "某村网格". */
  scopeLabel: string;
  levelLabel: string;
  top: UnitLine[];
  /** Worst first. */
  bottom: UnitLine[];
  /** The score the intervals are compared with, and whose it is ("全区", "某镇"). */
  reference: number | null;
  referenceName: string;
  /** Units standing out above / below (the lists name at most HONOUR_MAX each, ties kept). */
  aboveCount: number;
  belowCount: number;
  /** The footnote every format prints under the lists: the rule in one sentence. */
  footnote: string;
}

export interface WeakUnit {
  line: UnitLine;
  /** The parent's name when the unit is not a direct child of the page's unit ('' otherwise). */
  parentName: string;
  items: NamedWeakItem[];
}

export interface ReceiptLine {
  code: string;
  name: string;
  receipts: ReceiptSummary;
}

/** A line of a trend: the unit's reportable composite in each round of the series (null: not measured). */
export interface TrendLine {
  code: string;
  label: string;
  emphasis: boolean;
  values: Array<number | null>;
}

export interface TrendContent {
  periods: string[];
  lines: TrendLine[];
}

export interface BulletinContent {
  round: Pick<Round, 'code' | 'kind' | 'state' | 'period' | 'surveyKey'>;
  /** "某区平安建设模拟民调通报（2026年10月）"; a grid is named with its village. */
  title: string;
  surveyTitle: string;
  computedAt: string;
  minSample: number;
  metrics: SurveyMetrics;
  /** Some unit of the round has a 应知应会率. */
  hasKnowledge: boolean;
  unit: UnitLine;
  levelLabel: string;
  /** The round's top unit: its page lists whole rankings and carries the AAPOR rates. */
  isTop: boolean;
  /** Whom the ranks are among: "全区" (a district round) or "本轮" (a round over part of the tree). */
  rankScope: string;
  ancestors: Array<{ code: string; name: string }>;
  previous: { roundCode: string; period: string } | null;
  /** A closed monthly round has a half-year summary ending with it. */
  hasSummary: boolean;
  headline: Headline;
  /** Composite, then every index, then 应知应会率 when the unit has one. */
  indicators: Indicator[];
  /** Every scored question (villages and grids only). */
  items: ItemIndicator[];
  /** The unit's own three weakest items (for the top unit: the weakest district-wide). */
  ownWeak: NamedWeakItem[];
  /** Phone work of the whole round (null without calls); the page shows it on the top unit's bulletin only. */
  aapor: AaporRates | null;
  /** The round's call-back checks (真实度回访) on the top unit's bulletin; null when none were drawn. */
  callbacks: CallbackTally | null;
  /** The units directly below, and on a district page every village. */
  children: UnitTableContent | null;
  villages: UnitTableContent | null;
  honours: HonoursContent | null;
  /** The three weakest items of every reportable unit below that has some. */
  weak: WeakUnit[];
  receipts: { total: ReceiptLine; rows: ReceiptLine[] };
  /** The last months' composites of the unit and its children (null with a single round). */
  trend: TrendContent | null;
  /** A roster sweep's reach of the unit's roster (measured against the roster, not a quota); null for other rounds. */
  sweepCoverage: Coverage | null;
  /** Every unit of each level at or below the page's unit, ranked, with verdicts: the export's sheets and CSV. */
  levels: LevelLines[];
  /** The opening paragraph (综述), generated from the numbers above (opening.ts): the same text in every format. */
  opening: string;
  /** An open round: "进行中（截至 …）" on every table (no rank changes, no 红榜/黑榜); null when closed. */
  inProgress: string | null;
  /** The phone work in one plain sentence (拨打 N 个，接通 …，应答率约 …); the AAPOR table goes to the appendix. */
  calls: string | null;
  /** Mode gap (方式差异) of a district or township: one sentence and a small table; absent or null otherwise. */
  modeGaps?: ModeGapSection | null;
  /**
   * How villages and grids are ranked (model-ranking.ts): by the small-area estimate or directly, and which levels
   * lack a model. Absent from content built without the service (then: direct).
   */
  smallArea?: SmallAreaContent;
}

/** All units of one level inside the page's unit, as the XLSX sheets and the CSV list them. */
export interface LevelLines {
  level: UnitLevel;
  levelLabel: string;
  lines: UnitLine[];
}
