// Answers collected elsewhere (paper keyed into Excel, another tool) as CSV: one row per response, the grid code
// first, then one column per question id. Each row is checked exactly like a web submission (checkAnswers), and
// every problem is reported with its line and question so the whole file can be fixed in one go.
import { readCsvText, type TableRow } from '../../../core/tables/table-file.js';
import { checkAnswers } from '../../../core/survey/answers.js';
import { allQuestions, type Answers, type Survey } from '../../../core/survey/model.js';

export interface ResponseCsvError {
  line: number;
  questionId?: string;
  problem: string;
}

export interface ParsedResponse {
  line: number;
  gridId: number;
  status: 'complete' | 'screened_out';
  answers: Answers;
}

/** Where a grid code leads: its id, or a Chinese problem (unknown, not a grid, not in the round). */
export type GridLookup = (code: string) => { gridId: number } | { problem: string };

const GRID_HEADERS = ['grid', 'grid_code', '网格', '网格编码'];

/** A cell into an answer: `;` between codes of a multiple choice, text as is, empty = not answered. */
function cellAnswer(survey: Survey, questionId: string, cell: string): Answers[string] | undefined {
  if (cell.trim() === '') return undefined;
  const question = allQuestions(survey).find((q) => q.id === questionId);
  if (question?.type === 'text') return { kind: 'text', text: cell };
  return { kind: 'choice', codes: cell.split(/[;；]/).map((c) => c.trim()).filter((c) => c !== '') };
}

/** What is wrong with the header: a first column other than the grid, unknown or repeated question ids. */
function headerErrors(header: string[], headerLine: number, survey: Survey): ResponseCsvError[] {
  const errors: ResponseCsvError[] = [];
  if (!GRID_HEADERS.includes(header[0]?.toLowerCase() ?? '')) {
    errors.push({ line: headerLine, problem: `第一列应为 grid（网格编码），实际是 "${header[0] ?? ''}"` });
  }
  const known = new Set(allQuestions(survey).map((q) => q.id));
  const seen = new Set<string>();
  header.slice(1).forEach((id) => {
    if (!known.has(id)) errors.push({ line: headerLine, questionId: id, problem: `问卷 ${survey.id} 中没有题目 "${id}"（未知的列）` });
    else if (seen.has(id)) errors.push({ line: headerLine, questionId: id, problem: `题目 "${id}" 的列重复` });
    seen.add(id);
  });
  return errors;
}

/**
 * One answer row checked like a web submission: the response, or undefined with every problem of the row added to
 * `errors` (a row with a bad grid still has its answers checked, so one pass reports everything).
 */
function parseResponseRow(
  { cells: record, line }: TableRow,
  header: string[],
  survey: Survey,
  gridOf: GridLookup,
  errors: ResponseCsvError[],
): ParsedResponse | undefined {
  const fail = (problem: string, questionId?: string) =>
    errors.push({ line, questionId, problem: `第 ${line} 行：${questionId ? `${questionId}：` : ''}${problem}` });
  if (record.length !== header.length) {
    fail(`应有 ${header.length} 列，实际有 ${record.length} 列`);
    return undefined;
  }
  const gridCode = record[0].trim();
  const grid = gridCode === '' ? { problem: '缺少网格编码' } : gridOf(gridCode);
  if ('problem' in grid) fail(grid.problem);
  const answers: Answers = {};
  header.slice(1).forEach((id, k) => {
    const value = cellAnswer(survey, id, record[k + 1]);
    if (value !== undefined) answers[id] = value;
  });
  const checked = checkAnswers(survey, answers);
  for (const e of checked.errors) fail(e.message, e.questionId);
  if ('gridId' in grid && checked.errors.length === 0) {
    return { line, gridId: grid.gridId, status: checked.screenedOut ? 'screened_out' : 'complete', answers: checked.answers };
  }
  return undefined;
}

export function parseResponsesCsv(text: string, survey: Survey, gridOf: GridLookup): { responses: ParsedResponse[]; errors: ResponseCsvError[] } {
  const read = readCsvText(text);
  if (!read.ok) return { responses: [], errors: [{ line: read.line, problem: read.problem }] };
  const [first, ...rest] = read.rows;
  if (!first) return { responses: [], errors: [{ line: 1, problem: '文件是空的：第一行应为表头 grid,题号,题号…' }] };

  const header = first.cells.map((h) => h.trim());
  const errors = headerErrors(header, first.line, survey);
  if (errors.length > 0) return { responses: [], errors };
  if (rest.length === 0) return { responses: [], errors: [{ line: first.line, problem: '文件只有表头，没有答卷' }] };

  const responses: ParsedResponse[] = [];
  for (const row of rest) {
    const response = parseResponseRow(row, header, survey, gridOf, errors);
    if (response) responses.push(response);
  }
  return { responses, errors };
}
