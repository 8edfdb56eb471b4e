// The codebook of a data set: every variable with its label, values and missing codes; how the weight, each index and
// the composite are computed; and the round's counts. One model, shown as a printable page and written as XLSX, so an
// analyst holding any of the SPSS, Stata or R files can read what each number means.
import ExcelJS from 'exceljs';
import type { Survey } from '../../core/survey/model.js';
import { questionShortName } from '../../core/survey/short-names.js';
import { RESPONSE_CHANNEL_LABELS, type ResponseChannel } from '../../core/survey/response.js';
import type { DataSet } from './data-set.js';

export interface CodebookVariable {
  name: string;
  label: string;
  type: string;
  values: string;
  missing: string;
  note: string;
}

export interface Codebook {
  title: string;
  variables: CodebookVariable[];
  methods: Array<{ name: string; text: string }>;
  counts: Array<{ name: string; value: number }>;
}

const TYPES = { number: '数值', text: '文字', datetime: '日期时间（北京时间，精确到分）' } as const;

function indexText(survey: Survey, id: string): string {
  const ix = survey.indices.find((x) => x.id === id);
  if (!ix) return id;
  const named = (q: string) => `${q}（${questionShortName(survey, q)}）`;
  if (ix.kind === 'item') return `${named(ix.question)}的加权平均得分（变量 ${ix.question}_score，不清楚等不计入分母）`;
  if (ix.kind === 'mean') return `${ix.questions.map(named).join('、')}各题加权平均得分的平均`;
  return `${named(ix.question)}中回答 ${ix.options.join('、')} 的加权比例（不清楚等不计入分母），以百分制计入综合得分`;
}

/** The codebook of `data`, made from the questionnaire `survey`. */
export function codebookOf(survey: Survey, data: DataSet): Codebook {
  const variables = data.variables.map((v) => ({
    name: v.name,
    label: v.label,
    type: TYPES[v.kind],
    values: (v.valueLabels ?? []).map(([code, label]) => `${code} = ${label}`).join('；'),
    missing: (v.missing ?? []).join('、'),
    note: v.note ?? '',
  }));
  const weights = Object.entries(survey.composite.weights).map(([id, a]) => `${a} × ${survey.indices.find((x) => x.id === id)?.name ?? id}`);
  const methods = [
    { name: '权重 g', text: '网格 h 的每位完成答卷的受访者权重 g = N_h / n_h（N_h 为网格人口，n_h 为该网格本轮完成的答卷数），即按网格人口事后分层；单位内任一网格人口未知时，每位受访者权重为 1。' },
    ...survey.indices.map((ix) => ({ name: `指数：${ix.name}`, text: indexText(survey, ix.id) })),
    { name: `综合得分：${survey.composite.name}`, text: `${weights.join(' + ')}；各指数均为按权重 g 计算的加权平均（比例以百分制计）。` },
    { name: '缺失值', text: '98 起的代码为非实质回答（不清楚、说不清等），在 SPSS 中定义为用户缺失值，在 Stata 中记为 .a、.b……；未作答或未出现的题为系统缺失。' },
  ];
  const countOf = (pick: (row: DataSet['rows'][number]) => boolean) => data.rows.filter(pick).length;
  const col = (name: string) => data.variables.findIndex((v) => v.name === name);
  const status = col('status');
  const channel = col('channel');
  const channels = Object.keys(RESPONSE_CHANNEL_LABELS) as ResponseChannel[];
  const counts = [
    { name: '答卷总数', value: data.rows.length },
    { name: '完成', value: countOf((r) => r[status] === 1) },
    { name: '筛除（不符合条件）', value: countOf((r) => r[status] === 2) },
    ...channels.map((ch, i) => ({ name: `渠道：${RESPONSE_CHANNEL_LABELS[ch]}`, value: countOf((r) => r[channel] === i + 1) })).filter((c) => c.value > 0),
  ];
  return { title: `${data.label} 码本`, variables, methods, counts };
}

/** The codebook as an XLSX workbook: 变量, 计算方法, 样本数 sheets. */
export async function codebookWorkbook(book: Codebook): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SafePoll 平安民调';
  const sheet = (name: string, columns: Array<[string, number]>, rows: Array<Array<string | number>>) => {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map(([header, width]) => ({ header, width }));
    for (const r of rows) ws.addRow(r);
    ws.getRow(1).font = { bold: true };
  };
  sheet('变量', [['变量名', 16], ['标签', 36], ['类型', 12], ['取值与标签', 60], ['缺失值代码', 12], ['说明', 40]],
    book.variables.map((v) => [v.name, v.label, v.type, v.values, v.missing, v.note]));
  sheet('计算方法', [['项目', 28], ['计算方法', 100]], book.methods.map((m) => [m.name, m.text]));
  sheet('样本数', [['项目', 24], ['份数', 10]], book.counts.map((c) => [c.name, c.value]));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
