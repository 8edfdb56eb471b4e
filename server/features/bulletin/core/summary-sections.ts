// One level of the half-year summary: every unit of that level that took part in any month, in the order of the
// latest ranking, with its months, the biggest movers, the persistently last, and which of them the chart draws.
import type { RoundResults, UnitResult } from '../../../core/results/types.js';
import { LEVEL_LABELS, type UnitLevel } from '../../../core/units/unit.js';
import { halfYearOf, halfYears, mostChanged, persistentBottom, type HalfYear, type PersistentBottom, type ScoreChange, type UnitTrend } from './half-year.js';
import type { MetricMeta } from '../../../core/results/metrics.js';
import { isReportable, reportableComposite } from './reportable.js';
import { unitsUnder } from './unit-line.js';
import type { TrendContent } from './content-types.js';
import { printedChange } from '../../../core/results/compute.js';

/** One month of a unit: null when the unit was not in that month's round. */
export type MonthValue = { reportable: boolean; value: number | null; n: number } | null;

export interface TrendRowContent {
  code: string;
  /** The unit's level (the exports and the API name it). */
  level: UnitLevel;
  name: string;
  /** The parent's name when the unit is not a direct child of the page's unit ('' otherwise). */
  parentName: string;
  months: MonthValue[];
  /** First to last month, when both are reportable (see printedChange); null over a single month. */
  change: number | null;
  /** Half-year score with its interval and rank, and the trend per month (half-year.ts). */
  halfYear: HalfYear;
}

/** A unit's months as the half-year rules read them (reportable months only count). */
export function unitTrend(code: string, series: RoundResults[]): UnitTrend {
  return {
    code,
    months: series.map((r) => {
      const u = r.units[code];
      if (!u) return null;
      const e = u.composite;
      return { value: reportableComposite(u), se: e.se, lo: e.lo, hi: e.hi, rank: u.rank, insufficient: !isReportable(u) };
    }),
  };
}

/** `pageCode`: the unit whose summary this is; its direct children need no parent name. */
export function trendRow(code: string, series: RoundResults[], composite: MetricMeta, pageCode = ''): TrendRowContent {
  const last = series[series.length - 1];
  const latest = [...series].reverse().map((r) => r.units[code]).find((u) => u !== undefined);
  const months = series.map((r): MonthValue => {
    const u = r.units[code];
    return u ? { reportable: isReportable(u), value: u.composite.value, n: u.n } : null;
  });
  const first = reportableComposite(series[0]?.units[code]);
  const end = reportableComposite(last.units[code]);
  const parentCode = latest?.parentCode ?? null;
  const parent = parentCode && parentCode !== pageCode ? [last, ...series].map((r) => r.units[parentCode]).find(Boolean) : undefined;
  return {
    code,
    level: latest?.level ?? 'grid',
    name: latest?.name ?? code,
    parentName: parent?.name ?? '',
    months,
    change: series.length > 1 ? printedChange(end, first, composite.kind) : null,
    halfYear: halfYearOf(unitTrend(code, series)),
  };
}

export interface NamedChange extends ScoreChange {
  name: string;
}

export interface SummarySectionContent {
  level: UnitLevel;
  levelLabel: string;
  rows: TrendRowContent[];
  /** The chart's lines: the page's unit and every unit of the level (up to 8), else the top movers; null over one month. */
  chart: { everyUnit: boolean; trend: TrendContent } | null;
  /** Trend a real rise / fall (slope beyond 1.96·SE), steepest first. */
  improved: NamedChange[];
  declined: NamedChange[];
  /** 持续靠后: half-year interval wholly below the page unit's half-year score, lowest first. */
  persistent: Array<PersistentBottom & { name: string }>;
}

/** Names of the level's units across the months (latest first wins) and chart labels that say whose they are. */
function unitNames(level: UnitLevel, series: RoundResults[], unit: UnitResult): { names: Map<string, string>; labels: Map<string, string> } {
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
  return { names, labels };
}

function chartOf(series: RoundResults[], unit: UnitResult, drawn: string[], labels: Map<string, string>): TrendContent {
  const units = [{ code: unit.code, label: unit.name, emphasis: true }, ...drawn.map((code) => ({ code, label: labels.get(code) ?? code, emphasis: false }))];
  return {
    periods: series.map((r) => r.period),
    lines: units.map((u) => ({ ...u, values: series.map((r) => reportableComposite(r.units[u.code])) })),
  };
}

/** Half-year rank order; unranked rows keep their latest-ranking order after the ranked ones (sort is stable). */
function byHalfYearRank(a: TrendRowContent, b: TrendRowContent): number {
  const ra = a.halfYear.rank;
  const rb = b.halfYear.rank;
  if (ra !== null && rb !== null) return ra - rb;
  return ra !== null ? -1 : rb !== null ? 1 : 0;
}

export function levelSection(level: UnitLevel, series: RoundResults[], unit: UnitResult, composite: MetricMeta): SummarySectionContent {
  const { names, labels } = unitNames(level, series, unit);
  const codes = [...names.keys()];
  const trends: UnitTrend[] = codes.map((code) => unitTrend(code, series));
  const ranked = halfYears(trends);
  const { improved, declined } = mostChanged(trends);
  const everyUnit = codes.length <= 8;
  const drawn = everyUnit ? codes : [...improved.slice(0, 3), ...declined.slice(0, 3)].map((c) => c.code);
  const named = (c: ScoreChange): NamedChange => ({ ...c, name: names.get(c.code) ?? c.code });
  return {
    level,
    levelLabel: LEVEL_LABELS[level],
    rows: codes
      .map((code) => ({ ...trendRow(code, series, composite, unit.code), halfYear: ranked.get(code) ?? halfYearOf(unitTrend(code, series)) }))
      .sort(byHalfYearRank),
    chart: series.length > 1 && drawn.length > 0 ? { everyUnit, trend: chartOf(series, unit, drawn, labels) } : null,
    improved: improved.map(named),
    declined: declined.map(named),
    persistent: persistentBottom(trends, unitTrend(unit.code, series)).map((p) => ({ ...p, name: names.get(p.code) ?? p.code })),
  };
}
