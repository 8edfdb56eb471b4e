// One round's responses as a labelled data set: the single description the SPSS, Stata and R files and the codebook
// are written from (docs/statistics.md#data-files), so that the four agree on every variable, label and code.
//
// One case per response (completed and screened out; the weight is missing for a screened-out case, so a weighted
// analysis leaves it out as the bulletin does). Answers are numeric codes with value labels: the substantive options
// 1, 2, … in questionnaire order, the non-substantive ones (不清楚/说不清, excluded from every score) 98, 99, …,
// declared user-missing. A multiple choice is one 0/1 variable per option. A scored question also carries its score
// (0–100, missing for a don't-know), so a weighted mean of it is the bulletin's item score. Nothing identifies a
// person: the interviewer is a number, times are to the minute, typed numbers are masked.
import { allQuestions, type Survey, type SurveyQuestion } from '../../core/survey/model.js';
import { questionNumbers } from '../../core/survey/numbering.js';
import { questionShortName } from '../../core/survey/short-names.js';
import { RESPONSE_CHANNEL_LABELS, type ResponseChannel } from '../../core/survey/response.js';
import { maskPersonalData } from '../../core/privacy/personal-data.js';
import type { GridContext, RawAnswer, RawResponse } from '../tables/responses-table.js';

export type DataValue = number | string | null;

export interface DataVariable {
  /** A name SPSS, Stata and R all accept: a letter, then letters, digits or _; at most 32 characters. */
  name: string;
  label: string;
  kind: 'number' | 'text' | 'datetime';
  /** Decimals shown for a number. */
  decimals?: number;
  valueLabels?: ReadonlyArray<readonly [number, string]>;
  /** Codes that are answers but not substantive ones (don't know, refused): user-missing. */
  missing?: readonly number[];
  /** How the variable is made, for the codebook. */
  note?: string;
}

export interface DataSet {
  label: string;
  variables: DataVariable[];
  /** One row per case, values in the order of `variables`; a datetime is milliseconds of Beijing wall-clock time
   * since 1970-01-01 (what it reads, not the instant), null when missing. */
  rows: DataValue[][];
  /** The name of the post-stratification weight. */
  weight: string;
}

export interface DataCase {
  response: RawResponse & { interviewer: number | null; startedAt: string | null };
  answers: readonly RawAnswer[];
  grid: GridContext;
  /** The case's month in a data set of several (1 = the first of `rounds` given to buildDataSet). */
  round?: number;
}

/** The first code of the non-substantive options; 98 is the usual don't-know code of Chinese survey centres. */
export const FIRST_MISSING_CODE = 98;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const MINUTE_MS = 60_000;
const CHANNELS = Object.keys(RESPONSE_CHANNEL_LABELS) as ResponseChannel[];

/** Option code → numeric code for a choice question. */
export function optionCodes(q: SurveyQuestion): Map<string, number> {
  const codes = new Map<string, number>();
  let substantive = 0;
  let missing = FIRST_MISSING_CODE;
  for (const o of q.options) codes.set(o.code, o.excluded ? missing++ : ++substantive);
  return codes;
}

function isScored(q: SurveyQuestion): boolean {
  return q.type !== 'multiple' && q.type !== 'text' && q.options.some((o) => o.score !== undefined);
}

/** A name all three tools accept, from a questionnaire id (which may hold other characters). */
export function safeName(raw: string): string {
  const cleaned = raw.replace(/[^A-Za-z0-9_]/g, '_');
  return (/^[A-Za-z]/.test(cleaned) ? cleaned : `v${cleaned}`).slice(0, 32);
}

/** Beijing wall-clock milliseconds of a stored ISO time, to the minute; null when unreadable. */
export function beijingMinute(iso: string | null): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  return Math.floor((ms + BEIJING_OFFSET_MS) / MINUTE_MS) * MINUTE_MS;
}

interface Column {
  variable: DataVariable;
  value: (c: DataCase, byQuestion: Map<string, RawAnswer[]>) => DataValue;
}

/** Numbered labels for the units of one level, in code order: "QH01 城关街道". */
function unitColumn(name: string, label: string, cases: readonly DataCase[], pick: (g: GridContext) => [string, string]): Column {
  const named = new Map<string, string>();
  for (const c of cases) {
    const [code, unitName] = pick(c.grid);
    if (code) named.set(code, unitName);
  }
  const codes = [...named.keys()].sort();
  const number = new Map(codes.map((code, i) => [code, i + 1]));
  return {
    variable: { name, label, kind: 'number', decimals: 0, valueLabels: codes.map((code, i) => [i + 1, `${code} ${named.get(code)}`] as const) },
    value: (c) => number.get(pick(c.grid)[0]) ?? null,
  };
}

function caseColumns(cases: readonly DataCase[]): Column[] {
  return [
    { variable: { name: 'response_id', label: '答卷编号', kind: 'number', decimals: 0 }, value: (c) => c.response.id },
    {
      variable: { name: 'status', label: '状态', kind: 'number', decimals: 0, valueLabels: [[1, '完成'], [2, '筛除（不符合条件）']] },
      value: (c) => (c.response.status === 'complete' ? 1 : 2),
    },
    unitColumn('township', '乡镇（街道）', cases, (g) => [g.townshipCode, g.townshipName]),
    unitColumn('village', '村（社区）', cases, (g) => [g.villageCode, g.villageName]),
    unitColumn('grid', '网格', cases, (g) => [g.gridCode, g.gridName]),
    { variable: { name: 'grid_code', label: '网格编码', kind: 'text' }, value: (c) => c.grid.gridCode },
    { variable: { name: 'population', label: '网格人口N_h', kind: 'number', decimals: 0 }, value: (c) => c.grid.population },
    {
      variable: {
        name: 'g', label: '权重g（网格人口/网格完成份数）', kind: 'number', decimals: 6,
        note: 'g = N_h / n_h：N_h 为网格人口，n_h 为该网格本轮完成的答卷数；筛除的答卷无权重',
      },
      value: (c) => (c.response.status === 'complete' ? c.grid.weight : null),
    },
    {
      variable: { name: 'channel', label: '渠道', kind: 'number', decimals: 0, valueLabels: CHANNELS.map((ch, i) => [i + 1, RESPONSE_CHANNEL_LABELS[ch]] as const) },
      value: (c) => {
        const at = CHANNELS.indexOf(c.response.channel as ResponseChannel);
        return at < 0 ? null : at + 1;
      },
    },
    {
      variable: { name: 'interviewer', label: '访员（化名编号）', kind: 'number', decimals: 0, note: '电话访问和纸质录入的录入人员，以本轮内的编号代替姓名；群众自填为空' },
      value: (c) => c.response.interviewer,
    },
    { variable: { name: 'started', label: '开始时间（北京时间）', kind: 'datetime' }, value: (c) => beijingMinute(c.response.startedAt) },
    { variable: { name: 'submitted', label: '提交时间（北京时间）', kind: 'datetime' }, value: (c) => beijingMinute(c.response.createdAt) },
  ];
}

function choiceColumns(q: SurveyQuestion, title: string): Column[] {
  const name = safeName(q.id);
  const chosen = (list: RawAnswer[] | undefined) => (list ?? []).flatMap((a) => (a.optionCode === null ? [] : [a.optionCode]));
  const columns: Column[] = [];
  if (q.type === 'multiple') {
    for (const o of q.options) {
      columns.push({
        variable: { name: safeName(`${q.id}_${o.code}`), label: `${title}：${o.label}`, kind: 'number', decimals: 0, valueLabels: [[0, '未选'], [1, '选中']] },
        value: (_c, by) => (by.has(q.id) ? (chosen(by.get(q.id)).includes(o.code) ? 1 : 0) : null),
      });
    }
  } else {
    const codes = optionCodes(q);
    const missing = q.options.filter((o) => o.excluded).map((o) => codes.get(o.code) ?? 0);
    columns.push({
      variable: { name, label: title, kind: 'number', decimals: 0, valueLabels: q.options.map((o) => [codes.get(o.code) ?? 0, o.label] as const), missing },
      value: (_c, by) => {
        const code = chosen(by.get(q.id))[0];
        return code === undefined ? null : codes.get(code) ?? null;
      },
    });
    if (isScored(q)) {
      const scores = new Map(q.options.map((o) => [o.code, o.score ?? null]));
      columns.push({
        variable: { name: safeName(`${q.id}_score`), label: `${title}（得分0–100）`, kind: 'number', decimals: 2, note: '选项得分；不清楚等非实质回答为缺失' },
        value: (_c, by) => {
          const code = chosen(by.get(q.id))[0];
          return code === undefined ? null : scores.get(code) ?? null;
        },
      });
    }
  }
  if (q.options.some((o) => o.other)) {
    columns.push({
      variable: { name: safeName(`${q.id}_other`), label: `${title}：其他（说明）`, kind: 'text' },
      value: (_c, by) => (by.get(q.id) ?? []).flatMap((a) => (a.optionCode !== null && a.textValue ? [maskPersonalData(a.textValue)] : [])).join('\n'),
    });
  }
  return columns;
}

function questionColumns(survey: Survey): Column[] {
  const numbers = questionNumbers(survey);
  return allQuestions(survey).flatMap((q) => {
    const title = `第${numbers.get(q.id) ?? q.id}题 ${questionShortName(survey, q.id)}`;
    if (q.type !== 'text') return choiceColumns(q, title);
    return [{
      variable: { name: safeName(q.id), label: title, kind: 'text', note: '文字回答；其中的电话、身份证号已遮蔽' } satisfies DataVariable,
      value: (_c: DataCase, by: Map<string, RawAnswer[]>) => (by.get(q.id) ?? []).map((a) => maskPersonalData(a.textValue ?? '')).join('\n'),
    }];
  });
}

/** The data set of `cases` (ordered as given) for a questionnaire; `rounds` names the months of a data set of
 * several (its `round` variable's labels). */
export function buildDataSet(survey: Survey, label: string, cases: readonly DataCase[], rounds?: readonly string[]): DataSet {
  const roundColumn: Column[] = rounds
    ? [{ variable: { name: 'round', label: '月份（轮次）', kind: 'number', decimals: 0, valueLabels: rounds.map((r, i) => [i + 1, r] as const) }, value: (c) => c.round ?? null }]
    : [];
  const columns = [...roundColumn, ...caseColumns(cases), ...questionColumns(survey)];
  const names = new Set<string>();
  for (const c of columns) {
    // Two ids that clean to the same name would make an unreadable file: the later one is numbered.
    let name = c.variable.name;
    for (let k = 2; names.has(name.toLowerCase()); k++) name = `${c.variable.name.slice(0, 28)}_${k}`;
    names.add(name.toLowerCase());
    c.variable.name = name;
  }
  const rows = cases.map((c) => {
    const byQuestion = new Map<string, RawAnswer[]>();
    for (const a of c.answers) {
      let list = byQuestion.get(a.questionId);
      if (!list) byQuestion.set(a.questionId, (list = []));
      list.push(a);
    }
    return columns.map((col) => col.value(c, byQuestion));
  });
  return { label, variables: columns.map((c) => c.variable), rows, weight: 'g' };
}
