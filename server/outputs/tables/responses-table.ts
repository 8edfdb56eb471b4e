// The raw response export for analysts: one row per response, for every question its option codes and labels (text
// answers as text), with the codes of the respondent's grid, village and township (names repeat: every town has a
// 东风村), the grid's population N_h and the post-stratification weight g, so the bulletin's numbers can be recomputed
// in R (postStratify on the grid) or Excel. Nothing that identifies a person: no phone number, no device hash, no contact;
// submission times only to the minute (a millisecond stamp can be matched to a server log or a person seen typing), and
// phone and ID-card numbers typed into free text masked.
import type { Survey, SurveyQuestion } from '../../core/survey/model.js';
import type { Cell } from '../../core/tables/csv.js';
import { channelLabel, RESPONSE_STATUS_LABELS } from '../../core/survey/response.js';
import { maskPersonalData } from '../../core/privacy/personal-data.js';
import { chinaMinute, readInstant } from '../../core/time/china-time.js';

/** "2026-03-05 14:07" (Beijing time, like every time staff read; the header says so) for a stored ISO time; an
 * unreadable value gives an empty cell. */
export function submissionMinute(iso: string): string {
  const d = readInstant(iso);
  return d ? chinaMinute(d) : '';
}

export interface RawResponse {
  id: number;
  status: 'complete' | 'screened_out';
  channel: string;
  createdAt: string;
}

export interface RawAnswer {
  questionId: string;
  optionCode: string | null;
  textValue: string | null;
}

export interface GridContext {
  gridCode: string;
  gridName: string;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
  /** Resident population N_h; null when unknown. */
  population: number | null;
  /** g = N_h / n_h for the exported unit (1 when it uses equal weights); null when the grid has no completed response. */
  weight: number | null;
}


function hasOther(q: SurveyQuestion): boolean {
  return q.options.some((o) => o.other === true);
}

function questionsOf(survey: Survey): SurveyQuestion[] {
  return [...survey.screening, ...survey.questions];
}

export function responsesHeader(survey: Survey): string[] {
  const header = [
    '答卷编号', '状态', '网格编码', '网格', '村（社区）编码', '村（社区）', '乡镇（街道）编码', '乡镇（街道）', '网格人口N_h', '权重g', '渠道', '提交时间（北京时间，精确到分）',
  ];
  for (const q of questionsOf(survey)) {
    if (q.type === 'text') header.push(`${q.id}_文字`);
    else header.push(`${q.id}_代码`, `${q.id}_选项`, ...(hasOther(q) ? [`${q.id}_其他说明`] : []));
  }
  return header;
}

/** One CSV row per response; `answers` are the response's own answer rows. Multiple choices are joined with ";". */
export function responseRow(survey: Survey, grid: GridContext, response: RawResponse, answers: readonly RawAnswer[]): Cell[] {
  const byQuestion = new Map<string, RawAnswer[]>();
  for (const a of answers) {
    let list = byQuestion.get(a.questionId);
    if (!list) byQuestion.set(a.questionId, (list = []));
    list.push(a);
  }
  const row: Cell[] = [
    response.id,
    RESPONSE_STATUS_LABELS[response.status],
    grid.gridCode,
    grid.gridName,
    grid.villageCode,
    grid.villageName,
    grid.townshipCode,
    grid.townshipName,
    grid.population,
    response.status === 'complete' ? grid.weight : null,
    channelLabel(response.channel),
    submissionMinute(response.createdAt),
  ];
  for (const q of questionsOf(survey)) {
    const list = byQuestion.get(q.id) ?? [];
    if (q.type === 'text') {
      row.push(list.map((a) => maskPersonalData(a.textValue ?? '')).join('\n'));
      continue;
    }
    const codes = list.flatMap((a) => (a.optionCode === null ? [] : [a.optionCode]));
    row.push(codes.join(';'), codes.map((c) => q.options.find((o) => o.code === c)?.label ?? c).join('；'));
    // The 其他 text is stored on its option's row (already masked there; masked again as every text here).
    if (hasOther(q)) row.push(list.flatMap((a) => (a.optionCode !== null && a.textValue ? [maskPersonalData(a.textValue)] : [])).join('\n'));
  }
  return row;
}
