// Paper entry on the web (纸质录入): staff key paper questionnaires of the grids in their scope, typing option codes,
// through the one submission path (features/responses/submissions.ts, channel paper) with its checks — screening, conditional
// questions, required answers. The staff member who keyed a questionnaire is stored as the response's interviewer_id:
// a paper questionnaire is filled in by the resident, so the keyer is the one staff member answerable for it and the
// column has no other meaning on a paper response (call-backs draw phone interviews only). Each entry is audit-logged.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Round } from '../../../core/rounds/round.js';
import { allQuestions, type Survey } from '../../../core/survey/model.js';
import { questionNumbers } from '../../../core/survey/numbering.js';
import { answersFromKeyedCodes } from '../core/keyed-answers.js';
import { RESPONSE_STATUS_LABELS } from '../../../core/survey/response.js';
import { newSubmissionKey } from '../../resident-form/device.js';
import { ResponseNotFound } from '../../../web/errors.js';
import { RoundParams } from '../../../web/staff/schemas.js';
import { PaperBody, PaperQuery, ResponseParams } from '../../rounds/fieldwork-schemas.js';
import { STAFF_LAYOUT, roundInScope, staffUser } from '../../../web/staff/context.js';
import { paperGrids, paperPage, type PaperFormState } from './paper-form.js';
import { interviewAnswers, storedResponse } from '../../rounds/fieldwork-service.js';
import { ofRound } from '../../surveys/surveys-service.js';

const CHANNEL = 'paper';
/** The page's one-time key (random, see newSubmissionKey): a resent form stores nothing twice. Staff forms are
 * authenticated and carry the anti-forgery token, so the key needs no signature, only a sane shape. */
const KEY_SHAPE = /^[A-Za-z0-9_-]{16,100}$/;

function blankState(app: FastifyInstance, round: Round, gridCode: string): PaperFormState {
  const refusal = app.submissions.refusal(round, CHANNEL);
  return { gridCode, typed: {}, errors: [], submissionKey: newSubmissionKey(), refusal: refusal?.message ?? null, notice: null };
}

function typedFields(body: PaperBody): Record<string, string> {
  const typed: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (k.startsWith('q_') && typeof v === 'string') typed[k] = v;
  return typed;
}

interface Posted {
  user: StaffUser;
  round: Round;
  survey: Survey;
  body: PaperBody;
}

function render(app: FastifyInstance, reply: FastifyReply, p: Posted, state: PaperFormState, status = 200) {
  return reply.code(status).view('staff/paper', paperPage(app, p.user, p.round, p.survey, state), STAFF_LAYOUT);
}

/** Checks the grid, reads the codes and submits; answers with the page showing the result or the errors. */
async function receivePaper(app: FastifyInstance, reply: FastifyReply, p: Posted) {
  const gridCode = (p.body.grid ?? '').trim();
  const typed = typedFields(p.body);
  const posted = p.body.submission_key;
  const key = posted !== undefined && KEY_SHAPE.test(posted) ? posted : newSubmissionKey();
  const state: PaperFormState = { gridCode, typed, errors: [], submissionKey: key, refusal: null, notice: null };
  const refusal = app.submissions.refusal(p.round, CHANNEL);
  if (refusal) {
    app.repos.audit.record(p.user.id, 'paper.refused', { round: p.round.code, grid: gridCode, reason: refusal.reason });
    return render(app, reply, p, { ...state, refusal: refusal.message }, refusal.reason === 'channel_off' ? 403 : 409);
  }
  const grid = paperGrids(app, p.user, p.round).find((g) => g.code === gridCode);
  if (!grid) {
    const errors = [{ questionId: 'grid', message: gridCode === '' ? '请选择网格' : `该网格不在您可录入的范围内：${gridCode}` }];
    return render(app, reply, p, { ...state, errors }, 422);
  }
  const keyed = answersFromKeyedCodes(p.survey, typed);
  const outcome = await app.submissions.submit({
    round: p.round, gridId: grid.id, survey: p.survey, channel: CHANNEL, answers: keyed.answers,
    readErrors: keyed.errors, submissionKey: key, interviewerId: p.user.id,
  });
  switch (outcome.kind) {
    case 'invalid':
      return render(app, reply, p, { ...state, errors: outcome.errors }, 422);
    case 'refused':
      return render(app, reply, p, { ...state, refusal: outcome.refusal.message }, 409);
    case 'duplicate':
      return render(app, reply, p, { ...blankState(app, p.round, gridCode), notice: '这份问卷已经录入过（重复提交），未再次保存' }, 409);
    case 'stored':
      app.repos.audit.record(p.user.id, 'paper.entry', { round: p.round.code, grid: grid.code, response: outcome.id, status: outcome.status });
      return render(app, reply, p, {
        ...blankState(app, p.round, gridCode),
        notice: `已保存第 ${outcome.id} 号问卷（${grid.name}，${RESPONSE_STATUS_LABELS[outcome.status]}），可继续录入下一份`,
      });
  }
}

const paperRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/paper', { schema: { params: RoundParams, querystring: PaperQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const p = { user, round, survey: ofRound(app.repos, round), body: {} };
    return render(app, reply, p, blankState(app, round, request.query.grid ?? ''));
  });

  app.post('/rounds/:code/paper', { schema: { params: RoundParams, body: PaperBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    return receivePaper(app, reply, { user, round, survey: ofRound(app.repos, round), body: request.body });
  });

  app.get('/rounds/:code/paper/:id', { schema: { params: ResponseParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const response = storedResponse(app.repos, request.params.id);
    // Only one's own keyed questionnaires of this round: another keyer's entries are not listed, so not shown.
    if (!response || response.roundId !== round.id || response.channel !== CHANNEL || response.interviewerId !== user.id) {
      throw new ResponseNotFound(String(request.params.id));
    }
    const survey = ofRound(app.repos, round);
    const answers = interviewAnswers(app.repos, response.id);
    const numbers = questionNumbers(survey);
    const rows = allQuestions(survey).map((q) => {
      const a = answers[q.id];
      const value = !a ? '' : a.kind === 'text' ? a.text : a.codes.map((c) => `${c} ${q.options.find((o) => o.code === c)?.label ?? ''}`).join('；');
      return { number: numbers.get(q.id) ?? q.id, text: q.text, value };
    });
    const grid = app.repos.units.getById(response.gridId);
    return reply.view('staff/paper-entry', { title: `纸质问卷 第 ${response.id} 号`, nav: 'rounds', round, response, grid, rows }, STAFF_LAYOUT);
  });
};

export default paperRoutes;
