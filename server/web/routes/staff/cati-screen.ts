// The call screen's view-model: the held number as it may be shown, the opening script (开场白) and the questionnaire
// through the resident form's model (server/web/resident/form-model.ts), so a phone interview asks exactly what the
// resident form asks, with the same screening and conditions.
import type { FastifyInstance } from 'fastify';
import type { Round } from '../../../domain/rounds/round.js';
import type { Answers } from '../../../domain/survey/model.js';
import type { AnswerError } from '../../../domain/survey/answers.js';
import type { HeldCall } from '../../../storage/cati-repo.js';
import type { ResidentContext } from '../../resident/context.js';
import { CALL_OUTCOMES, OUTCOME_LABELS } from '../../../domain/cati/outcomes.js';
import { CONTACT_STATUS_LABELS } from '../../../domain/roster/contact.js';
import { formView, periodLabel } from '../../resident/form-model.js';

export interface ScreenState {
  answers: Answers;
  errors: AnswerError[];
  revealed: string[];
  /** The number in clear: only in the reply to the reveal. */
  number?: string;
  /** A message about the outcome form (an appointment in the past). */
  message?: string;
}

/** The grid, its place and the round's questionnaire, as the resident form model wants them. */
export function contextOf(app: FastifyInstance, round: Round, call: HeldCall): ResidentContext {
  const grid = app.repos.units.getById(call.gridId);
  const version = app.repos.surveys.getVersion(round.surveyVersionId);
  if (!grid || !version) throw new Error(`call ${call.contactId}: grid or questionnaire of round ${round.code} missing`);
  const place = app.repos.units.ancestors(grid.id).filter((u) => u.level !== 'district');
  return { grid, place, round, version };
}

/**
 * The opening script: who is calling and why (the grid and the round's period), then the questionnaire's own
 * opening statement (`intro`, surveys/README.md), which every questionnaire must have.
 */
export function openingScript(ctx: ResidentContext): string[] {
  const where = [...ctx.place.map((u) => u.name), ctx.grid.name].join('');
  return [
    `您好！我是${where}的工作人员，我们正在开展${periodLabel(ctx.round.period)}平安建设群众安全感和满意度调查，想耽误您几分钟时间。`,
    ctx.version.survey.intro,
  ];
}

/** The outcome buttons besides 完成 (which submits the questionnaire), with keys 1–9 and 0 for the keyboard. */
function outcomeButtons() {
  return CALL_OUTCOMES.filter((o) => o !== 'complete').map((o, i) => ({ value: o, label: OUTCOME_LABELS[o], key: String((i + 1) % 10) }));
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
    script: openingScript(ctx),
    action: base,
    revealAction: `${base}/reveal`,
    outcomes: outcomeButtons(),
  };
}
