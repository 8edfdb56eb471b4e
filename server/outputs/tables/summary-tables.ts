// The half-year summary (半年一小结) as data: one row per unit (the page's unit, then each level below), the numbers as
// the summary content holds them (features/bulletin/core/summary-content.ts), for the XLSX, the CSV and the API.
// Nothing is recomputed here, so the files and the API say what the page and the Word file say.
import ExcelJS from 'exceljs';
import type { SummaryContent } from '../../features/bulletin/core/summary-content.js';
import type { TrendRowContent } from '../../features/bulletin/core/summary-sections.js';
import { LEVEL_LABELS, type UnitLevel } from '../../core/units/unit.js';
import { verdictWord } from '../../core/wording/changes.js';
import { periodLabel } from '../../core/time/period.js';
import type { Table, TableColumn, TableValue } from './result-tables.js';
import { tableSheet } from './bulletin-workbook.js';

/** One unit's half-year as plain numbers (scores 0–100), the API's row and the tables' source. */
export interface SummaryLine {
  code: string;
  name: string;
  level: UnitLevel;
  parentName: string;
  score: number | null;
  se: number | null;
  lo: number | null;
  hi: number | null;
  rank: number | null;
  rankRange: [number, number] | null;
  /** Points per month and its SE; verdict 上升/下降/基本持平 ('' without a trend). */
  slope: number | null;
  slopeSe: number | null;
  verdict: string;
  /** Months with a reportable score (the k of the half-year score). */
  months: number;
  /** Per month of the summary, oldest first: the composite (null: not measured or 样本不足) and the interviews. */
  perMonth: Array<{ period: string; value: number | null; n: number | null }>;
}

function line(row: TrendRowContent, periods: string[]): SummaryLine {
  const h = row.halfYear;
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentName: row.parentName,
    score: h.score?.value ?? null,
    se: h.score?.se ?? null,
    lo: h.score?.lo ?? null,
    hi: h.score?.hi ?? null,
    rank: h.rank,
    rankRange: h.rankRange,
    slope: h.trend?.slope ?? null,
    slopeSe: h.trend?.se ?? null,
    verdict: verdictWord(h.trendVerdict),
    months: h.score?.k ?? 0,
    perMonth: row.months.map((m, i) => ({ period: periods[i], value: m && m.reportable ? m.value : null, n: m ? m.n : null })),
  };
}

/** The page's unit first, then every unit of each level below, in the order the page lists them. */
export function summaryLines(content: SummaryContent): SummaryLine[] {
  return [content.own, ...content.sections.flatMap((s) => s.rows)].map((r) => line(r, content.periods));
}

export function summaryTable(content: SummaryContent): Table {
  const columns: TableColumn[] = [
    { header: '层级', kind: 'text', width: 10 },
    { header: '单位编码', kind: 'text', width: 16 },
    { header: '单位名称', kind: 'text', width: 18 },
    { header: '上级单位', kind: 'text', width: 16 },
    { header: `半年${content.composite.name}`, kind: 'score', width: 14 },
    { header: '标准误', kind: 'score', width: 8 },
    { header: '95%区间下限', kind: 'score', width: 11 },
    { header: '95%区间上限', kind: 'score', width: 11 },
    { header: '半年排名', kind: 'int', width: 8 },
    { header: '可能名次（高）', kind: 'int', width: 13 },
    { header: '可能名次（低）', kind: 'int', width: 13 },
    { header: '月均变化', kind: 'score', width: 9 },
    { header: '月均变化标准误', kind: 'score', width: 14 },
    { header: '变化判断', kind: 'text', width: 10 },
    { header: '样本充足月数', kind: 'int', width: 12 },
    ...content.periods.flatMap((p): TableColumn[] => [
      { header: `${periodLabel(p)}得分`, kind: 'score', width: 14 },
      { header: `${periodLabel(p)}样本量`, kind: 'int', width: 14 },
    ]),
  ];
  const rows = summaryLines(content).map((l): TableValue[] => [
    LEVEL_LABELS[l.level],
    l.code,
    l.name,
    l.parentName,
    l.score,
    l.se,
    l.lo,
    l.hi,
    l.rank,
    l.rankRange?.[0] ?? null,
    l.rankRange?.[1] ?? null,
    l.slope,
    l.slopeSe,
    l.verdict,
    l.months,
    ...l.perMonth.flatMap((m) => [m.value, m.n]),
  ]);
  return { columns, rows };
}

/** The summary as one sheet, as the monthly export writes its levels (bulletin-workbook.ts). */
export async function summaryWorkbook(content: SummaryContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SafePoll 平安民调';
  tableSheet(wb, '半年小结', summaryTable(content));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
