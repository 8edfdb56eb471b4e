// The bulletin's content (features/bulletin/core) as tables for the XLSX and CSV exports: one row per unit line, values kept
// as numbers (scores 0–100, rates 0–1) with a column kind that tells each writer how to show them.
import type { AaporRates } from '../../core/results/types.js';
import type { Survey } from '../../core/survey/model.js';
import { LEVEL_LABELS } from '../../core/units/unit.js';
import { ROUND_STATE_LABELS } from '../../core/rounds/round.js';
import { AAPOR_COUNT_LABELS, AAPOR_RATE_GROUPS } from '../../core/results/aapor-labels.js';
import { surveyMetrics } from '../../core/results/metrics.js';
import type { UnitLine } from '../../features/bulletin/core/unit-line.js';
import type { BulletinContent } from '../../features/bulletin/core/content-types.js';
import { verdictWord } from '../../core/wording/changes.js';
import { INSUFFICIENT_LABEL } from '../../core/wording/samples.js';
import type { Cell } from '../../core/tables/csv.js';

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


export function unitTable(survey: Survey, lines: readonly UnitLine[]): Table {
  const hasKnowledge = survey.questions.some((q) => q.knowledge);
  const metrics = surveyMetrics(survey);
  const columns: TableColumn[] = [
    { header: '排名', kind: 'int', width: 6 },
    { header: '单位编码', kind: 'text', width: 16 },
    { header: '单位名称', kind: 'text', width: 18 },
    { header: '上级单位', kind: 'text', width: 16 },
    { header: '样本量', kind: 'int', width: 8 },
    { header: '配额', kind: 'int', width: 8 },
    { header: '完成率', kind: 'rate', width: 8 },
    { header: metrics.composite.name, kind: metrics.composite.kind, width: 12 },
    { header: '95%区间下限', kind: 'score', width: 11 },
    { header: '95%区间上限', kind: 'score', width: 11 },
    { header: '标准误', kind: 'score', width: 8 },
    { header: '可能名次（高）', kind: 'int', width: 13 },
    { header: '可能名次（低）', kind: 'int', width: 13 },
    { header: '得分变化', kind: 'score', width: 9 },
    // Whether the change exceeds its noise, 1.96·√(SE₁² + SE₂²) (core/stats/change.ts), as the bulletin marks it.
    { header: '变化判断', kind: 'text', width: 10 },
    { header: '排名变化', kind: 'int', width: 9 },
    ...metrics.indices.map((ix): TableColumn => ({ header: ix.name, kind: ix.kind, width: Math.max(10, ix.name.length * 2 + 2) })),
    ...(hasKnowledge ? [{ header: '应知应会率', kind: 'rate' as const, width: 11 }] : []),
    { header: '回执数', kind: 'int', width: 8 },
    { header: '已答复', kind: 'int', width: 8 },
    { header: '超期未答复', kind: 'int', width: 11 },
    { header: '问题解决反馈率', kind: 'rate', width: 14 },
    // Not 9: exceljs takes a width of 9 for its default and leaves it out of the file.
    { header: INSUFFICIENT_LABEL, kind: 'text', width: 10 },
    { header: '权重', kind: 'text', width: 10 },
  ];
  const rows = lines.map((u): TableValue[] => [
    u.rank,
    u.code,
    u.name,
    u.parentName,
    u.n,
    u.quota,
    u.completion,
    u.composite.value,
    u.composite.lo,
    u.composite.hi,
    u.composite.se,
    u.rankRange?.[0] ?? null,
    u.rankRange?.[1] ?? null,
    u.scoreChange,
    verdictWord(u.scoreVerdict),
    u.rankChange,
    ...u.indices.map((e) => e?.value ?? null),
    ...(hasKnowledge ? [u.knowledge?.value ?? null] : []),
    u.receipts.opened,
    u.receipts.answered,
    u.receipts.overdue,
    u.receipts.feedbackRate,
    u.insufficient ? INSUFFICIENT_LABEL : '',
    u.equalWeights ? '等权（缺人口数）' : '按网格人口加权',
  ]);
  return withModelColumns({ columns, rows }, lines, metrics.composite.kind);
}

/**
 * Villages and grids with a small-area model (docs/statistics.md#small-area-estimates): the model estimate, its
 * interval and γ after the direct columns, which stay as they are. Tables without model estimates are unchanged.
 */
function withModelColumns(table: Table, lines: readonly UnitLine[], kind: ColumnKind): Table {
  if (!lines.some((u) => u.smallArea !== null)) return table;
  const columns: TableColumn[] = [
    ...table.columns,
    { header: '模型估计', kind, width: 10 },
    { header: '模型区间下限', kind, width: 12 },
    { header: '模型区间上限', kind, width: 12 },
    { header: '本单位样本权重', kind: 'rate', width: 14 },
  ];
  const rows = table.rows.map((row, i): TableValue[] => {
    const sa = lines[i].smallArea;
    return [...row, sa?.value ?? null, sa?.lo ?? null, sa?.hi ?? null, sa?.gamma ?? null];
  });
  return { columns, rows };
}


/** The overview sheet: what the file is about and the unit's headline numbers, as label–value pairs. */
export function overviewRows(content: BulletinContent): Array<[string, TableValue, ColumnKind]> {
  const { unit, metrics } = content;
  return [
    ['问卷', content.surveyTitle, 'text'],
    ['轮次', content.round.code, 'text'],
    ['时期', content.round.period, 'text'],
    ['状态', ROUND_STATE_LABELS[content.round.state], 'text'],
    ['单位', `${unit.name}（${unit.code}）`, 'text'],
    ['层级', LEVEL_LABELS[unit.level], 'text'],
    ['完成样本', unit.n, 'int'],
    ['配额', unit.quota, 'int'],
    ['筛除（不符合条件）', unit.screenedOut, 'int'],
    [metrics.composite.name, unit.composite.value, metrics.composite.kind],
    ['95%区间下限', unit.composite.lo, metrics.composite.kind],
    ['95%区间上限', unit.composite.hi, metrics.composite.kind],
    ['最低样本量', content.minSample, 'int'],
    ['权重', unit.equalWeights ? '部分网格缺人口数，所有受访者等权' : '按网格人口事后分层加权（g = N_h / n_h）', 'text'],
    ['计算时间', content.computedAt, 'text'],
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

/** CSV shows scores with two decimals and rates as percentages with one, as the bulletin prints them. */
export function csvTable(table: Table): Cell[][] {
  const header = table.columns.map((c) => (c.kind === 'rate' ? `${c.header}(%)` : c.header));
  const rows = table.rows.map((row) =>
    row.map((v, i) => {
      if (typeof v !== 'number') return v;
      const kind = table.columns[i].kind;
      if (kind === 'score') return Number(v.toFixed(2));
      if (kind === 'rate') return Number((v * 100).toFixed(1));
      return v;
    }),
  );
  return [header, ...rows];
}
