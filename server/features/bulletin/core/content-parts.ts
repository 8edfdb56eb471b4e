// The parts of a bulletin built from the units below the page's unit: ranked tables with 红榜/黑榜 marks, the
// honour lists, weak items, receipts and the trend.
import type { RoundResults, UnitResult, WeakItem } from '../../../core/results/types.js';
import { NO_RECEIPTS } from '../../../core/results/compute.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import { HONOUR_MAX, standoutLists } from './honours.js';
import { isReportable, reportableComposite } from './reportable.js';
import type { SurveyMetrics } from '../../../core/results/metrics.js';
import { unitLine } from './unit-line.js';
import type { Honour, HonoursContent, NamedWeakItem, QuestionLabel, ReceiptLine, TrendContent, UnitTableContent, WeakUnit } from './content-types.js';

export interface Marks {
  top: ReadonlySet<string>;
  bottom: ReadonlySet<string>;
}

/** No unit marked (an open round names no 红榜/黑榜). */
export const NO_MARKS: Marks = { top: new Set(), bottom: new Set() };

/** What every line of a page is built with: the round, the round its changes are against, the metrics. */
export interface LineSource {
  results: RoundResults;
  previous: RoundResults | null;
  metrics: SurveyMetrics;
}

export function rankedTable(units: UnitResult[], src: LineSource, marks: Marks): UnitTableContent | null {
  const level = units[0]?.level;
  if (!level) return null;
  const honourOf = (code: string): Honour => (marks.top.has(code) ? 'top' : marks.bottom.has(code) ? 'bottom' : null);
  const rows = units.map((u) => ({ ...unitLine(u, src.results, src.metrics, src.previous), honour: honourOf(u.code) }));
  return { level, levelLabel: LEVEL_LABELS[level], rows, insufficient: rows.filter((r) => r.insufficient) };
}

function honourFootnote(referenceName: string, scoreName: string, aboveCount: number, belowCount: number): string {
  const more = aboveCount > HONOUR_MAX || belowCount > HONOUR_MAX ? `；超过 ${HONOUR_MAX} 个时按排名列前 ${HONOUR_MAX} 个（并列者同列）` : '';
  return (
    `红榜只列 95% 区间整体高于${referenceName}${scoreName}的单位，黑榜只列 95% 区间整体低于的单位` +
    `（共 ${aboveCount} 个、${belowCount} 个${more}）；区间与${referenceName}得分重叠的单位与总体的差别可能只是抽样误差，不上榜。`
  );
}

/**
 * 红榜/黑榜: the district names its villages; a township its villages; a village its grids — those whose interval
 * lies wholly above or below the page unit's own score (honours.ts). The lists, and the marks the tables carry.
 */
export function honoursOf(unit: UnitResult, honourUnits: UnitResult[], src: LineSource): { honours: HonoursContent | null; marks: Marks } {
  const reference = reportableComposite(unit);
  const candidates = honourUnits.map((u) => ({ u, rank: u.rank, lo: u.composite.lo, hi: u.composite.hi }));
  const lists = standoutLists(candidates, reference);
  const marks = { top: new Set(lists.top.map((c) => c.u.code)), bottom: new Set(lists.bottom.map((c) => c.u.code)) };
  const level = honourUnits[0]?.level;
  if (!level || honourUnits.filter((u) => u.rank !== null).length < 2) return { honours: null, marks };
  const referenceName = unit.level === 'district' ? '全区' : unit.name;
  const line = (u: UnitResult) => unitLine(u, src.results, src.metrics, src.previous);
  return {
    honours: {
      scopeLabel: `${referenceName}${LEVEL_LABELS[level]}`,
      levelLabel: LEVEL_LABELS[level],
      top: lists.top.map((c) => line(c.u)),
      bottom: lists.bottom.map((c) => line(c.u)),
      reference,
      referenceName,
      aboveCount: lists.aboveCount,
      belowCount: lists.belowCount,
      footnote: honourFootnote(referenceName, src.metrics.composite.name, lists.aboveCount, lists.belowCount),
    },
    marks,
  };
}

/** Weak items with their printed numbers and short names (survey/numbering.ts, survey/short-names.ts). */
export function namedWeak(items: WeakItem[], label: (questionId: string) => QuestionLabel): NamedWeakItem[] {
  return items.slice(0, 3).map((w) => ({ ...w, ...label(w.questionId) }));
}

/** The weakest items of every reportable unit listed on the page that has some. */
export function weakUnits(units: UnitResult[], src: LineSource, pageCode: string, label: (questionId: string) => QuestionLabel): WeakUnit[] {
  return units
    .filter((u) => isReportable(u) && u.weakest.length > 0)
    .map((u) => ({
      line: unitLine(u, src.results, src.metrics, src.previous),
      parentName: u.parentCode && u.parentCode !== pageCode ? src.results.units[u.parentCode]?.name ?? '' : '',
      items: namedWeak(u.weakest, label),
    }));
}

export function receiptLine(u: UnitResult, results: RoundResults): ReceiptLine {
  return { code: u.code, name: u.name, receipts: results.receipts[u.code] ?? NO_RECEIPTS };
}

/** The reportable composite of each unit in each round of the series, oldest first; null with a single round. */
export function trendOf(series: RoundResults[], unit: UnitResult, children: UnitResult[]): TrendContent | null {
  if (series.length <= 1) return null;
  const units = [{ code: unit.code, label: unit.name, emphasis: true }, ...children.map((u) => ({ code: u.code, label: u.name, emphasis: false }))];
  return {
    periods: series.map((r) => r.period),
    lines: units.map((u) => ({ ...u, values: series.map((r) => reportableComposite(r.units[u.code])) })),
  };
}
