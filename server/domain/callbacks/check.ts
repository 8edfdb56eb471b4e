// A call-back (真实度回访): who may make it, which questions are asked again, whether the answers match, and the
// per-interviewer report of confirmed and matched interviews for the committee.
import type { Answers, Survey, SurveyQuestion } from '../survey/model.js';

export const SELF_CALLBACK_MESSAGE = '不能回访本人完成的访问：真实度回访须由其他工作人员进行';
export const CALLBACK_QUESTION_COUNT = 3;

/** Null when this staff member may call the interview back; else why not (the interviewer themselves may not). */
export function callbackRefusal(checkerId: number, interviewerId: number | null): string | null {
  return interviewerId !== null && interviewerId === checkerId ? SELF_CALLBACK_MESSAGE : null;
}

/** Scored single-choice questions without a condition: asked of everyone, and a resident remembers the answer. */
function isSubstantive(q: SurveyQuestion): boolean {
  return q.type === 'single' && !q.showIf && q.options.some((o) => o.score !== undefined);
}

/** The configured questions that exist in the questionnaire, else its first substantive ones. */
export function callbackQuestions(survey: Survey, configured: readonly string[] | null): SurveyQuestion[] {
  const chosen = (configured ?? [])
    .map((id) => survey.questions.find((q) => q.id === id))
    .filter((q): q is SurveyQuestion => q !== undefined);
  if (chosen.length > 0) return chosen;
  return survey.questions.filter(isSubstantive).slice(0, CALLBACK_QUESTION_COUNT);
}

/**
 * Question ids typed as a list ("Q1, Q8 Q12"): null for an empty list (the default questions), else the ids, or the
 * Chinese reason why not (an unknown id, a question that is not a single choice, more than five).
 */
export function parseCallbackQuestions(survey: Survey, typed: string): { ids: string[] | null } | { error: string } {
  const ids = [...new Set(typed.split(/[\s,，、;；]+/).map((x) => x.trim()).filter((x) => x !== ''))];
  if (ids.length === 0) return { ids: null };
  if (ids.length > 5) return { error: '回访题目最多 5 道' };
  for (const id of ids) {
    const q = survey.questions.find((x) => x.id.toUpperCase() === id.toUpperCase());
    if (!q) return { error: `问卷中没有题号 ${id}` };
    if (q.type !== 'single') return { error: `${q.id} 不是单选题，回访时不便复核` };
  }
  return { ids: ids.map((id) => survey.questions.find((x) => x.id.toUpperCase() === id.toUpperCase())?.id ?? id) };
}

function codesOf(answers: Answers, id: string): string {
  const a = answers[id];
  return a && a.kind === 'choice' ? [...a.codes].sort().join(',') : '';
}

/** The re-asked answers match when every question asked gets the code stored with the interview. */
export function answersMatch(questions: readonly SurveyQuestion[], stored: Answers, asked: Answers): boolean {
  return questions.every((q) => codesOf(stored, q.id) === codesOf(asked, q.id));
}

export interface CallbackRecord {
  interviewerId: number | null;
  confirmed: boolean;
  /** Null when the interview was not confirmed. */
  matched: boolean | null;
}

export interface CallbackTally {
  drawn: number;
  checked: number;
  confirmed: number;
  /** Confirmed interviews whose answers matched. */
  matched: number;
  /** checked − (confirmed and matched): not confirmed, or answers differing. */
  mismatches: number;
  confirmedRate: number | null;
  matchedRate: number | null;
}

export function tallyCallbacks(drawn: number, records: readonly CallbackRecord[]): CallbackTally {
  const checked = records.length;
  const confirmed = records.filter((r) => r.confirmed).length;
  const matched = records.filter((r) => r.confirmed && r.matched === true).length;
  return {
    drawn,
    checked,
    confirmed,
    matched,
    mismatches: checked - matched,
    confirmedRate: checked === 0 ? null : confirmed / checked,
    // Of the confirmed interviews: an unconfirmed one had no answers to compare.
    matchedRate: confirmed === 0 ? null : matched / confirmed,
  };
}

export interface InterviewerCallbacks extends CallbackTally {
  interviewerId: number | null;
}

/** One tally per interviewer with drawn interviews, in interviewer order. */
export function callbackReport(
  drawnByInterviewer: ReadonlyMap<number | null, number>,
  records: readonly CallbackRecord[],
): InterviewerCallbacks[] {
  const ids = new Set<number | null>([...drawnByInterviewer.keys(), ...records.map((r) => r.interviewerId)]);
  return [...ids]
    .sort((a, b) => (a ?? -1) - (b ?? -1))
    .map((id) => ({
      interviewerId: id,
      ...tallyCallbacks(drawnByInterviewer.get(id) ?? 0, records.filter((r) => r.interviewerId === id)),
    }));
}
