// The parts of a bulletin built from the units below the page's unit: ranked tables with 红榜/黑榜 marks, the
// honour lists, weak items, receipts and the trend.
import type { RoundResults, UnitResult } from '../results/types.js';
import { NO_RECEIPTS } from '../results/compute.js';
import { LEVEL_LABELS } from '../units/unit.js';
import { redBlackLists } from './honours.js';
import { isReportable, reportableComposite } from './reportable.js';
import type { SurveyMetrics } from './metrics.js';
import { unitLine, unitsUnder } from './unit-line.js';
import type { Honour, HonoursContent, ReceiptLine, TrendContent, UnitTableContent, WeakUnit } from './content-types.js';

export interface Marks {
  top: ReadonlySet<string>;
  bottom: ReadonlySet<string>;
}

export function rankedTable(units: UnitResult[], results: RoundResults, metrics: SurveyMetrics, marks: Marks): UnitTableContent | null {
  const level = units[0]?.level;
  if (!level) return null;
  const honourOf = (code: string): Honour => (marks.top.has(code) ? 'top' : marks.bottom.has(code) ? 'bottom' : null);
  const rows = units.map((u) => ({ ...unitLine(u, results, metrics), honour: honourOf(u.code) }));
  return { level, levelLabel: LEVEL_LABELS[level], rows, insufficient: rows.filter((r) => r.insufficient) };
}

/**
 * 红榜/黑榜: the district names its villages; a township its villages; a village its grids. The lists, and the marks
 * the page's tables carry for them.
 */
export function honoursOf(
  unit: UnitResult,
  honourUnits: UnitResult[],
  results: RoundResults,
  metrics: SurveyMetrics,
): { honours: HonoursContent | null; marks: Marks } {
  const lists = redBlackLists(honourUnits);
  const marks = { top: new Set(lists.top.map((u) => u.code)), bottom: new Set(lists.bottom.map((u) => u.code)) };
  const level = honourUnits[0]?.level;
  if (lists.top.length === 0 || !level) return { honours: null, marks };
  return {
    honours: {
      scopeLabel: `${unit.level === 'district' ? '全区' : unit.name}${LEVEL_LABELS[level]}`,
      levelLabel: LEVEL_LABELS[level],
      top: lists.top.map((u) => unitLine(u, results, metrics)),
      bottom: lists.bottom.map((u) => unitLine(u, results, metrics)),
    },
    marks,
  };
}

/** The weakest items of every reportable unit listed on the page that has some. */
export function weakUnits(units: UnitResult[], results: RoundResults, metrics: SurveyMetrics, pageCode: string): WeakUnit[] {
  return units
    .filter((u) => isReportable(u) && u.weakest.length > 0)
    .map((u) => ({
      line: unitLine(u, results, metrics),
      parentName: u.parentCode && u.parentCode !== pageCode ? results.units[u.parentCode]?.name ?? '' : '',
      items: u.weakest.slice(0, 3),
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

