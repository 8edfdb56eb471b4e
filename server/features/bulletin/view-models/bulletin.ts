// The monthly bulletin (一月一通报) of one unit in one round, as the page shows it: the bulletin's content
// (features/bulletin/core/content.ts) with every number formatted, links, labels of the page and the charts.
import type { ModeGapSection } from '../../../core/results/mode-gap-wording.js';
import { modelNoteFor } from '../core/model-ranking.js';
import type { BulletinContent, Indicator, ItemIndicator, UnitTableContent } from '../core/content-types.js';
import type { SurveyMetrics } from '../../../core/results/metrics.js';
import type { Round } from '../../../core/rounds/round.js';
import { DASH, interval, metric, periodLabel, rankChange, rate, signedChange, type MetricMeta } from './numbers.js';
import { changeClass, rankChangeClass } from './bulletin-changes.js';
import { verdictWord } from '../../../core/wording/changes.js';
import { possibleRanks, rankRangeText } from '../../../core/wording/ranks.js';
import { bulletinHref, completion, receiptRow, unitRow, weakRow, type ReceiptRow, type UnitRow, type WeakRow } from './bulletin-rows.js';
import { rankingChart, rankingPngHref, trendChart, type ChartView } from './bulletin-charts.js';
import { aaporView, type AaporView } from './aapor.js';
import { GLOSSARY, RANK_CHANGE_RULE } from '../../../core/wording/bulletin-notes.js';
import { coverageText } from '../../../core/results/sweep-coverage.js';

export { bulletinTitle } from '../core/content.js';

export interface IndicatorRow {
  name: string;
  value: string;
  interval: string;
  n: string;
  dontKnow: string;
  change: string;
  changeDirection: string;
  /** Within noise: grey, with "基本持平". */
  changeFlat: boolean;
  /** 上升 / 下降 / 基本持平 beside the colour ('' without a verdict). */
  changeWord: string;
}

export interface ItemRow extends IndicatorRow {
  id: string;
  /** The number printed on the resident form ("3", "3.1"). */
  number: string;
  weak: boolean;
}

export interface TableView {
  levelName: string;
  /** What the rank column holds: "排名" where the table lists the whole ranking, "全区排名" on a part of it. */
  rankHeader: string;
  /** "完成/配额", or "完成" where no unit has a quota (a roster sweep is measured against its roster, not a quota). */
  doneHeader: string;
  /** Said under a table that lists only part of a ranking: whose ranks these are and what 红榜/黑榜 marks. */
  rankNote: string;
  rows: UnitRow[];
  insufficient: UnitRow[];
  /** "进行中（截至 …）" while the round is open ('' when closed). */
  inProgress: string;
  /** When a rank change is printed (core/wording/bulletin-notes.ts). */
  rankRule: string;
  /** Some row has a model estimate: the table shows 模型估计, its interval and 本单位样本权重. */
  hasModel: boolean;
  /** Under a table ranked by the model: the two-line note (core/model-ranking.ts); under one without a model: why. */
  modelNote: readonly string[];
}

export interface BulletinView {
  title: string;
  nav: 'bulletins';
  roundCode: string;
  unitName: string;
  levelName: string;
  /** Whom the ranks are among: "全区" (a district round), else "本轮" (a round over part of the tree). */
  rankScope: string;
  periodLabel: string;
  surveyTitle: string;
  stateNote: string;
  /** "进行中（截至 …）" on an open round's tables ('' when closed). */
  inProgress: string;
  /** The phone work in one sentence ('' without calls); the AAPOR table is the appendix (附表). */
  calls: string;
  /** What 95%区间, 可能 a–b 名 and 基本持平 mean, under the first table that uses them. */
  glossary: string;
  computedAt: string;
  breadcrumb: Array<{ name: string; href: string | null }>;
  previous: { href: string; label: string } | null;
  summaryHref: string | null;
  exports: { xlsx: string; csv: string; raw: string; codebook: string };
  empty: boolean;
  equalWeights: boolean;
  minSample: number;
  composite: MetricMeta;
  indexNames: string[];
  hasKnowledge: boolean;
  /** A roster sweep's "x / y 户（z%）" against the roster (core/results/sweep-coverage.ts), shown instead of the quota. */
  sweepCoverage?: string;
  overview: {
    n: number;
    quota: number;
    completion: string;
    screenedOut: number;
    composite: string;
    interval: string;
    rank: string;
    /** "2–9", '' when certain. */
    rankRange: string;
    /** "可能 2–9 名", '' when certain. */
    rankRangeNote: string;
    rankChange: string;
    rankDirection: string;
    scoreChange: string;
    scoreDirection: string;
    scoreFlat: boolean;
    scoreWord: string;
    insufficient: boolean;
  };
  /** The generated opening paragraph (综述). */
  opening: string;
  indicators: IndicatorRow[];
  items: ItemRow[];
  ownWeak: Array<{ text: string; number: string; shortName: string; value: string }>;
  aapor: AaporView | null;
  showAapor: boolean;
  /** The call-back checks' counts with formatted rates (真实度回访), null when none were drawn. */
  callbacks: { drawn: number; checked: number; confirmed: number; matched: number; mismatches: number; confirmedRate: string; matchedRate: string } | null;
  children: TableView | null;
  villages: TableView | null;
  honours: { scope: string; top: UnitRow[]; bottom: UnitRow[]; none: boolean; footnote: string } | null;
  weak: WeakRow[];
  receipts: { total: ReceiptRow; rows: ReceiptRow[] };
  charts: { ranking: ChartView | null; villages: ChartView | null; trend: ChartView | null };
  /** Mode gap (方式差异): one sentence and a small table (district and township), null otherwise. */
  modeGaps: ModeGapSection | null;
}

function indicatorRow(i: Indicator): IndicatorRow {
  const e = i.estimate;
  return {
    name: i.name,
    value: metric(e?.value, i.kind),
    interval: interval(e, i.kind),
    n: e ? String(e.n) : DASH,
    dontKnow: e ? rate(e.dontKnow) : DASH,
    change: signedChange(i.change, i.kind),
    changeDirection: changeClass(i.verdict),
    changeFlat: i.verdict === 'flat',
    changeWord: verdictWord(i.verdict),
  };
}

function itemRow(i: ItemIndicator): ItemRow {
  return { id: i.questionId, number: i.number, weak: i.weak, ...indicatorRow(i) };
}

/**
 * Ranks are competition ranks among every unit of the level in the round (the district's, usually). A page about
 * part of the tree lists only some of them — a village's grids may be 3rd and 17th — so the header says whose ranks
 * they are, while 红榜/黑榜 marks the best and worst within the page's unit.
 */
function tableView(table: UnitTableContent | null, content: BulletinContent): TableView | null {
  if (!table) return null;
  const rows = table.rows.map((line) => unitRow(line, content.round.code, content.metrics));
  const within = content.isTop ? null : content.unit;
  const scope = content.rankScope;
  const honours = content.honours ? `；红榜、黑榜标记${within?.name ?? ''}内的前列与后列` : '';
  return {
    levelName: table.levelLabel,
    rankHeader: within ? `${scope}排名` : '排名',
    doneHeader: rows.some((r) => r.quota > 0) ? '完成/配额' : '完成',
    rankNote: within ? `排名为${scope}所有${table.levelLabel}中的名次，名次变化同此${honours}。` : '',
    rows,
    insufficient: rows.filter((r) => r.insufficient),
    inProgress: content.inProgress ?? '',
    rankRule: RANK_CHANGE_RULE,
    hasModel: rows.some((r) => r.modelScore !== ''),
    modelNote: modelNoteFor(table.level, content.smallArea),
  };
}

function stateNote(state: Round['state']): string {
  if (state === 'closed') return '';
  return state === 'open' ? '本轮民调尚在进行，以下为截至目前的数据，结束后以最终通报为准。' : '本轮民调尚未开始。';
}

function overview(content: BulletinContent, composite: MetricMeta): BulletinView['overview'] {
  const h = content.headline;
  return {
    n: h.n,
    quota: h.quota,
    completion: completion(h.completion),
    screenedOut: h.screenedOut,
    composite: h.composite ? metric(h.composite.value, composite.kind) : DASH,
    interval: h.composite ? interval(h.composite, composite.kind) : DASH,
    rank: h.rank === null ? '' : String(h.rank),
    rankRange: rankRangeText(h.rankRange),
    rankRangeNote: possibleRanks(rankRangeText(h.rankRange)),
    rankChange: rankChange(h.rankChange),
    rankDirection: rankChangeClass(h.rankChange, h.scoreVerdict),
    scoreChange: signedChange(h.scoreChange, composite.kind),
    scoreDirection: changeClass(h.scoreVerdict),
    scoreFlat: h.scoreVerdict === 'flat',
    scoreWord: verdictWord(h.scoreVerdict),
    insufficient: h.insufficient,
  };
}

/** Where the page leads: the unit's parents, last month's bulletin, the half-year summary and the export files. */
function links(content: BulletinContent, canOpen: (code: string) => boolean): Pick<BulletinView, 'breadcrumb' | 'previous' | 'summaryHref' | 'exports'> {
  const { round, unit, previous } = content;
  const unitQuery = `?unit=${encodeURIComponent(unit.code)}`;
  const roundHref = (file: string): string => `/rounds/${encodeURIComponent(round.code)}/${file}${unitQuery}`;
  return {
    breadcrumb: content.ancestors.map((u) => ({ name: u.name, href: canOpen(u.code) ? bulletinHref(round.code, u.code) : null })),
    previous: previous ? { href: bulletinHref(previous.roundCode, unit.code), label: periodLabel(previous.period) } : null,
    summaryHref: content.hasSummary
      ? `/summary?survey=${encodeURIComponent(round.surveyKey)}&end=${encodeURIComponent(round.period)}&unit=${encodeURIComponent(unit.code)}`
      : null,
    exports: { xlsx: roundHref('export.xlsx'), csv: roundHref('export.csv'), raw: roundHref('responses.csv'), codebook: roundHref('codebook') },
  };
}

function charts(content: BulletinContent, metrics: SurveyMetrics): BulletinView['charts'] {
  const { composite } = metrics;
  const { children, villages, trend, unit } = content;
  const png = (level: string): string => rankingPngHref(content.round.code, unit.code, level);
  return {
    ranking:
      children && children.rows.length > 1
        ? rankingChart(`bars-${unit.code}`, `各${children.levelLabel}${composite.name}排名`, children.rows, composite, png(children.level), content.smallArea?.modelLevels.includes(children.level))
        : null,
    villages:
      villages && villages.rows.length > 1
        ? rankingChart(`bars-villages-${unit.code}`, `全区各村（社区）${composite.name}排名`, villages.rows, composite, png(villages.level), content.smallArea?.modelLevels.includes(villages.level))
        : null,
    trend: trend ? trendChart(`trend-${unit.code}`, `近${trend.periods.length}个月${composite.name}走势`, trend, composite) : null,
  };
}

export function bulletinView(content: BulletinContent, canOpen: (code: string) => boolean): BulletinView {
  const { metrics, round, unit } = content;
  const { composite } = metrics;
  return {
    title: content.title,
    nav: 'bulletins',
    roundCode: round.code,
    unitName: unit.name,
    levelName: content.levelLabel,
    rankScope: content.rankScope,
    periodLabel: periodLabel(round.period),
    surveyTitle: content.surveyTitle,
    stateNote: stateNote(round.state),
    inProgress: content.inProgress ?? '',
    calls: content.calls ?? '',
    glossary: GLOSSARY,
    computedAt: content.computedAt,
    ...links(content, canOpen),
    empty: content.headline.empty,
    equalWeights: unit.equalWeights,
    minSample: content.minSample,
    composite,
    indexNames: metrics.indices.map((ix) => ix.name),
    hasKnowledge: content.hasKnowledge,
    overview: overview(content, composite),
    opening: content.opening,
    indicators: content.indicators.map(indicatorRow),
    items: content.items.map(itemRow),
    ownWeak: content.ownWeak.map((w) => ({ text: w.text, number: w.number, shortName: w.shortName, value: metric(w.value, 'score') })),
    aapor: content.isTop && content.aapor ? aaporView(content.aapor) : null,
    showAapor: content.isTop,
    callbacks: content.callbacks ? { ...content.callbacks, confirmedRate: rate(content.callbacks.confirmedRate), matchedRate: rate(content.callbacks.matchedRate) } : null,
    modeGaps: content.modeGaps ?? null,
    children: tableView(content.children, content),
    villages: tableView(content.villages, content),
    honours: content.honours
      ? {
          scope: content.honours.scopeLabel,
          top: content.honours.top.map((l) => unitRow(l, round.code, metrics)),
          bottom: content.honours.bottom.map((l) => unitRow(l, round.code, metrics)),
          none: content.honours.top.length === 0 && content.honours.bottom.length === 0,
          footnote: content.honours.footnote,
        }
      : null,
    weak: content.weak.map((w) => weakRow(w, round.code)),
    receipts: { total: receiptRow(content.receipts.total, round.code), rows: content.receipts.rows.map((r) => receiptRow(r, round.code)) },
    charts: charts(content, metrics),
    ...(content.sweepCoverage ? { sweepCoverage: coverageText(content.sweepCoverage) } : {}),
  };
}
