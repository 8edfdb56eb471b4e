// Answers as the resident form printed them, for the staff pages where a person judges a questionnaire (the review
// queue, call-backs): "第 3 题 安全感：比较安全" instead of "Q1=B". One numbering everywhere: the number printed on
// the form (numbering.ts) and the question's short name (short-names.ts).
import { allQuestions, type Answers, type Survey, type SurveyQuestion } from './model.js';
import { questionNumbers } from './numbering.js';
import { questionShortName } from './short-names.js';

/** "第 13 题 平安建设知晓": how a person names a question. */
export function questionLabel(survey: Survey, q: SurveyQuestion): string {
  return `第 ${questionNumbers(survey).get(q.id) ?? q.id} 题 ${questionShortName(survey, q.id)}`;
}

export interface PrintedAnswer {
  question: string;
  /** The chosen options' labels (with what was written for 其他), or the text as typed. */
  answer: string;
}

/** The answers in the order of the form; an answer to a question the questionnaire no longer has keeps its id. */
export function printedAnswers(survey: Survey, answers: Answers): PrintedAnswer[] {
  const known = allQuestions(survey).filter((q) => answers[q.id] !== undefined);
  const unknown = Object.keys(answers).filter((id) => !known.some((q) => q.id === id));
  return [
    ...known.map((q) => ({ question: questionLabel(survey, q), answer: answerText(q, answers[q.id]) })),
    ...unknown.map((id) => ({ question: id, answer: answerText(undefined, answers[id]) })),
  ];
}

function answerText(q: SurveyQuestion | undefined, value: Answers[string] | undefined): string {
  if (!value) return '';
  if (value.kind === 'text') return `“${value.text}”`;
  const labels = value.codes.map((code) => q?.options.find((o) => o.code === code)?.label ?? code);
  return labels.join('、') + (value.other === undefined ? '' : `（${value.other}）`);
}
