// How a questionnaire presents itself to a resident: fixed question numbers and its size up front. Numbers depend on
// the questionnaire only, never on the answers, so a follow-up appearing does not shift any later number: a question
// shown only for some answers is numbered under the question it follows up (3.1, 3.2), the rest 1, 2, 3 …
import { allQuestions, type Survey, type SurveyQuestion } from './model.js';
import { questionShortName } from './short-names.js';

/** Question id → its number as printed ("3", "3.1"). */
export function questionNumbers(survey: Survey): Map<string, string> {
  const numbers = new Map<string, string>();
  const followUps = new Map<string, number>();
  let main = 0;
  for (const q of allQuestions(survey)) {
    const parent = q.showIf ? numbers.get(q.showIf.question) : undefined;
    if (q.showIf && parent !== undefined) {
      const k = (followUps.get(q.showIf.question) ?? 0) + 1;
      followUps.set(q.showIf.question, k);
      numbers.set(q.id, `${parent}.${k}`);
    } else numbers.set(q.id, String(++main));
  }
  return numbers;
}

/** Seconds a resident takes, roughly: a tap for a choice, a sentence or two for a text. */
const SECONDS_PER_CHOICE = 9;
const SECONDS_PER_TEXT = 30;

export interface SurveySize {
  /** Numbered questions everyone is asked (follow-ups not counted: most residents never see them). */
  questions: number;
  /** Section headings, in order. */
  sections: string[];
  /** Whole minutes, at least one. */
  minutes: number;
}

function isAskedOfEveryone(q: SurveyQuestion): boolean {
  return q.showIf === undefined;
}

export function surveySize(survey: Survey): SurveySize {
  const asked = allQuestions(survey).filter(isAskedOfEveryone);
  const seconds = asked.reduce((sum, q) => sum + (q.type === 'text' ? SECONDS_PER_TEXT : SECONDS_PER_CHOICE), 0);
  const sections = survey.questions.flatMap((q) => (q.section ? [q.section] : []));
  return { questions: asked.length, sections: [...new Set(sections)], minutes: Math.max(1, Math.round(seconds / 60)) };
}

// ── A question named for people (receipts): its printed number and short name, "第 19 题 意见建议". ──
/** "第 3.1 题 不安全原因"; an id the questionnaire does not have is shown as it is. */
export function printedQuestionLabel(survey: Survey, questionId: string): string {
  const number = questionNumbers(survey).get(questionId);
  return number === undefined ? questionId : `第 ${number} 题 ${questionShortName(survey, questionId)}`;
}
