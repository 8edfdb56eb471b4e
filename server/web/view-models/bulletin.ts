// The monthly bulletin (一月一通报) of one unit in one round, as the page shows it: overview, ranked tables of the
// level below, 红榜/黑榜, weak items, receipts, phone-work rates and charts. Everything here is formatted text.
import { LEVEL_LABELS } from '../../domain/units/unit.js';
import type { Estimate, RoundResults, UnitResult } from '../../domain/results/types.js';
import type { Round } from '../../domain/rounds/round.js';
import type { Survey } from '../../domain/survey/model.js';
import { redBlackLists } from '../../domain/bulletin/honours.js';
import { printedChange } from '../../domain/results/compute.js';
import { DASH, direction, interval, metric, periodLabel, rankChange, rate, signedChange, surveyMetrics, type MetricKind, type MetricMeta } from './numbers.js';
import {
  bulletinHref,
  completion,
  receiptRow,
  unitRow,
  unitsUnder,
  weakRow,
  type ReceiptRow,
  type RowContext,
  type UnitRow,
  type WeakRow,
} from './bulletin-rows.js';
import { rankingChart, trendChart, type ChartView } from './bulletin-charts.js';
import { aaporView, type AaporView } from './aapor.js';

const KIND_TITLES: Record<Round['kind'], string> = {
  monthly: '平安建设模拟民调通报',
  sweep: '平安建设民调数据库普测通报',
  adhoc: '平安建设专项民调通报',
};

export interface IndicatorRow {
  name: string;
  value: string;
  interval: string;
  n: string;
  dontKnow: string;
  change: string;
  changeDirection: string;
}

export interface ItemRow extends IndicatorRow {
  id: string;
  weak: boolean;
}

export interface TableView {
  levelName: string;
  /** What the rank column holds: "排名" where the table lists the whole ranking, "全区排名" on a part of it. */
  rankHeader: string;
  /** Said under a table that lists only part of a ranking: whose ranks these are and what 红榜/黑榜 marks. */
  rankNote: string;
  rows: UnitRow[];
  insufficient: UnitRow[];
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
  computedAt: string;
  breadcrumb: Array<{ name: string; href: string | null }>;
  previous: { href: string; label: string } | null;
  summaryHref: string | null;
  exports: { xlsx: string; csv: string; raw: string };
  empty: boolean;
  equalWeights: boolean;
  minSample: number;
  composite: MetricMeta;
  indexNames: string[];
  hasKnowledge: boolean;
  overview: {
    n: number;
    quota: number;
    completion: string;
    screenedOut: number;
    composite: string;
    interval: string;
    rank: string;
    rankChange: string;
    rankDirection: string;
    scoreChange: string;
    scoreDirection: string;
    insufficient: boolean;
  };
  indicators: IndicatorRow[];
  items: ItemRow[];
  ownWeak: Array<{ text: string; value: string }>;
  aapor: AaporView | null;
  showAapor: boolean;
  children: TableView | null;
  villages: TableView | null;
  honours: { scope: string; top: UnitRow[]; bottom: UnitRow[] } | null;
  weak: WeakRow[];
  receipts: { total: ReceiptRow; rows: ReceiptRow[] };
  charts: { ranking: ChartView | null; villages: ChartView | null; trend: ChartView | null };
}

export interface BulletinInput {
  round: Round;
  survey: Survey;
  results: RoundResults;
  /** Rounds of the same questionnaire up to this one, oldest first (getResultsSeries). */
  series: RoundResults[];
  unit: UnitResult;
  /** Whether the user may open a unit's bulletin (ancestors above the user's scope are shown without a link). */
  canOpen: (unitCode: string) => boolean;
}

export function bulletinTitle(unitName: string, round: Pick<Round, 'kind' | 'period'>): string {
  return `${unitName}${KIND_TITLES[round.kind]}（${periodLabel(round.period)}）`;
}

/** A grid is named with its village (第1网格 alone says nothing on a printed page). */
function fullName(results: RoundResults, unit: UnitResult): string {
  const parent = unit.parentCode ? results.units[unit.parentCode] : undefined;
  return unit.level === 'grid' && parent && !unit.name.startsWith(parent.name) ? `${parent.name}${unit.name}` : unit.name;
}

function estimateRow(name: string, e: Estimate | null | undefined, kind: MetricKind, previous: Estimate | null | undefined): IndicatorRow {
  const change = printedChange(e?.value, previous?.value, kind);
  return {
    name,
    value: metric(e?.value, kind),
    interval: interval(e, kind),
    n: e ? String(e.n) : DASH,
    dontKnow: e ? rate(e.dontKnow) : DASH,
    change: signedChange(change, kind),
    changeDirection: direction(change),
  };
}

function ancestorsOf(results: RoundResults, unit: UnitResult): UnitResult[] {
  const out: UnitResult[] = [];
  for (let p = unit.parentCode; p !== null; p = results.units[p]?.parentCode ?? null) {
    const u = results.units[p];
    if (!u) break;
    out.unshift(u);
  }
  return out;
}

/**
 * Ranks are competition ranks among every unit of the level in the round (the district's, usually). A page about
 * part of the tree lists only some of them — a village's grids may be 3rd and 17th — so the header says whose ranks
 * they are, while 红榜/黑榜 marks the best and worst within the page's unit.
 */
interface RankLabels {
  scope: string;
  /** The unit whose page this is, when it is not the top of the round; null on the top page. */
  within: UnitResult | null;
}

function table(units: UnitResult[], ctx: RowContext, levelName: string, honours: { top: ReadonlySet<string>; bottom: ReadonlySet<string> }, labels: RankLabels): TableView {
  const rows = units.map((u) => {
    const row = unitRow(u, ctx);
    row.highlight = honours.top.has(u.code) ? 'top' : honours.bottom.has(u.code) ? 'bottom' : '';
    return row;
  });
  const within = labels.within;
  return {
    levelName,
    rankHeader: within ? `${labels.scope}排名` : '排名',
    rankNote: within
      ? `排名为${labels.scope}所有${levelName}中的名次，名次变化同此${honours.top.size > 0 ? `；红榜、黑榜标记${within.name}内的前列与后列` : ''}。`
      : '',
    rows,
    insufficient: rows.filter((r) => r.insufficient),
  };
}

export function buildBulletin(input: BulletinInput): BulletinView {
  const { round, survey, results, series, unit } = input;
  const { composite, indices } = surveyMetrics(survey);
  const ctx: RowContext = { results, composite, indices };
  const previous = series.find((r) => r.roundCode === results.previousRoundCode) ?? null;
  const previousUnit = previous?.units[unit.code];
  const measured = unit.n > 0 && !unit.insufficient;
  const isTop = unit.parentCode === null || results.units[unit.parentCode] === undefined;
  const topUnit = isTop ? unit : ancestorsOf(results, unit)[0];
  const rankLabels: RankLabels = { scope: topUnit?.level === 'district' ? '全区' : '本轮', within: isTop ? null : unit };

  const children = unitsUnder(results, unit.code);
  const villages = unit.level === 'district' ? unitsUnder(results, unit.code, 'village') : [];
  // 红榜/黑榜: the district names its villages; a township its villages; a village its grids.
  const honourUnits = unit.level === 'district' ? villages : children;
  const honours = redBlackLists(honourUnits);
  const top = new Set(honours.top.map((u) => u.code));
  const bottom = new Set(honours.bottom.map((u) => u.code));
  const marks = { top, bottom };
  const childLevel = children[0]?.level;
  const honourLevel = honourUnits[0]?.level;

  const questionText = new Map(survey.questions.map((q) => [q.id, q.text]));
  const weakIds = new Set(unit.weakest.map((w) => w.questionId));
  const items: ItemRow[] = survey.questions
    .filter((q) => unit.items[q.id] !== undefined)
    .map((q) => ({
      id: q.id,
      weak: weakIds.has(q.id),
      ...estimateRow(q.text, unit.items[q.id], 'score', previousUnit?.items[q.id]),
    }));

  const trendUnits = [
    { code: unit.code, label: unit.name, emphasis: true },
    ...children.map((u) => ({ code: u.code, label: u.name })),
  ];
  const roundHref = (code: string): string => `/rounds/${encodeURIComponent(results.roundCode)}/${code}`;

  return {
    title: bulletinTitle(fullName(results, unit), round),
    nav: 'bulletins',
    roundCode: round.code,
    unitName: unit.name,
    levelName: LEVEL_LABELS[unit.level],
    rankScope: rankLabels.scope,
    periodLabel: periodLabel(round.period),
    surveyTitle: survey.title,
    stateNote:
      round.state === 'closed'
        ? ''
        : round.state === 'open'
          ? '本轮民调尚在进行，以下为截至目前的数据，结束后以最终通报为准。'
          : '本轮民调尚未开始。',
    computedAt: results.computedAt,
    breadcrumb: ancestorsOf(results, unit).map((u) => ({ name: u.name, href: input.canOpen(u.code) ? bulletinHref(round.code, u.code) : null })),
    previous: previous ? { href: bulletinHref(previous.roundCode, unit.code), label: periodLabel(previous.period) } : null,
    summaryHref:
      round.kind === 'monthly' && round.state === 'closed'
        ? `/summary?survey=${encodeURIComponent(round.surveyKey)}&end=${encodeURIComponent(round.period)}&unit=${encodeURIComponent(unit.code)}`
        : null,
    exports: {
      xlsx: `${roundHref('export.xlsx')}?unit=${encodeURIComponent(unit.code)}`,
      csv: `${roundHref('export.csv')}?unit=${encodeURIComponent(unit.code)}`,
      raw: `${roundHref('responses.csv')}?unit=${encodeURIComponent(unit.code)}`,
    },
    empty: unit.n === 0,
    equalWeights: unit.equalWeights,
    minSample: results.minSample,
    composite,
    indexNames: indices.map((ix) => ix.name),
    hasKnowledge: Object.values(results.units).some((u) => u.knowledge !== null),
    overview: {
      n: unit.n,
      quota: unit.quota,
      completion: completion(unit.n, unit.quota),
      screenedOut: unit.screenedOut,
      composite: measured ? metric(unit.composite.value, composite.kind) : DASH,
      interval: measured ? interval(unit.composite, composite.kind) : DASH,
      rank: unit.rank === null || isTop ? '' : String(unit.rank),
      rankChange: rankChange(unit.rankChange),
      rankDirection: direction(unit.rankChange),
      scoreChange: signedChange(unit.scoreChange, composite.kind),
      scoreDirection: direction(unit.scoreChange),
      insufficient: unit.insufficient,
    },
    indicators: [
      estimateRow(composite.name, unit.composite, composite.kind, previousUnit?.composite),
      ...indices.map((ix) => estimateRow(ix.name, unit.indices[ix.id], ix.kind, previousUnit?.indices[ix.id])),
      ...(unit.knowledge ? [estimateRow('应知应会率', unit.knowledge, 'rate', previousUnit?.knowledge)] : []),
    ],
    items: unit.level === 'grid' || unit.level === 'village' ? items : [],
    ownWeak: unit.weakest.slice(0, 3).map((w) => ({ text: questionText.get(w.questionId) ?? w.text, value: metric(w.value, 'score') })),
    aapor: isTop && results.aapor ? aaporView(results.aapor) : null,
    showAapor: isTop,
    children: children.length && childLevel ? table(children, ctx, LEVEL_LABELS[childLevel], marks, rankLabels) : null,
    villages: villages.length ? table(villages, ctx, LEVEL_LABELS.village, marks, rankLabels) : null,
    honours:
      honours.top.length && honourLevel
        ? {
            scope: `${unit.level === 'district' ? '全区' : unit.name}${LEVEL_LABELS[honourLevel]}`,
            top: honours.top.map((u) => unitRow(u, ctx)),
            bottom: honours.bottom.map((u) => unitRow(u, ctx)),
          }
        : null,
    weak: [...children, ...villages].filter((u) => u.n > 0 && !u.insufficient && u.weakest.length > 0).map((u) => weakRow(u, results, unit.code)),
    receipts: { total: receiptRow(unit, results), rows: children.map((u) => receiptRow(u, results)) },
    charts: {
      ranking:
        children.length > 1
          ? rankingChart(`bars-${unit.code}`, `各${LEVEL_LABELS[children[0].level]}${composite.name}排名`, children, composite, marks)
          : null,
      villages: villages.length > 1 ? rankingChart(`bars-villages-${unit.code}`, `全区各村（社区）${composite.name}排名`, villages, composite, marks) : null,
      trend:
        series.length > 1
          ? trendChart(`trend-${unit.code}`, `近${series.length}个月${composite.name}走势`, series, trendUnits, composite)
          : null,
    },
  };
}
