// One simulated resident answering any questionnaire. The model is deliberately simple but behaves like the real
// polls: each person has a latent satisfaction around their grid's level; each scored answer is the option whose
// score is near that latent value (with per-person and per-question noise); some people say 不了解/说不清, more
// often about the procuratorate, the courts and judicial administration, which most residents never deal with;
// a few are screened out; the conditional questions are answered when they are shown; knowledge questions are right
// more often where awareness is high; and a few residents leave a suggestion.
// Nothing depends on question ids: only on question types, option scores and flags, and a few words of the text.
import { checkAnswers } from '../../core/survey/answers.js';
import type { Answers, Survey, SurveyOption, SurveyQuestion } from '../../core/survey/model.js';
import { clamp01, type Rng } from '../../core/stats/rng.js';
import { RESIDENT_SUGGESTIONS } from './suggestions.js';

export interface RespondentContext {
  /** The grid's latent satisfaction this month, 0–1 (0.85 gives scores around 85). */
  level: number;
  /** How well residents know the campaigns (知晓率, 应知应会), 0–1. Defaults to a value that rises with `level`. */
  awareness?: number;
  /** Question id → shift of the latent level for this unit's residents (its weak or strong items). */
  itemShifts?: Readonly<Record<string, number>>;
  /** Share of people reached who are not eligible (screened out). Default 0.05. */
  screenOutRate?: number;
  /**
   * Every scored question answered at its best option, no 说不清: an interview filled in by the interviewer rather
   * than asked (the demo's fabricating interviewer, server/demo/simulate/modes.ts).
   */
  allBest?: boolean;
}

export interface SimulatedRespondent {
  status: 'complete' | 'screened_out';
  /** Cleaned by checkAnswers: exactly what a web submission of these answers would store. */
  answers: Answers;
}

/** The simulator produced answers the questionnaire rejects: a bug in the simulator or an unusual questionnaire. */
export class SimulationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationError';
  }
}

const DEFAULT_SCREEN_OUT = 0.05;
/** Spread of a person's latent level around the grid's, and of one answer around the person's. */
const PERSON_SD = 0.1;
const ITEM_SD = 0.08;
/** Width of the option-choice kernel on the 0–1 score scale. */
const CHOICE_WIDTH = 0.13;
/** Base don't-know rates: ordinary items, institutions residents rarely meet, disputes many never had. */
const DONT_KNOW_BASE = 0.06;
const DONT_KNOW_REMOTE_INSTITUTION = 0.17;
const DONT_KNOW_DISPUTE = 0.18;
const SKIP_OPTIONAL = 0.1;

const REMOTE_INSTITUTION = /检察|法院|审判|司法行政|司法所/;
const DISPUTE = /纠纷/;
const PARTICIPATION = /参加|参与/;
const DONT_KNOW_LABEL = /不知道|不清楚|说不清|不了解/;
const OTHER_LABEL = /^其他/;

function isSubstantive(o: SurveyOption): boolean {
  return !o.excluded && !o.screenOut;
}

function scored(question: SurveyQuestion): SurveyOption[] {
  return question.options.filter((o) => isSubstantive(o) && typeof o.score === 'number');
}

function dontKnowRate(question: SurveyQuestion): number {
  if (REMOTE_INSTITUTION.test(question.text)) return DONT_KNOW_REMOTE_INSTITUTION;
  if (DISPUTE.test(question.text)) return DONT_KNOW_DISPUTE;
  return DONT_KNOW_BASE;
}

function excludedOption(question: SurveyQuestion): SurveyOption | undefined {
  return question.options.find((o) => o.excluded);
}

function isShown(question: SurveyQuestion, answers: Answers): boolean {
  if (!question.showIf) return true;
  const a = answers[question.showIf.question];
  return a !== undefined && a.kind === 'choice' && a.codes.some((c) => question.showIf?.anyOf.includes(c));
}

interface Person {
  latent: number;
  awareness: number;
  /** Multiplies the don't-know rates: some people say 说不清 much more readily than others. */
  dontKnowFactor: number;
  unhappy: boolean;
}

/** The option whose score lies near the latent value x (0–1): a Gaussian kernel over the options' scores. */
function pickByScore(options: SurveyOption[], x: number, rng: Rng): SurveyOption {
  const weights = options.map((o) => {
    const d = (o.score ?? 0) / 100 - x;
    return Math.exp(-(d * d) / (2 * CHOICE_WIDTH * CHOICE_WIDTH)) + 1e-6;
  });
  return rng.weighted(options, weights);
}

function answerScale(question: SurveyQuestion, options: SurveyOption[], person: Person, ctx: RespondentContext, rng: Rng): string {
  if (ctx.allBest) return options.reduce((a, b) => ((b.score ?? 0) > (a.score ?? 0) ? b : a)).code;
  const dk = excludedOption(question);
  if (dk && rng.chance(dontKnowRate(question) * person.dontKnowFactor)) return dk.code;
  if (options.length === 2 && question.type === 'yesno') {
    // Yes/no items with a score are awareness or participation rates, not satisfaction.
    const [best, worst] = [...options].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
    const p = PARTICIPATION.test(question.text) ? person.awareness * 0.55 : person.awareness;
    return rng.chance(p) ? best.code : worst.code;
  }
  const shift = ctx.itemShifts?.[question.id] ?? 0;
  return pickByScore(options, clamp01(person.latent + shift + rng.normal(0, ITEM_SD)), rng).code;
}

function answerKnowledge(question: SurveyQuestion, person: Person, rng: Rng): string[] {
  const correct = question.options.filter((o) => o.correct);
  const wrong = question.options.filter((o) => !o.correct && !o.screenOut);
  if (correct.length > 0 && (wrong.length === 0 || rng.chance(clamp01(0.3 + 0.65 * person.awareness)))) {
    return question.type === 'multiple' ? correct.map((o) => o.code) : [rng.choice(correct).code];
  }
  const weights = wrong.map((o) => (o.excluded || DONT_KNOW_LABEL.test(o.label) ? 2 : 1));
  return [rng.weighted(wrong, weights).code];
}

function answerMultiple(question: SurveyQuestion, person: Person, rng: Rng): string[] {
  const dk = excludedOption(question);
  const substantive = question.options.filter(isSubstantive);
  if (dk && (substantive.length === 0 || rng.chance(DONT_KNOW_BASE * person.dontKnowFactor))) return [dk.code];
  // Residents name one to three things; rarely more, whatever the list allows.
  const max = Math.min(question.maxChoices ?? substantive.length, substantive.length, 3);
  const k = Math.min(max, 1 + rng.poisson(0.7));
  // Earlier options are the common ones in these lists; 其他 is picked rarely.
  const chosen: string[] = [];
  const pool = [...substantive];
  const weights = pool.map((o, i) => (OTHER_LABEL.test(o.label) ? 0.3 : 1 / (1 + 0.15 * i)));
  while (chosen.length < k && pool.length > 0) {
    const o = rng.weighted(pool, weights);
    const at = pool.indexOf(o);
    pool.splice(at, 1);
    weights.splice(at, 1);
    chosen.push(o.code);
  }
  return chosen;
}

function answerUnscored(question: SurveyQuestion, person: Person, rng: Rng): string {
  const dk = excludedOption(question);
  const substantive = question.options.filter(isSubstantive);
  if (dk && (substantive.length === 0 || rng.chance(DONT_KNOW_BASE * person.dontKnowFactor))) return dk.code;
  return rng.choice(substantive.length > 0 ? substantive : question.options).code;
}

function answerText(question: SurveyQuestion, person: Person, rng: Rng): string | undefined {
  // About one resident in eight writes something, the dissatisfied more often.
  const p = 0.06 + 0.25 * (1 - person.latent) + (person.unhappy ? 0.12 : 0);
  if (!question.required && !rng.chance(p)) return undefined;
  const text = rng.choice(RESIDENT_SUGGESTIONS);
  return [...text].slice(0, question.maxLength ?? 500).join('');
}

/** Screening in order: each question takes its share of the overall screen-out rate. */
function answerScreening(survey: Survey, answers: Answers, rate: number, rng: Rng): boolean {
  const perQuestion = survey.screening.length > 0 ? 1 - Math.pow(1 - rate, 1 / survey.screening.length) : 0;
  for (const question of survey.screening) {
    const out = question.options.filter((o) => o.screenOut);
    const stay = question.options.filter((o) => !o.screenOut);
    if (out.length > 0 && (stay.length === 0 || rng.chance(perQuestion))) {
      answers[question.id] = { kind: 'choice', codes: [rng.choice(out).code] };
      return true;
    }
    if (stay.length > 0) answers[question.id] = { kind: 'choice', codes: [stay[0].code] };
  }
  return false;
}

function answerQuestion(question: SurveyQuestion, person: Person, ctx: RespondentContext, rng: Rng): Answers[string] | undefined {
  if (question.type === 'text') {
    const text = answerText(question, person, rng);
    return text === undefined ? undefined : { kind: 'text', text };
  }
  if (!question.required && rng.chance(SKIP_OPTIONAL)) return undefined;
  if (question.knowledge) return { kind: 'choice', codes: answerKnowledge(question, person, rng) };
  if (question.type === 'multiple') return { kind: 'choice', codes: answerMultiple(question, person, rng) };
  const options = scored(question);
  if (options.length >= 2) return { kind: 'choice', codes: [answerScale(question, options, person, ctx, rng)] };
  return { kind: 'choice', codes: [answerUnscored(question, person, rng)] };
}

function isFollowUp(question: SurveyQuestion, value: Answers[string] | undefined): boolean {
  return value?.kind === 'choice' && value.codes.some((c) => question.options.find((o) => o.code === c)?.followUp === true);
}

/** One respondent's answers, valid for the questionnaire (checked with the same rules as a web submission). */
export function simulateRespondent(survey: Survey, ctx: RespondentContext, rng: Rng): SimulatedRespondent {
  const answers: Answers = {};
  if (answerScreening(survey, answers, ctx.screenOutRate ?? DEFAULT_SCREEN_OUT, rng)) {
    return finish(survey, answers, 'screened_out');
  }
  const latent = clamp01(ctx.level + rng.normal(0, PERSON_SD));
  const awareness = clamp01((ctx.awareness ?? clamp01(0.35 + 0.6 * ctx.level)) + rng.normal(0, 0.05));
  const person: Person = { latent, awareness, dontKnowFactor: Math.exp(rng.normal(0, 0.4)), unhappy: false };
  for (const question of survey.questions) {
    if (!isShown(question, answers)) continue;
    const value = answerQuestion(question, person, ctx, rng);
    if (value === undefined) continue;
    answers[question.id] = value;
    if (isFollowUp(question, value)) person.unhappy = true;
  }
  return finish(survey, answers, 'complete');
}

function finish(survey: Survey, answers: Answers, expected: SimulatedRespondent['status']): SimulatedRespondent {
  const check = checkAnswers(survey, answers);
  const status = check.screenedOut ? 'screened_out' : 'complete';
  if (check.errors.length > 0 || status !== expected) {
    const first = check.errors[0];
    throw new SimulationError(
      `问卷 ${survey.id} 的模拟答卷未通过校验：${first ? `${first.questionId} ${first.message}` : `应为 ${expected}，实为 ${status}`}`,
    );
  }
  return { status, answers: check.answers };
}
