// The JSON API (mounted at /api): the same path as the resident form for other systems — a grid's
// questionnaire (public), submitting a response (an API token or staff session covering the grid), the list of
// rounds (drafts to staff only). Schemas live in ../schemas/api.ts and feed OpenAPI; credentials: plugins/api-auth.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SurveyQuestion } from '../../../core/survey/model.js';
import { answersFromJson } from '../../../core/survey/json-answers.js';
import type { Round } from '../../../core/rounds/round.js';
import { listsRound } from '../../accounts/core/api-token.js';
import type { Repos } from '../../../platform/repos.js';
import { residentContext, submissionContext } from '../../resident-form/context.js';
import { hasBrokenEncoding } from '../../../web/encoding.js';
import { refusalError } from '../../../web/refusals.js';
import { AlreadyAnswered, BadEncoding, InviteInvalid } from '../../../web/errors.js';
import {
  CREDENTIAL_OPTIONAL, CREDENTIAL_REQUIRED, CredentialReplies, ErrorReply, GridCodeParams, InvalidAnswersReply,
  NewResponseBody, NO_CREDENTIAL, QuestionnaireReply, ResponseCreated, RoundList, RoundParams, type RoundSummary,
} from '../api-schemas.js';
import { versionOfRound } from '../../surveys/surveys-service.js';

function roundSummary(repos: Repos, round: Round): RoundSummary {
  const version = versionOfRound(repos, round);
  return {
    code: round.code,
    period: round.period,
    kind: round.kind,
    state: round.state,
    survey: { key: round.surveyKey, version: version.version, title: version.survey.title },
  };
}

/** Only what a respondent-facing client needs: scores and flags stay on the server. */
function questionJson(q: SurveyQuestion) {
  return {
    id: q.id,
    text: q.text,
    type: q.type,
    required: q.required,
    options: q.options.map((o) => ({ code: o.code, label: o.label })),
    section: q.section,
    hint: q.hint,
    maxLength: q.maxLength,
    maxChoices: q.maxChoices,
    showIf: q.showIf,
  };
}

const apiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rounds',
    {
      onRequest: app.acceptApiCredential,
      schema: {
        tags: ['rounds'],
        summary: '列出民调轮次（未开始的轮次仅对登录的工作人员列出）',
        security: CREDENTIAL_OPTIONAL,
        response: { 200: RoundList, 401: CredentialReplies[401] },
      },
    },
    async (request) => ({
      rounds: app.repos.rounds
        .list()
        .filter((r) => listsRound(request.apiPrincipal, r, app.repos.units))
        .map((r) => roundSummary(app.repos, r)),
    }),
  );

  app.get(
    '/grids/:gridCode/questionnaire',
    {
      schema: {
        tags: ['questionnaires'],
        summary: '某网格当前正在进行的民调及其问卷（公开，无需令牌）',
        security: NO_CREDENTIAL,
        params: GridCodeParams,
        response: { 200: QuestionnaireReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const ctx = residentContext(app.repos, request.params.gridCode);
      const survey = ctx.version.survey;
      return {
        round: roundSummary(app.repos, ctx.round),
        grid: { code: ctx.grid.code, name: ctx.grid.name },
        questionnaire: {
          intro: survey.intro,
          screenOutMessage: survey.screenOutMessage,
          thankYou: survey.thankYou,
          screening: survey.screening.map(questionJson),
          questions: survey.questions.map(questionJson),
        },
      };
    },
  );

  submitResponseRoute(app);
};

/** POST /rounds/:round/responses: the body translated for the submission service, its outcome into a reply. */
function submitResponseRoute(app: Parameters<FastifyPluginAsyncTypebox>[0]): void {
  app.post(
    '/rounds/:round/responses',
    {
      bodyLimit: 64 * 1024,
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      // No credential, no look at the body; a grid outside the credential's scope stores nothing.
      onRequest: app.requireApiCredential,
      preHandler: async (request) => app.assertApiUnitScope(request, request.body.grid),
      schema: {
        tags: ['responses'],
        summary: '提交一份答卷（与居民网页表单同样校验；需要范围包含该网格的令牌或登录会话）',
        security: CREDENTIAL_REQUIRED,
        params: RoundParams,
        body: NewResponseBody,
        response: {
          201: ResponseCreated,
          400: ErrorReply,
          ...CredentialReplies,
          404: ErrorReply,
          409: ErrorReply,
          410: ErrorReply,
          413: ErrorReply,
          422: InvalidAnswersReply,
        },
      },
    },
    async (request, reply) => {
      if (hasBrokenEncoding(request.body)) throw new BadEncoding();
      const ctx = submissionContext(app.repos, request.params.round, request.body.grid);
      const survey = ctx.version.survey;
      const parsed = answersFromJson(survey, request.body.answers);
      const outcome = await app.submissions.submit({
        round: ctx.round,
        gridId: ctx.grid.id,
        survey,
        channel: 'web',
        answers: parsed.answers,
        readErrors: parsed.errors,
        submissionKey: request.body.submissionKey ?? null,
      });
      switch (outcome.kind) {
        case 'invalid':
          return reply.code(422).send({ statusCode: 422 as const, message: '答卷有误，请按各题说明修改后重新提交', errors: outcome.errors });
        case 'refused':
          throw refusalError(outcome.refusal);
        case 'duplicate':
          if (outcome.duplicate === 'invite') throw new InviteInvalid();
          throw new AlreadyAnswered();
        case 'stored':
          return reply.code(201).send({ id: outcome.id, status: outcome.status });
      }
    },
  );
}

export default apiRoutes;
