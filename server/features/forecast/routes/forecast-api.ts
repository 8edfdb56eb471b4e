// GET /api/forecast and GET /api/rounds/:round/forecast — the forecast of the official poll as JSON (the latest, or as
// it stood when a closed round closed), with a "what would it take" plan for ?target=score&score=92 or
// ?target=rank&rank=3 (&p=80). The forecast is about the whole district, so the credential must cover every unit of
// every round it rests on, the rule the results API applies to a round's top unit (plugins/api-auth.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { forecastOffLoop } from '../../results/live-results.js';
import { BadRequest, Conflict, RoundNotFound } from '../../../web/errors.js';
import { CREDENTIAL_REQUIRED, CredentialReplies, ErrorReply } from '../../responses/api-schemas.js';
import { ForecastQuery, ForecastReply, ForecastRoundParams } from '../schemas.js';

const forecastApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /**
   * The answer computed in the results worker (forecast-page.ts says why); then 403 unless the credential covers the
   * rounds the forecast rests on (the whole tree when there are none), before any refusal of the target is told.
   */
  async function reply(request: FastifyRequest, query: ForecastQuery, roundCode: string | null): Promise<ForecastReply> {
    const found = await forecastOffLoop(app.repos, { view: 'api', query, roundCode });
    if (found.view !== 'api') throw new Error('the forecast worker answered another question');
    const { scopeRounds, reply: answer, refusal } = found.answer;
    if (scopeRounds) for (const code of scopeRounds) app.assertApiRoundScope(request, code);
    else for (const root of app.repos.units.roots()) app.assertApiUnitScope(request, root.code);
    if (refusal !== null || answer === null) throw new BadRequest(refusal ?? '无法预测');
    return answer;
  }

  const schema = {
    tags: ['forecast'],
    security: CREDENTIAL_REQUIRED,
    querystring: ForecastQuery,
    response: { 200: ForecastReply, 400: ErrorReply, ...CredentialReplies, 404: ErrorReply, 409: ErrorReply },
  };
  // A plan re-draws the official poll many times: the limit keeps other systems from asking for one in a loop.
  const config = { rateLimit: { max: 30, timeWindow: '1 minute' } };

  app.get(
    '/forecast',
    { config, onRequest: app.requireApiCredential, schema: { ...schema, summary: '正式民调预测（依据最近已结束的月度模拟民调；需覆盖全区的令牌或登录会话）' } },
    async (request) => reply(request, request.query, null),
  );

  app.get(
    '/rounds/:round/forecast',
    {
      config,
      onRequest: app.requireApiCredential,
      preHandler: async (request) => app.assertApiRoundScope(request, request.params.round),
      schema: { ...schema, params: ForecastRoundParams, summary: '某轮结束时的正式民调预测（用于回测）' },
    },
    async (request) => {
      const round = app.repos.rounds.getByCode(request.params.round);
      if (!round) throw new RoundNotFound(request.params.round);
      if (round.state !== 'closed') throw new Conflict('该轮次尚未结束，正式民调预测只用已结束的轮次');
      return reply(request, request.query, round.code);
    },
  );
};

export default forecastApiRoutes;
