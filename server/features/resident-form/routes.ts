// The resident form (/g/:gridCode): public, no login, works with JavaScript off. Conditional questions are resolved
// on the server: a submission that opens new questions comes back with them shown, nothing stored yet. Checking,
// dedupe and storing are the submission service's (features/responses/submissions.ts); this file speaks HTML.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Answers, Survey } from '../../core/survey/model.js';
import type { SubmissionRequest } from '../responses/submissions.js';
import { refusalError } from '../../web/refusals.js';
import { answersFromForm, checkAnswers, screensOut } from '../../core/survey/answers.js';
import type { ResidentContext } from './context.js';
import { ResidentPages, sendCachedPage, type GridPages, type ResidentPage, type ServedPage } from './page-cache.js';
import { deviceOf, type Device } from './device.js';
import { isForeignPost } from './foreign-post.js';
import { CONFIRM_NOTICE, formKey, gateOf, hasAnswered } from './submission-gate.js';
import { formView, keepVisibleAnswers, questionsOnPage, unseenAnswers, type FormState } from './form-model.js';
import { parseFormBody } from '../../web/form-parser.js';
import { InviteInvalid } from '../../web/errors.js';
import { textSizeOf } from './text-size.js';
import { limitedPost, limitedState, ResidentPostLimited, RESIDENT_POST_LIMIT } from './post-limit.js';
import { missingOtherTexts } from '../../core/survey/other-text.js';
import { GridParams, ResidentFormBody, ResidentQuery, firstOf } from './schemas.js';
import type { Repos } from '../../platform/repos.js';
import { checkInvite } from '../responses/responses-service.js';
import { CODE_USED_ERROR, HOUSEHOLD_CODE_FIELD, householdInvite } from './household-code.js';
import { SetupWatch } from '../../platform/setup-watch.js';
import { offersReplyContact, readReplyContact, REPLY_CONTACT_FIELD, type ReplyContactReading } from '../../core/privacy/reply-contact.js';

const LAYOUT = { layout: 'layouts/resident' };
/** A completed form is a few KB; anything far bigger is not a resident answering. */
const FORM_BODY_LIMIT = 64 * 1024;

/** The invite behind a link or hidden field; a token that is unknown, used, or for another grid/round is a 410. */
function inviteIdOf(repos: Repos, ctx: ResidentContext, token: string | undefined): number | null {
  if (token === undefined || token === '') return null;
  const check = checkInvite(repos, token);
  if (check.status !== 'valid' || check.invite.roundId !== ctx.round.id || check.invite.gridId !== ctx.grid.id) {
    throw new InviteInvalid();
  }
  return check.invite.id;
}

function renderForm(reply: FastifyReply, ctx: ResidentContext, state: FormState, status = 200) {
  // The page's own <title> is the questionnaire's public title (formView); the layout needs nothing else.
  return reply.code(status).view('resident/form', formView(ctx, state), LAYOUT);
}

/** A round that does not collect answers through resident links neither shows the form nor takes it. */
function refuseUnlessWeb(app: FastifyInstance, ctx: ResidentContext): void {
  const refusal = app.submissions.refusal(ctx.round, 'web');
  if (refusal) throw refusalError(refusal);
}

/**
 * Questions this submission opened that the resident has not seen yet: shown before anything is stored. None once
 * the screening ended the interview (the resident is thanked, not asked more).
 */
function revealedQuestions(survey: Survey, answers: Answers, shown: ReadonlySet<string>): string[] {
  if (screensOut(survey, answers)) return [];
  return questionsOnPage(survey, answers)
    .filter((q) => !shown.has(q.id) && answers[q.id] === undefined)
    .map((q) => q.id);
}

/**
 * What the questionnaire has against these answers (none once the screening ended the interview), with the form's
 * own rule that a chosen 其他 option needs its text (other channels may store it without).
 */
function answerErrors(survey: Survey, answers: Answers) {
  const result = checkAnswers(survey, answers);
  return result.screenedOut ? [] : [...result.errors, ...missingOtherTexts(survey, result.answers)];
}

/** A page from the cache: the same bytes and headers reply.view would have sent, compressed once when cached. */
function sendPage(reply: FastifyReply, page: ServedPage, status = 200) {
  return sendCachedPage(reply, page, status);
}

function parseShown(value: string | undefined): Set<string> | undefined {
  if (value === undefined) return undefined;
  return new Set(value.split(',').map((s) => s.trim()).filter((s) => s !== ''));
}

/** Inside this plugin only: form bodies must be UTF-8 (see form-parser.ts). */
function useUtf8FormParser(app: FastifyInstance): void {
  app.removeContentTypeParser('application/x-www-form-urlencoded');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    try {
      done(null, parseFormBody(Buffer.isBuffer(body) ? body : Buffer.from(body)));
    } catch (err) {
      done(err instanceof Error ? err : new Error(String(err)), undefined);
    }
  });
}

/** A limited post gets its form back with its answers; every other error goes on to the app's error handler. */
function answerLimitedPosts(app: FastifyInstance, pages: ResidentPages): void {
  app.setErrorHandler(async (err, request, reply) => {
    const post = err instanceof ResidentPostLimited ? limitedPost(request) : undefined;
    if (!post) throw err;
    const { ctx } = pages.forGrid(post.gridCode);
    const state = limitedState(ctx.version.survey, post.body, textSizeOf(request, reply));
    return renderForm(reply, ctx, state, 429);
  });
}

const residentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const pages = new ResidentPages(app.repos, new SetupWatch(app.db), (view, data) => app.view(view, data, LAYOUT));
  // Every page here depends on the device cookie and carries a one-time key: no browser or proxy may keep one.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('cache-control', 'no-store');
    done();
  });
  useUtf8FormParser(app);
  answerLimitedPosts(app, pages);

  app.get(
    '/g/:gridCode',
    { schema: { hide: true, params: GridParams, querystring: ResidentQuery } },
    async (request, reply) => {
      const grid = pages.forGrid(request.params.gridCode);
      const { ctx } = grid;
      refuseUnlessWeb(app, ctx);
      const invite = request.query.invite;
      inviteIdOf(app.repos, ctx, invite);
      const device = deviceOf(request, reply);
      const textSize = textSizeOf(request, reply, request.query.size);
      if (hasAnswered(app, ctx, device)) return sendPage(reply, await grid.page('already', { textSize }));
      const submissionKey = formKey(app, ctx, device);
      const form = invite
        ? await grid.page('invitedForm', { submissionKey, invite, textSize })
        : await grid.page('form', { submissionKey, textSize });
      return sendPage(reply, form);
    },
  );

  app.post(
    '/g/:gridCode',
    {
      bodyLimit: FORM_BODY_LIMIT,
      config: { rateLimit: RESIDENT_POST_LIMIT },
      schema: { hide: true, params: GridParams, body: ResidentFormBody },
    },
    async (request, reply) => {
      const grid = pages.forGrid(request.params.gridCode);
      refuseUnlessWeb(app, grid.ctx);
      // Before the device is read: a post from another site gets the blank form and keeps the resident's cookie.
      if (isForeignPost(app, request)) return reply.redirect(`/g/${encodeURIComponent(request.params.gridCode)}`, 303);
      const invite = firstOf(request.body.invite);
      const inviteId = inviteIdOf(app.repos, grid.ctx, invite);
      const posted: PostedForm = {
        body: request.body,
        invite,
        inviteId,
        submissionKey: firstOf(request.body.submission_key),
        shown: firstOf(request.body.shown),
        replyContact: firstOf(request.body.reply_contact), householdCode: firstOf(request.body[HOUSEHOLD_CODE_FIELD]),
        device: deviceOf(request, reply),
        address: request.ip,
        textSize: textSizeOf(request, reply, firstOf(request.body.size)),
        switchesSize: request.body.size !== undefined,
      };
      return receiveForm(app, grid, posted, reply);
    },
  );
};

/** What a posted form carries, read off the request. */
interface PostedForm {
  body: Record<string, unknown>;
  invite: string | undefined;
  inviteId: number | null;
  submissionKey: string | undefined;
  shown: string | undefined;
  device: Device;
  /** The client address: only a keyed hash of its network is kept, with the round while it is open (features/review/network-round.ts). */
  address: string;
  /** The contact field as typed (not logged: the request logger prints no bodies). */
  replyContact: string | undefined;
  /** The household code as typed (invite-only rounds; never logged, never stored: only its keyed hash is). */
  householdCode: string | undefined;
  /** The A+ choice remembered in its cookie: "big" or "". */
  textSize: string;
  /** Sent by A+ / 标准字 rather than 提交答卷: the form comes back in the new size as typed, nothing stored. */
  switchesSize: boolean;
}

/** The contact field read only where the questionnaire offers it: a forged field on another form is ignored. */
function contactOf(survey: Survey, posted: PostedForm): ReplyContactReading {
  return offersReplyContact(survey) ? readReplyContact(posted.replyContact) : { kind: 'none' };
}

/** The thank-you page: it promises a reply only to a resident whose number was kept with a receipt. */
function thanksPage(stored: { status: string; replyKept: boolean }): ResidentPage {
  if (stored.status !== 'complete') return 'screenedOut';
  return stored.replyKept ? 'thanksReply' : 'thanks';
}

interface Reading {
  given: Answers;
  /** The answers to questions on the page for these answers. */
  answers: Answers;
  shown: ReadonlySet<string>;
  contact: ReplyContactReading;
  gateValid: boolean;
}

/** Why a posted form goes back to the resident instead of being stored, or undefined when it is to be stored. */
function sendBack(survey: Survey, r: Reading): { state: Partial<FormState>; status: number } | undefined {
  const unseen = unseenAnswers(survey, r.given, r.shown);
  if (unseen.length > 0) return { state: { errors: unseen }, status: 422 };
  const revealed = revealedQuestions(survey, r.answers, r.shown);
  if (revealed.length > 0) return { state: { revealed }, status: 200 };
  // A malformed number: everything else stays filled in, the field says what it wants (with the answers' errors).
  if (r.contact.kind === 'invalid') {
    return { state: { errors: [...answerErrors(survey, r.answers), { questionId: REPLY_CONTACT_FIELD, message: r.contact.message }] }, status: 422 };
  }
  // Not a form this server served to this device (blind, cross-site, forged, expired, or the cookie was lost):
  // nothing is stored; the form comes back filled in, with any errors, and one more tap sends it.
  if (!r.gateValid) return { state: { errors: answerErrors(survey, r.answers), notice: CONFIRM_NOTICE }, status: 422 };
  // Otherwise the submission service checks the answers (with the form's 其他 rule) and says what is wrong.
  return undefined;
}

/**
 * A posted form: shown again with the questions it opened or with its errors, or handed to the submission service
 * and answered with the thank-you page once stored.
 */
async function receiveForm(app: FastifyInstance, grid: GridPages, posted: PostedForm, reply: FastifyReply): Promise<unknown> {
  const { ctx } = grid;
  const survey = ctx.version.survey;
  const gate = gateOf(app, ctx, posted.device, posted.submissionKey);
  const submission: SubmissionRequest = {
    round: ctx.round,
    gridId: ctx.grid.id,
    survey,
    channel: 'web',
    answers: {},
    deviceHash: gate.deviceHash,
    submissionKey: gate.key,
    inviteId: posted.inviteId,
    address: posted.address,
  };
  const textSize = { textSize: posted.textSize };
  const already = async () => sendPage(reply, await grid.page('already', textSize), 409);
  // A form already stored (or a device that answered) is told so instead of being shown the form again. A key that
  // did not check out proves nothing about the form it names: only the device is asked then.
  const asked = gate.check === 'valid' ? submission : { ...submission, submissionKey: null };
  const showForm = (form: FormState, status?: number) =>
    (app.submissions.priorAnswer(asked) ? already() : renderForm(reply, ctx, form, status));

  const given = answersFromForm(survey, posted.body);
  const shown = parseShown(posted.shown) ?? new Set(questionsOnPage(survey, {}).map((q) => q.id));
  // Answers to questions hidden by a changed answer are dropped, not held against the resident.
  const answers: Answers = keepVisibleAnswers(survey, given);
  const contact = contactOf(survey, posted);
  const state: FormState = {
    answers, errors: [], revealed: [], submissionKey: submission.submissionKey ?? '', invite: posted.invite, replyContact: posted.replyContact,
    householdCode: posted.householdCode, textSize: posted.textSize,
  };
  // Everything typed comes back (the contact number too), without errors: the resident has not submitted yet.
  if (posted.switchesSize) return showForm(state);
  const back = sendBack(survey, { given, answers, shown, contact, gateValid: gate.check === 'valid' });
  if (back) return showForm({ ...state, ...back.state }, back.status);
  // An invite-only round takes the answers only with a good household code; a wrong one keeps everything typed.
  const code = householdInvite(app.repos, ctx, posted);
  if (!code.ok) return showForm({ ...state, errors: [...answerErrors(survey, answers), code.error] }, code.used ? 409 : 422);
  submission.inviteId = code.inviteId;

  const replyContact = contact.kind === 'given' ? contact.contact : null;
  const outcome = await app.submissions.submit({ ...submission, answers, replyContact, otherTextRequired: true });
  switch (outcome.kind) {
    case 'invalid':
      return showForm({ ...state, errors: outcome.errors }, 422);
    case 'refused':
      throw refusalError(outcome.refusal);
    case 'duplicate':
      if (outcome.duplicate === 'invite' && posted.inviteId === null) return showForm({ ...state, errors: [CODE_USED_ERROR] }, 409);
      if (outcome.duplicate === 'invite') throw new InviteInvalid();
      return already();
    case 'stored':
      // The writer settles only after its transaction committed (synchronous=FULL): only now is "thank you" true.
      // A response held for review (待核查) is stored too: the resident is thanked alike.
      return sendPage(reply, await grid.page(thanksPage(outcome), textSize));
  }
}

export default residentRoutes;
