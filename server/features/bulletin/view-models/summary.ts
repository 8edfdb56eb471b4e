// The half-year summary (半年一小结) page: the summary's content (features/bulletin/core/summary-content.ts) with every
// number formatted, links and the trend charts.
import type { SummaryContent } from '../core/summary-content.js';
import type { MonthValue, NamedChange, SummarySectionContent, TrendRowContent } from '../core/summary-sections.js';
import { DASH, interval, metric, periodLabel, periodRangeLabel, rate, signedChange, type MetricMeta } from './numbers.js';
import { changeClass } from './bulletin-changes.js';
import { verdictWord } from '../../../core/wording/changes.js';
import { possibleRanks, rankRangeText } from '../../../core/wording/ranks.js';
import type { HalfYear } from '../core/half-year.js';
import { bulletinHref, unitRow, type UnitRow } from './bulletin-rows.js';
import { trendChart, type ChartView } from './bulletin-charts.js';
import type { ReceiptLine } from '../core/content-types.js';
import { coverageText } from '../../../core/results/sweep-coverage.js';
import { INSUFFICIENT_LABEL } from '../../../core/wording/samples.js';

export interface TrendRow {
  name: string;
  href: string;
  parentName: string;
  values: string[];
  change: string;
  /** First-to-last changes carry no verdict: never coloured (the trend is the judged number). */
  changeDirection: string;
  halfYear: string;
  /** The half-year score's standard error SE(H) (docs/statistics.md#half-year-summary). */
  halfYearSe: string;
  halfYearInterval: string;
  halfYearRank: string;
  /** "可能 1–2 名" when the half-year rank is uncertain, as the monthly bulletin prints it; '' otherwise. */
  halfYearRankNote: string;
  /** "1–2": the plausible range alone, '' when certain or unranked. */
  halfYearRankRange: string;
  /** "+0.35" points per month, coloured by its verdict; "基本持平" shown when within noise. */
  trend: string;
  trendDirection: string;
  trendFlat: boolean;
  /** 上升 / 下降 / 基本持平 beside the colour. */
  trendWord: string;
}

export interface ChangeRow {
  name: string;
  href: string;
  first: string;
  last: string;
  change: string;
  /** Points per month ± SE. */
  slope: string;
}

export interface SummarySection {
  levelName: string;
  rows: TrendRow[];
  chart: ChartView | null;
  improved: ChangeRow[];
  declined: ChangeRow[];
  persistent: Array<{ name: string; href: string; score: string; times: string }>;
}

export interface ReceiptTotals {
  name: string;
  opened: number;
  answered: number;
  overdue: number;
  feedbackRate: string;
}

export interface SummaryView {
  title: string;
  nav: 'bulletins';
  unitName: string;
  rangeLabel: string;
  surveyTitle: string;
  months: string[];
  /** Column headings of the month columns, short ("7月") so six months and the half-year fit A4 portrait. */
  monthHeads: string[];
  /** The summary's files (same query as the page). */
  exports: { xlsx: string; csv: string; codebook: string };
  monthCount: number;
  fewerMonths: boolean;
  /** Months a unit needs for its half-year score to be ranked. */
  monthsForRank: number;
  composite: MetricMeta;
  own: TrendRow;
  sections: SummarySection[];
  receipts: { total: ReceiptTotals; rows: ReceiptTotals[] };
  sweep: {
    title: string; href: string; n: number; compositeName: string; composite: string; interval: string; empty: boolean;
    /** "已回访 x / y 户（z%）" of the unit's roster; '' when the roster was not read. */
    coverage: string;
    rows: Array<UnitRow & { coverage: string }>; levelName: string; indexNames: string[]; categories: CategoryRow[];
  } | null;
}

/** One roster category of the sweep: its completed interviews, composite with interval, and every index. */
export interface CategoryRow {
  category: string;
  n: number;
  /** "x / y 户（z%）" of the category's roster numbers, '' when unknown. */
  coverage: string;
  /** Fewer completed than the round's minimum sample: 样本不足, no score. */
  insufficient: boolean;
  composite: string;
  interval: string;
  indices: string[];
}

function categoryRows(sweep: NonNullable<SummaryContent['sweep']>): CategoryRow[] {
  const { composite, indices } = sweep.metrics;
  const covered = (category: string) => {
    const c = sweep.coverage?.byCategory.get(category);
    return c ? coverageText(c) : '';
  };
  return sweep.categories.map((c) => ({
    category: c.category,
    n: c.n,
    coverage: covered(c.category),
    insufficient: c.insufficient,
    composite: c.insufficient ? INSUFFICIENT_LABEL : metric(c.composite.value, composite.kind),
    interval: c.insufficient ? DASH : interval(c.composite, composite.kind),
    indices: indices.map((ix) => (c.insufficient ? DASH : metric(c.indices[ix.id]?.value, ix.kind))),
  }));
}

function monthCell(m: MonthValue, composite: MetricMeta): string {
  if (!m) return DASH;
  return m.reportable ? metric(m.value, composite.kind) : INSUFFICIENT_LABEL;
}

function halfYearCells(h: HalfYear, composite: MetricMeta): Pick<TrendRow, 'halfYear' | 'halfYearSe' | 'halfYearInterval' | 'halfYearRank' | 'halfYearRankNote' | 'halfYearRankRange' | 'trend' | 'trendDirection' | 'trendFlat' | 'trendWord'> {
  const score = h.score;
  return {
    halfYear: score ? metric(score.value, composite.kind) : DASH,
    halfYearSe: score && score.se !== null ? metric(score.se, composite.kind) : DASH,
    halfYearInterval: score && score.lo !== null && score.hi !== null ? `${metric(score.lo, composite.kind)}–${metric(score.hi, composite.kind)}` : DASH,
    halfYearRank: h.rank === null ? '' : String(h.rank),
    halfYearRankNote: possibleRanks(rankRangeText(h.rankRange)),
    halfYearRankRange: rankRangeText(h.rankRange),
    trend: h.trend ? signedChange(h.trend.slope, composite.kind) : DASH,
    trendDirection: changeClass(h.trendVerdict),
    trendFlat: h.trendVerdict === 'flat',
    trendWord: verdictWord(h.trendVerdict),
  };
}

function trendRowView(row: TrendRowContent, roundCode: string, composite: MetricMeta): TrendRow {
  return {
    name: row.name,
    href: bulletinHref(roundCode, row.code),
    parentName: row.parentName,
    values: row.months.map((m) => monthCell(m, composite)),
    change: signedChange(row.change, composite.kind),
    changeDirection: '',
    ...halfYearCells(row.halfYear, composite),
  };
}

function changeRow(c: NamedChange, roundCode: string, composite: MetricMeta): ChangeRow {
  return {
    name: c.name,
    href: bulletinHref(roundCode, c.code),
    first: metric(c.first, composite.kind),
    last: metric(c.last, composite.kind),
    change: signedChange(c.change, composite.kind),
    slope: `${signedChange(c.slope, composite.kind)} ± ${metric(c.slopeSe, composite.kind)}`,
  };
}

function sectionView(s: SummarySectionContent, roundCode: string, composite: MetricMeta): SummarySection {
  const title = s.chart?.everyUnit ? `各${s.levelLabel}${composite.name}走势` : `进步最快与退步最多的${s.levelLabel}${composite.name}走势`;
  return {
    levelName: s.levelLabel,
    rows: s.rows.map((r) => trendRowView(r, roundCode, composite)),
    chart: s.chart ? trendChart(`summary-${s.level}`, title, s.chart.trend, composite) : null,
    improved: s.improved.map((c) => changeRow(c, roundCode, composite)),
    declined: s.declined.map((c) => changeRow(c, roundCode, composite)),
    persistent: s.persistent.map((p) => ({ name: p.name, href: bulletinHref(roundCode, p.code), score: metric(p.score, composite.kind), times: `${p.times}/${p.months}` })),
  };
}

function receiptTotals(line: ReceiptLine): ReceiptTotals {
  const r = line.receipts;
  return { name: line.name, opened: r.opened, answered: r.answered, overdue: r.overdue, feedbackRate: rate(r.feedbackRate) };
}

function sweepView(content: SummaryContent): SummaryView['sweep'] {
  const sweep = content.sweep;
  if (!sweep) return null;
  // The sweep may run another questionnaire: its numbers are written the way its own composite is.
  const { composite } = sweep.metrics;
  const shown = sweep.unit.reportable;
  return {
    title: `${periodLabel(sweep.round.period)}民调数据库普测`,
    href: bulletinHref(sweep.round.code, content.unit.code),
    n: sweep.unit.n,
    compositeName: composite.name,
    composite: shown ? metric(sweep.unit.composite.value, composite.kind) : DASH,
    interval: shown ? interval(sweep.unit.composite, composite.kind) : DASH,
    empty: sweep.unit.n === 0,
    coverage: sweep.coverage ? coverageText(sweep.coverage.total) : '',
    levelName: sweep.levelLabel,
    rows: sweep.children.map((line) => {
      const c = sweep.coverage?.byUnit.get(line.code);
      return { ...unitRow(line, sweep.round.code, sweep.metrics), coverage: c ? coverageText(c) : '' };
    }),
    indexNames: sweep.metrics.indices.map((ix) => ix.name),
    categories: categoryRows(sweep),
  };
}

/** "7月"; the year only where it changes within the half-year ("2027年1月"), the title carries the rest. */
function monthHead(period: string, i: number, all: string[]): string {
  const [year, month] = period.split('-');
  const newYear = i > 0 && all[i - 1].slice(0, 4) !== year;
  return newYear ? `${year}年${Number(month)}月` : `${Number(month)}月`;
}

function summaryExports(content: SummaryContent): SummaryView['exports'] {
  const last = content.periods[content.periods.length - 1];
  const q = `survey=${encodeURIComponent(content.surveyKey)}&end=${encodeURIComponent(last)}&unit=${encodeURIComponent(content.unit.code)}`;
  return { xlsx: `/summary.xlsx?${q}`, csv: `/summary.csv?${q}`, codebook: `/summary/codebook?${q}` };
}

export function summaryTitle(unitName: string, first: string, last: string): string {
  return `${unitName}平安建设模拟民调半年小结（${periodRangeLabel(first, last)}）`;
}

export function summaryView(content: SummaryContent): SummaryView {
  const { composite, periods, lastRoundCode: roundCode } = content;
  const first = periods[0];
  const last = periods[periods.length - 1];
  return {
    title: summaryTitle(content.unit.name, first, last),
    nav: 'bulletins',
    unitName: content.unit.name,
    rangeLabel: periodRangeLabel(first, last),
    surveyTitle: content.surveyTitle,
    months: periods.map(periodLabel),
    monthHeads: periods.map(monthHead),
    exports: summaryExports(content),
    monthCount: periods.length,
    fewerMonths: periods.length < 6,
    monthsForRank: content.monthsForRank,
    composite,
    own: trendRowView(content.own, roundCode, composite),
    sections: content.sections.map((s) => sectionView(s, roundCode, composite)),
    receipts: { total: receiptTotals(content.receipts.total), rows: content.receipts.rows.map(receiptTotals) },
    sweep: sweepView(content),
  };
}
