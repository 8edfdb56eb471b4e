// GET /api/rounds/:round/planning?level=grid|village — the sample planner's advice from a closed round
// (docs/statistics.md#sample-planner). District-wide figures: the credential must cover the whole round.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PlanningUnavailable, RoundNotFound } from '../../../web/errors.js';
import { CREDENTIAL_REQUIRED, CredentialReplies, ErrorReply } from '../../responses/api-schemas.js';
import { PlanningParams, PlanningQuery, PlanningReply } from '../schemas.js';
import { planningFor, REFUSAL_MESSAGES } from '../planning-service.js';

const planningApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rounds/:round/planning',
    {
      onRequest: app.requireApiCredential,
      preHandler: async (request) => app.assertApiRoundScope(request, request.params.round),
      schema: {
        tags: ['results'],
        summary: '抽样设计建议：依据已结束轮次的小域估计模型，给出可靠度、所需样本量与区间半宽',
        security: CREDENTIAL_REQUIRED,
        params: PlanningParams,
        querystring: PlanningQuery,
        response: { 200: PlanningReply, ...CredentialReplies, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const round = app.repos.rounds.getByCode(request.params.round);
      if (!round) throw new RoundNotFound(request.params.round);
      const advice = planningFor(app.repos, round, request.query.level ?? 'grid');
      if (typeof advice === 'string') throw new PlanningUnavailable(REFUSAL_MESSAGES[advice]);
      return advice;
    },
  );
};

export default planningApiRoutes;
