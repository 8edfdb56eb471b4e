// Short names (简称) of questions and indices, for the places where a full question text does not fit: the weak-items
// table, the opening paragraph, charts. Optional in the questionnaire file (`shortName: 涉黑涉恶`); without one a
// question takes the name of the item or rate index built on it alone, and failing that its own text.
import type { Survey, SurveyIndex, SurveyQuestion } from './model.js';

/** The longest short name a file may give: it has to fit a table cell and a sentence. */
export const SHORT_NAME_MAX = 12;

/** A problem with a `shortName` value, or null when it is absent or fine. */
export function shortNameProblem(value: unknown): string | null {
  if (value === undefined) return null;
  if (typeof value !== 'string' || value.trim() === '') return '"shortName" must be a non-empty text';
  if ([...value.trim()].length > SHORT_NAME_MAX) return `"shortName" must be at most ${SHORT_NAME_MAX} characters`;
  return null;
}

/** An index's short name: its own, else its name. */
export function indexShortName(ix: SurveyIndex): string {
  return ix.shortName ?? ix.name;
}

const byQuestion = new WeakMap<Survey, Map<string, string>>();

function indexNameOf(survey: Survey, q: SurveyQuestion): string | undefined {
  const own = survey.indices.find((ix) => ix.kind !== 'mean' && ix.question === q.id);
  return own ? indexShortName(own) : undefined;
}

/** A question's short name: its own, else its single-question index's, else its text. Unknown ids give the id. */
export function questionShortName(survey: Survey, questionId: string): string {
  let names = byQuestion.get(survey);
  if (!names) {
    names = new Map();
    for (const q of [...survey.screening, ...survey.questions]) names.set(q.id, q.shortName ?? indexNameOf(survey, q) ?? q.text);
    byQuestion.set(survey, names);
  }
  return names.get(questionId) ?? questionId;
}
