// The call screen's view-model: the held number as it may be shown, the opening script (开场白) and the questionnaire
// through the resident form's model (server/features/resident-form/form-model.ts), so a phone interview asks exactly what the
// resident form asks, with the same screening and conditions.
import type { FastifyInstance } from 'fastify';
import type { Round } from '../../../core/rounds/round.js';
import type { Answers } from '../../../core/survey/model.js';
import type { AnswerError } from '../../../core/survey/answers.js';
import type { HeldCall } from '../cati-repo.js';
import type { ResidentContext } from '../../resident-form/context.js';
import { CALL_OUTCOMES, OUTCOME_LABELS, type CallOutcome } from '../core/outcomes.js';
import { CONTACT_STATUS_LABELS } from '../../../core/calls/contact.js';
import { formView } from '../../resident-form/form-model.js';
import { versionOfRound } from '../../surveys/surveys-service.js';
import { periodLabel } from '../../../core/time/period.js';

export interface ScreenState {
  answers: Answers;
  errors: AnswerError[];
  revealed: string[];
  /** The number in clear: only in the reply to the reveal. */
  number?: string;
  /** A message about the outcome form (an appointment in the past). */
  message?: string;
  /** The outcome fields as typed, kept when the page comes back (an appointment refused). */
  appointmentAt?: string;
  neverAgain?: boolean;
}

/** The grid, its place and the round's questionnaire, as the resident form model wants them. */
export function contextOf(app: FastifyInstance, round: Round, call: HeldCall): ResidentContext {
  const grid = app.repos.units.getById(call.gridId);
  const version = versionOfRound(app.repos, round);
  if (!grid) throw new Error(`call ${call.contactId}: grid of round ${round.code} missing`);
  const place = app.repos.units.ancestors(grid.id).filter((u) => u.level !== 'district');
  return { grid, place, round, version };
}

/** "东门社区第一网格": the grid's own name, with its village in front only when the name does not already start with it. */
function callerUnit(ctx: ResidentContext): string {
  const village = ctx.place.find((u) => u.level === 'village');
  return village && !ctx.grid.name.startsWith(village.name) ? `${village.name}${ctx.grid.name}` : ctx.grid.name;
}

/** A questionnaire's opening statement without its own greeting: the script has greeted the resident already. */
function withoutGreeting(text: string): string {
  return text.replace(/^\s*(您好|你好)[！!，,。.\s]*/, '');
}

/**
 * The opening script: who is calling (the grid, named once), then the questionnaire's own opening statement
 * (`intro`, surveys/README.md), which every questionnaire must have, without a second 您好.
 */
export function openingScript(ctx: ResidentContext): string[] {
  return [`您好！我是${callerUnit(ctx)}的工作人员。`, withoutGreeting(ctx.version.survey.intro)];
}

/** The order of the outcome buttons on the screen: the outcomes of most calls first. */
const SCREEN_ORDER: readonly CallOutcome[] = [
  'no_answer', 'busy', 'switched_off', 'break_off', 'invalid_number', 'suspended', 'not_eligible', 'partial',
];

/**
 * The outcome buttons besides 完成 (which submits the questionnaire), with keys 1–9 and 0 for the keyboard (fixed
 * by the outcome, whatever their place): 拒访 and 约访 apart, beside the 拒绝再访 box and the appointment time.
 */
function outcomeButtons() {
  const button = (o: CallOutcome) => ({ value: o, label: OUTCOME_LABELS[o], key: String(CALL_OUTCOMES.indexOf(o) % 10) });
  return { outcomes: SCREEN_ORDER.map(button), refusal: button('refusal'), appointment: button('appointment') };
}

function telHref(number: string): string {
  return `tel:${number.replace(/[^\d+]/g, '')}`;
}

export function callScreen(app: FastifyInstance, round: Round, call: HeldCall, state: ScreenState) {
  const ctx = contextOf(app, round, call);
  const base = `/cati/${encodeURIComponent(round.code)}/calls/${call.contactId}`;
  const form = formView(ctx, { answers: state.answers, errors: state.errors, revealed: state.revealed, submissionKey: '' });
  return {
    ...form,
    title: `电话访问 ${call.masked}`,
    nav: 'cati',
    // The page leaves room at its foot for the fixed bar of outcomes (views/public/cati.css).
    bodyClass: 'cati-call',
    round: { code: round.code, period: periodLabel(round.period) },
    call: {
      masked: call.masked,
      category: call.category,
      attempts: call.attempts,
      startedAt: call.claimedAt,
      expiresAt: call.expiresAt,
      statusLabel: CONTACT_STATUS_LABELS.active,
    },
    number: state.number,
    tel: state.number ? telHref(state.number) : undefined,
    message: state.message,
    appointmentAt: state.appointmentAt ?? '',
    neverAgain: state.neverAgain === true,
    /** The outcome panel of the bottom bar starts open when it has something to say about what was typed there. */
    outcomesOpen: state.message !== undefined,
    script: openingScript(ctx),
    action: base,
    revealAction: `${base}/reveal`,
    ...outcomeButtons(),
  };
}
