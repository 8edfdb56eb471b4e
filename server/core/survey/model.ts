// The questionnaire model: what a file in surveys/ declares once it has been parsed and validated.
// Pure types; validation lives in validate.ts, loading from disk in load.ts.

export type QuestionType = 'single' | 'multiple' | 'yesno' | 'text';

export interface SurveyOption {
  code: string;
  label: string;
  /** 0–100 for substantive answers of scored questions; absent on unscored questions and on excluded options. */
  score?: number;
  /** Non-substantive answer (不清楚/不了解/说不清): counted in the don't-know share, never in a denominator. */
  excluded?: boolean;
  /** A dissatisfied answer: opens a receipt (回执单) for follow-up. */
  followUp?: boolean;
  /** Screening: choosing this option ends the interview politely (not eligible). */
  screenOut?: boolean;
  /** Knowledge (应知应会) questions: the correct answer(s). */
  correct?: boolean;
  /** 其他（请注明）: choosing it opens a short text box for what the other answer is (see other-text.ts). */
  other?: boolean;
}

/** Show a question only when an earlier single/multiple/yesno answer contains one of these codes. */
export interface ShowIf {
  question: string;
  anyOf: string[];
}

export interface SurveyQuestion {
  id: string;
  text: string;
  type: QuestionType;
  /** Defaults to true for choice questions and false for text questions. */
  required: boolean;
  options: SurveyOption[];
  showIf?: ShowIf;
  /** Short hint under the question (e.g. 可多选). */
  hint?: string;
  /** Text questions: maximum length in characters. */
  maxLength?: number;
  /** Multiple choice: maximum number of options a respondent may pick. */
  maxChoices?: number;
  /** Text questions: a non-empty answer opens a receipt (the resident's suggestion or complaint). */
  receipt?: boolean;
  /** A knowledge (应知应会) question: options flagged `correct` define the right answer. */
  knowledge?: boolean;
  /** Section heading shown before this question (optional). */
  section?: string;
  /** A short name for tables and sentences (e.g. 涉黑涉恶); see short-names.ts for the default. */
  shortName?: string;
}

/** `shortName`: for tables and sentences; defaults to `name` (short-names.ts). */
export type SurveyIndex = { shortName?: string } & (
  | { id: string; name: string; kind: 'item'; question: string }
  | { id: string; name: string; kind: 'rate'; question: string; options: string[] }
  | { id: string; name: string; kind: 'mean'; questions: string[] }
);

export interface SurveyComposite {
  name: string;
  /** Index id → weight; weights sum to 1. */
  weights: Record<string, number>;
}

export interface Survey {
  /** Stable identifier of the questionnaire across versions (the file's `id`). */
  id: string;
  title: string;
  /** The title residents see (the internal `title` may say 模拟民调 or name a method); defaults to `title`. */
  publicTitle?: string;
  /** Opening statement read to / shown to the resident. */
  intro: string;
  /** Shown when a screening answer ends the interview. */
  screenOutMessage: string;
  /** Shown after a completed response. */
  thankYou: string;
  /** Where the questionnaire's style comes from, e.g. 湖南 100 分制 (informational). */
  style?: string;
  screening: SurveyQuestion[];
  questions: SurveyQuestion[];
  indices: SurveyIndex[];
  composite: SurveyComposite;
}

/** A stored questionnaire version: the survey plus its identity in the database. */
export interface SurveyVersion {
  /** Database id of this version. */
  versionId: number;
  version: number;
  survey: Survey;
  contentHash: string;
}

/** Answers as collected: question id → option codes (choice questions) or text. */
/** `other`: what the resident wrote for a chosen 其他（请注明） option. */
export type AnswerValue = { kind: 'choice'; codes: string[]; other?: string } | { kind: 'text'; text: string };
export type Answers = Record<string, AnswerValue>;

export function allQuestions(survey: Survey): SurveyQuestion[] {
  return [...survey.screening, ...survey.questions];
}

/**
 * Questions by id, built once per questionnaire: every submitted field and every stored answer is looked up here.
 * A questionnaire version never changes once loaded (a change is a new version), so the index never goes stale.
 */
const questionsById = new WeakMap<Survey, Map<string, SurveyQuestion>>();

export function findQuestion(survey: Survey, id: string): SurveyQuestion | undefined {
  let byId = questionsById.get(survey);
  if (!byId) {
    byId = new Map();
    for (const q of allQuestions(survey)) if (!byId.has(q.id)) byId.set(q.id, q);
    questionsById.set(survey, byId);
  }
  return byId.get(id);
}
