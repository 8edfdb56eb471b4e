// The half-year summary's content (半年一小结) of one unit over the monthly rounds ending at a month: each unit's
// composite month by month, who improved and who declined most, who stayed on the 黑榜, the receipts handled and that
// half-year's roster sweep — as numbers and labels, formatted by the page.
import type { RoundResults, UnitResult } from '../../../core/results/types.js';
import type { Round } from '../../../core/rounds/round.js';
import type { Survey } from '../../../core/survey/model.js';
import { LEVEL_LABELS, type UnitLevel } from '../../../core/units/unit.js';
import { receiptSummary } from '../../../core/results/compute.js';
import { monthsForRank } from './half-year.js';
import { surveyMetrics, type MetricMeta, type SurveyMetrics } from '../../../core/results/metrics.js';
import { unitLine, unitsUnder, type UnitLine } from './unit-line.js';
import type { ReceiptLine } from './content-types.js';
import type { CategoryResult } from '../../sweep/core/by-category.js';
import { coverageByUnitCode, coverageOf, type Coverage, type SweepCoverageReport } from '../../../core/results/sweep-coverage.js';
import { levelSection, trendRow, type SummarySectionContent, type TrendRowContent } from './summary-sections.js';

/** The sweep's coverage of the unit's roster (core/results/sweep-coverage.ts): the unit, its categories, its children. */
export interface SweepCoverageContent {
  total: Coverage;
  byCategory: Map<string, Coverage>;
  byUnit: Map<string, Coverage>;
}

export interface SweepContent {
  round: Pick<Round, 'code' | 'period'>;
  /** How much of the roster was reached; null when it was not read (no roster behind the results). */
  coverage: SweepCoverageContent | null;
  /** The sweep may run another questionnaire: its own metrics. */
  metrics: SurveyMetrics;
  unit: UnitLine;
  children: UnitLine[];
  /** The children's level ('' without children). */
  levelLabel: string;
  /** The unit's sweep results by roster category (features/sweep/core/by-category.ts); empty when none were computed. */
  categories: CategoryResult[];
}

export interface SummaryContent {
  unit: { code: string; name: string };
  surveyTitle: string;
  /** The questionnaire's key (links to the summary's files and API). */
  surveyKey: string;
  composite: MetricMeta;
  /** The months' periods, oldest first. */
  periods: string[];
  /** The round of the last month (links go to its bulletins). */
  lastRoundCode: string;
  /** Months a unit must be measured in for its half-year score to be ranked (half-year.ts). */
  monthsForRank: number;
  own: TrendRowContent;
  sections: SummarySectionContent[];
  receipts: { total: ReceiptLine; rows: ReceiptLine[] };
  sweep: SweepContent | null;
}

export interface SummarySource {
  survey: Survey;
  /** The monthly rounds of the half-year, oldest first, ending with the round of the chosen month. */
  series: RoundResults[];
  unit: UnitResult;
  sweep: { round: Round; results: RoundResults; survey: Survey; categories?: CategoryResult[]; coverage?: SweepCoverageReport } | null;
}

const LEVELS_BELOW: Record<UnitLevel, UnitLevel[]> = {
  district: ['township', 'village'],
  township: ['village'],
  village: ['grid'],
  grid: [],
};

function receiptTotals(name: string, code: string, series: RoundResults[]): ReceiptLine {
  const sum = { opened: 0, answered: 0, closed: 0, overdue: 0 };
  for (const r of series) {
    const s = r.receipts[code];
    if (!s) continue;
    sum.opened += s.opened;
    sum.answered += s.answered;
    sum.closed += s.closed;
    sum.overdue += s.overdue;
  }
  return { code, name, receipts: receiptSummary(sum) };
}

function sweepContent(sweep: SummarySource['sweep'], unit: UnitResult): SweepContent | null {
  const sweepUnit = sweep?.results.units[unit.code];
  if (!sweep || !sweepUnit) return null;
  const metrics = surveyMetrics(sweep.survey);
  const children = unitsUnder(sweep.results, unit.code);
  const coverage = sweep.coverage && {
    total: coverageOf(sweep.coverage.total),
    byCategory: new Map(sweep.coverage.byCategory.map((c) => [c.category, coverageOf(c)])),
    byUnit: coverageByUnitCode(sweep.coverage.areas),
  };
  return {
    round: { code: sweep.round.code, period: sweep.round.period },
    coverage: coverage ?? null,
    metrics,
    unit: unitLine(sweepUnit, sweep.results, metrics),
    children: children.map((u) => unitLine(u, sweep.results, metrics)),
    levelLabel: children[0] ? LEVEL_LABELS[children[0].level] : '',
    categories: sweep.categories ?? [],
  };
}

export function summaryContent(source: SummarySource): SummaryContent {
  const { survey, series, unit } = source;
  const { composite } = surveyMetrics(survey);
  const last = series[series.length - 1];
  return {
    unit: { code: unit.code, name: unit.name },
    surveyTitle: survey.title,
    surveyKey: last.surveyKey,
    composite,
    periods: series.map((r) => r.period),
    lastRoundCode: last.roundCode,
    monthsForRank: monthsForRank(series.length),
    own: trendRow(unit.code, series, composite),
    sections: LEVELS_BELOW[unit.level].map((level) => levelSection(level, series, unit, composite)),
    receipts: {
      total: receiptTotals(unit.name, unit.code, series),
      rows: unitsUnder(last, unit.code).map((u) => receiptTotals(last.units[u.code]?.name ?? u.code, u.code, series)),
    },
    sweep: sweepContent(source.sweep, unit),
  };
}
