// The bulletin's numbers as tables for the XLSX and CSV exports: one row per unit, values kept as numbers (scores
// 0–100, rates 0–1) with a column kind that tells each writer how to show them.
import type { AaporRates, RoundResults, UnitResult } from '../results/types.js';
import type { Survey } from '../survey/model.js';
import { LEVEL_LABELS, type UnitLevel } from '../units/unit.js';
import { ROUND_STATE_LABELS } from '../rounds/round.js';
import { AAPOR_COUNT_LABELS, AAPOR_RATE_GROUPS } from '../results/aapor-labels.js';
import { byRank } from '../results/summary.js';

export type ColumnKind = 'text' | 'int' | 'score' | 'rate';
export type TableValue = string | number | null;

export interface TableColumn {
  header: string;
  kind: ColumnKind;
  /** Column width in characters (XLSX). */
  width: number;
}

export interface Table {
  columns: TableColumn[];
  rows: TableValue[][];
}


/** True when `code` is `ancestor` or lies below it in the round's tree. */
export function isWithin(results: RoundResults, code: string, ancestor: string): boolean {
  for (let c: string | null = code; c !== null; c = results.units[c]?.parentCode ?? null) if (c === ancestor) return true;
  return false;
}

/** The units of one level inside a unit (the unit itself when it is of that level), ranked. */
export function unitsAtLevel(results: RoundResults, within: string, level: UnitLevel): UnitResult[] {
  return Object.values(results.units)
    .filter((u) => u.level === level && isWithin(results, u.code, within))
    .sort(byRank);
}

export function unitTable(results: RoundResults, survey: Survey, units: readonly UnitResult[]): Table {
  const hasKnowledge = survey.questions.some((q) => q.knowledge);
  const columns: TableColumn[] = [
    { header: '排名', kind: 'int', width: 6 },
    { header: '单位编码', kind: 'text', width: 16 },
    { header: '单位名称', kind: 'text', width: 18 },
    { header: '上级单位', kind: 'text', width: 16 },
    { header: '样本量', kind: 'int', width: 8 },
    { header: '配额', kind: 'int', width: 8 },
    { header: '完成率', kind: 'rate', width: 8 },
    { header: survey.composite.name, kind: 'score', width: 12 },
    { header: '95%区间下限', kind: 'score', width: 11 },
    { header: '95%区间上限', kind: 'score', width: 11 },
    { header: '标准误', kind: 'score', width: 8 },
    { header: '得分变化', kind: 'score', width: 9 },
    { header: '排名变化', kind: 'int', width: 9 },
    ...survey.indices.map((ix): TableColumn => ({ header: ix.name, kind: ix.kind === 'rate' ? 'rate' : 'score', width: Math.max(10, ix.name.length * 2 + 2) })),
    ...(hasKnowledge ? [{ header: '应知应会率', kind: 'rate' as const, width: 11 }] : []),
    { header: '回执数', kind: 'int', width: 8 },
    { header: '已答复', kind: 'int', width: 8 },
    { header: '超期未答复', kind: 'int', width: 11 },
    { header: '问题解决反馈率', kind: 'rate', width: 14 },
    // Not 9: exceljs takes a width of 9 for its default and leaves it out of the file.
    { header: '样本不足', kind: 'text', width: 10 },
    { header: '权重', kind: 'text', width: 10 },
  ];
  const rows = units.map((u): TableValue[] => {
    const parent = u.parentCode ? results.units[u.parentCode] : undefined;
    const r = results.receipts[u.code];
    return [
      u.rank,
      u.code,
      u.name,
      parent?.name ?? '',
      u.n,
      u.quota,
      u.quota > 0 ? u.n / u.quota : null,
      u.composite.value,
      u.composite.lo,
      u.composite.hi,
      u.composite.se,
      u.scoreChange,
      u.rankChange,
      ...survey.indices.map((ix) => u.indices[ix.id]?.value ?? null),
      ...(hasKnowledge ? [u.knowledge?.value ?? null] : []),
      r?.opened ?? 0,
      r?.answered ?? 0,
      r?.overdue ?? 0,
      r?.feedbackRate ?? null,
      u.insufficient ? '样本不足' : '',
      u.equalWeights ? '等权（缺人口数）' : '按网格人口加权',
    ];
  });
  return { columns, rows };
}


/** The overview sheet: what the file is about and the unit's headline numbers, as label–value pairs. */
export function overviewRows(results: RoundResults, survey: Survey, unit: UnitResult): Array<[string, TableValue, ColumnKind]> {
  return [
    ['问卷', survey.title, 'text'],
    ['轮次', results.roundCode, 'text'],
    ['时期', results.period, 'text'],
    ['状态', ROUND_STATE_LABELS[results.state], 'text'],
    ['单位', `${unit.name}（${unit.code}）`, 'text'],
    ['层级', LEVEL_LABELS[unit.level], 'text'],
    ['完成样本', unit.n, 'int'],
    ['配额', unit.quota, 'int'],
    ['筛除（不符合条件）', unit.screenedOut, 'int'],
    [survey.composite.name, unit.composite.value, 'score'],
    ['95%区间下限', unit.composite.lo, 'score'],
    ['95%区间上限', unit.composite.hi, 'score'],
    ['最低样本量', results.minSample, 'int'],
    ['权重', unit.equalWeights ? '部分网格缺人口数，所有受访者等权' : '按网格人口事后分层加权（g = N_h / n_h）', 'text'],
    ['计算时间', results.computedAt, 'text'],
  ];
}

const AAPOR_RATE_KEYS = AAPOR_RATE_GROUPS.flatMap((g) => g.keys);

/** AAPOR dispositions and outcome rates; empty when the round has no phone work. */
export function aaporRows(a: AaporRates | null): Array<[string, TableValue, ColumnKind]> {
  if (!a) return [['本轮没有电话访问记录', null, 'text']];
  return [
    ...AAPOR_COUNT_LABELS.map(([key, label]): [string, TableValue, ColumnKind] => [label, a.counts[key], 'int']),
    ['合格率估计 e', a.e, 'rate'],
    ...AAPOR_RATE_KEYS.map((key): [string, TableValue, ColumnKind] => [key, a[key], 'rate']),
  ];
}
