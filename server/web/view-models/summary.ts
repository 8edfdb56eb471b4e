// The half-year summary (半年一小结) of one unit over the six monthly rounds ending at a month: each unit's trend, who
// improved and who declined most, who stayed on the 黑榜, the receipts handled, and that half-year's roster sweep.
import { LEVEL_LABELS } from '../../domain/units/unit.js';
import type { RoundResults, UnitResult } from '../../domain/results/types.js';
import type { Round } from '../../domain/rounds/round.js';
import type { Survey } from '../../domain/survey/model.js';
import type { UnitLevel } from '../../domain/units/unit.js';
import { printedChange } from '../../domain/results/compute.js';
import { mostChanged, persistentBottom, persistentThreshold, type ScoreChange, type UnitTrend } from '../../domain/bulletin/half-year.js';
import { DASH, direction, interval, metric, periodLabel, periodRangeLabel, rate, signedChange, surveyMetrics, type MetricMeta } from './numbers.js';
import { bulletinHref, unitRow, unitsUnder, type UnitRow } from './bulletin-rows.js';
import { trendChart, type ChartView } from './bulletin-charts.js';

const LEVELS_BELOW: Record<UnitLevel, UnitLevel[]> = {
  district: ['township', 'village'],
  township: ['village'],
  village: ['grid'],
  grid: [],
};

export interface TrendRow {
  name: string;
  href: string;
  parentName: string;
  values: string[];
  change: string;
  changeDirection: string;
}

export interface ChangeRow {
  name: string;
  href: string;
  first: string;
  last: string;
  change: string;
}

export interface SummarySection {
  levelName: string;
  rows: TrendRow[];
  chart: ChartView | null;
  improved: ChangeRow[];
  declined: ChangeRow[];
  persistent: Array<{ name: string; href: string; times: string }>;
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
  monthCount: number;
  fewerMonths: boolean;
  persistentRule: string;
  composite: MetricMeta;
  own: TrendRow;
  sections: SummarySection[];
  receipts: { total: ReceiptTotals; rows: ReceiptTotals[] };
  sweep: { title: string; href: string; n: number; compositeName: string; composite: string; interval: string; empty: boolean; rows: UnitRow[]; levelName: string } | null;
}

export interface SummaryInput {
  survey: Survey;
  /** The monthly rounds of the half-year, oldest first, ending with the round of the chosen month. */
  series: RoundResults[];
  unit: UnitResult;
  sweep: { round: Round; results: RoundResults; survey: Survey } | null;
}

function measuredValue(u: UnitResult | undefined): number | null {
  return u && !u.insufficient && u.n > 0 ? u.composite.value : null;
}

/** `pageCode`: the unit whose summary this is; its direct children need no parent name. */
function trendRow(code: string, series: RoundResults[], composite: MetricMeta, last: RoundResults, pageCode = ''): TrendRow {
  const latest = [...series].reverse().map((r) => r.units[code]).find((u) => u !== undefined);
  const values = series.map((r) => {
    const u = r.units[code];
    if (!u) return DASH;
    if (u.insufficient || u.n === 0) return '样本不足';
    return metric(u.composite.value, composite.kind);
  });
  const first = measuredValue(series[0]?.units[code]);
  const end = measuredValue(last.units[code]);
  const change = series.length > 1 ? printedChange(end, first, composite.kind) : null;
  const parentCode = latest?.parentCode ?? null;
  const parent = parentCode && parentCode !== pageCode ? [last, ...series].map((r) => r.units[parentCode]).find(Boolean) : undefined;
  return {
    name: latest?.name ?? code,
    href: bulletinHref(last.roundCode, code),
    parentName: parent?.name ?? '',
    values,
    change: signedChange(change, composite.kind),
    changeDirection: direction(change),
  };
}

function changeRow(c: ScoreChange, names: Map<string, string>, last: RoundResults, composite: MetricMeta): ChangeRow {
  return {
    name: names.get(c.code) ?? c.code,
    href: bulletinHref(last.roundCode, c.code),
    first: metric(c.first, composite.kind),
    last: metric(c.last, composite.kind),
    change: signedChange(c.change, composite.kind),
  };
}

function section(level: UnitLevel, input: SummaryInput, composite: MetricMeta): SummarySection {
  const { series, unit } = input;
  const last = series[series.length - 1];
  // Every unit of this level that took part in any of the months, in the order of the latest ranking.
  const names = new Map<string, string>();
  const labels = new Map<string, string>();
  for (const r of [...series].reverse()) {
    for (const u of unitsUnder(r, unit.code, level)) {
      if (names.has(u.code)) continue;
      names.set(u.code, u.name);
      // Below the direct children, names repeat across townships (every town has a 东风村): the chart says whose.
      const parent = u.parentCode && u.parentCode !== unit.code ? r.units[u.parentCode]?.name : undefined;
      labels.set(u.code, parent ? `${u.name}（${parent}）` : u.name);
    }
  }
  const codes = [...names.keys()];
  const trends: UnitTrend[] = codes.map((code) => ({
    code,
    months: series.map((r) => {
      const u = r.units[code];
      return u ? { value: measuredValue(u), rank: u.rank, insufficient: u.insufficient || u.n === 0 } : null;
    }),
  }));
  const { improved, declined } = mostChanged(trends);
  const persistent = persistentBottom(trends);
  const drawn =
    codes.length <= 8
      ? codes
      : [...improved.slice(0, 3), ...declined.slice(0, 3)].map((c) => c.code);
  const chartTitle =
    codes.length <= 8 ? `各${LEVEL_LABELS[level]}${composite.name}走势` : `进步最快与退步最多的${LEVEL_LABELS[level]}${composite.name}走势`;
  return {
    levelName: LEVEL_LABELS[level],
    rows: codes.map((code) => trendRow(code, series, composite, last, unit.code)),
    chart:
      series.length > 1 && drawn.length > 0
        ? trendChart(
            `summary-${level}`,
            chartTitle,
            series,
            [{ code: unit.code, label: unit.name, emphasis: true }, ...drawn.map((code) => ({ code, label: labels.get(code) ?? code }))],
            composite,
          )
        : null,
    improved: improved.map((c) => changeRow(c, names, last, composite)),
    declined: declined.map((c) => changeRow(c, names, last, composite)),
    persistent: persistent.map((p) => ({ name: names.get(p.code) ?? p.code, href: bulletinHref(last.roundCode, p.code), times: `${p.times}/${p.months}` })),
  };
}

function receiptTotals(name: string, code: string, series: RoundResults[]): ReceiptTotals {
  let opened = 0;
  let answered = 0;
  let overdue = 0;
  for (const r of series) {
    const s = r.receipts[code];
    if (!s) continue;
    opened += s.opened;
    answered += s.answered;
    overdue += s.overdue;
  }
  return { name, opened, answered, overdue, feedbackRate: opened > 0 ? rate(answered / opened) : DASH };
}

export function summaryTitle(unitName: string, first: string, last: string): string {
  return `${unitName}平安建设模拟民调半年小结（${periodRangeLabel(first, last)}）`;
}

export function buildSummary(input: SummaryInput): SummaryView {
  const { survey, series, unit, sweep } = input;
  const { composite } = surveyMetrics(survey);
  const first = series[0];
  const last = series[series.length - 1];
  const sections = LEVELS_BELOW[unit.level].map((level) => section(level, input, composite));
  const childCodes = unitsUnder(last, unit.code).map((u) => u.code);
  const sweepUnit = sweep?.results.units[unit.code];
  const sweepChildren = sweep ? unitsUnder(sweep.results, unit.code) : [];
  // The sweep may run another questionnaire: its numbers are written the way its own composite is.
  const sweepMetrics = sweep ? surveyMetrics(sweep.survey) : null;
  return {
    title: summaryTitle(unit.name, first.period, last.period),
    nav: 'bulletins',
    unitName: unit.name,
    rangeLabel: periodRangeLabel(first.period, last.period),
    surveyTitle: survey.title,
    months: series.map((r) => periodLabel(r.period)),
    monthCount: series.length,
    fewerMonths: series.length < 6,
    persistentRule: `${series.length} 个月中至少 ${persistentThreshold(series.length)} 个月列入黑榜（本级后列：排名单位的三分之一，最多 5 个）`,
    composite,
    own: trendRow(unit.code, series, composite, last),
    sections,
    receipts: {
      total: receiptTotals(unit.name, unit.code, series),
      rows: childCodes.map((code) => receiptTotals(last.units[code]?.name ?? code, code, series)),
    },
    sweep:
      sweep && sweepUnit
        ? {
            title: `${periodLabel(sweep.round.period)}民调数据库普测`,
            href: bulletinHref(sweep.round.code, unit.code),
            n: sweepUnit.n,
            compositeName: sweepMetrics?.composite.name ?? composite.name,
            composite: sweepUnit.n > 0 && !sweepUnit.insufficient ? metric(sweepUnit.composite.value, sweepMetrics?.composite.kind ?? 'score') : DASH,
            interval: sweepUnit.n > 0 && !sweepUnit.insufficient ? interval(sweepUnit.composite, sweepMetrics?.composite.kind ?? 'score') : DASH,
            empty: sweepUnit.n === 0,
            levelName: sweepChildren[0] ? LEVEL_LABELS[sweepChildren[0].level] : '',
            rows: sweepChildren.map((u) => unitRow(u, { results: sweep.results, composite: sweepMetrics?.composite ?? composite, indices: sweepMetrics?.indices ?? [] })),
          }
        : null,
  };
}
