// A call-back (真实度回访): who may make it, which questions are asked again, whether the answers match, and the
// per-interviewer report of confirmed and matched interviews for the committee.
import type { Answers, Survey, SurveyQuestion } from '../../../core/survey/model.js';
import { questionNumbers } from '../../../core/survey/numbering.js';
import { callbackVerdict, type CallbackOutcome } from './outcomes.js';

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

/** Questions a resident can answer again over the phone in one word: a single choice or a yes/no question. */
function isAskable(q: SurveyQuestion): boolean {
  return q.type === 'single' || q.type === 'yesno';
}

/** The question a typed token names: its number as printed on the resident form ("13", "3.1"), else its id ("Q13"). */
function questionOf(survey: Survey, token: string): SurveyQuestion | undefined {
  const numbers = questionNumbers(survey);
  const byNumber = survey.questions.find((q) => numbers.get(q.id) === token);
  return byNumber ?? survey.questions.find((q) => q.id.toUpperCase() === token.toUpperCase());
}

/**
 * Questions typed as a list of printed numbers or ids ("1, 8 13", "Q8"): null for an empty list (the default
 * questions), else the ids, or the Chinese reason why not (an unknown one, one that is neither a single choice nor a
 * yes/no question, more than five).
 */
export function parseCallbackQuestions(survey: Survey, typed: string): { ids: string[] | null } | { error: string } {
  const tokens = [...new Set(typed.split(/[\s,，、;；]+/).map((x) => x.trim().replace(/^第|题$/g, '')).filter((x) => x !== ''))];
  if (tokens.length === 0) return { ids: null };
  if (tokens.length > 5) return { error: '回访题目最多 5 道' };
  const numbers = questionNumbers(survey);
  const ids: string[] = [];
  for (const token of tokens) {
    const q = questionOf(survey, token);
    if (!q) return { error: `问卷中没有题号 ${token}` };
    if (!isAskable(q)) return { error: `第 ${numbers.get(q.id) ?? q.id} 题不是单选题或是非题，回访时不便复核` };
    if (!ids.includes(q.id)) ids.push(q.id);
  }
  return { ids };
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
  outcome: CallbackOutcome;
  /** Whether the re-asked answers matched; null when the interview was not confirmed. */
  matched: boolean | null;
}

export interface CallbackTally {
  drawn: number;
  /** Drawn interviews with a call-back recorded, whatever its outcome. */
  checked: number;
  confirmed: number;
  /** 核实相符: confirmed interviews whose answers matched. */
  matched: number;
  /** 核实不符: denied interviews and confirmed ones whose answers differ. */
  mismatches: number;
  /** 未能核实: no answer, refused, vacant number, someone else, not remembered — against nobody. */
  unverified: number;
  /** confirmed ÷ residents reached who said whether they were interviewed (confirmed, denied, not remembered). */
  confirmedRate: number | null;
  matchedRate: number | null;
  /** Of the interviews the call-backs could verify, the share that matched. */
  verifiedMatchRate: number | null;
}

export function tallyCallbacks(drawn: number, records: readonly CallbackRecord[]): CallbackTally {
  const checked = records.length;
  const confirmed = records.filter((r) => r.outcome === 'confirmed').length;
  // Residents reached who said whether they were interviewed: an unanswered or vacant number says nothing either way.
  const reached = records.filter((r) => r.outcome === 'confirmed' || r.outcome === 'denied' || r.outcome === 'not_remembered').length;
  const verdicts = records.map((r) => callbackVerdict(r.outcome, r.matched));
  const matched = verdicts.filter((v) => v === 'match').length;
  const mismatches = verdicts.filter((v) => v === 'mismatch').length;
  return {
    drawn,
    checked,
    confirmed,
    matched,
    mismatches,
    unverified: checked - matched - mismatches,
    confirmedRate: reached === 0 ? null : confirmed / reached,
    // Of the confirmed interviews: an unconfirmed one had no answers to compare.
    matchedRate: confirmed === 0 ? null : matched / confirmed,
    verifiedMatchRate: matched + mismatches === 0 ? null : matched / (matched + mismatches),
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
