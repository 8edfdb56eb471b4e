// GET /api/forecast and GET /api/rounds/:round/forecast — the forecast of the official poll as JSON (the latest, or as
// it stood when a closed round closed), with a "what would it take" plan for ?target=score&score=92 or
// ?target=rank&rank=3 (&p=80). The forecast is about the whole district, so the credential must cover every unit of
// every round it rests on, the rule the results API applies to a round's top unit (plugins/api-auth.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { checkTarget } from '../core/target.js';
import { computeForecast, type ForecastState } from '../forecast.js';
import { DEFAULT_WANTED, defaultTarget, forecastPlan, targetProblem } from '../forecast-plan.js';
import { forecastReplyOf } from '../view-models/forecast.js';
import { BadRequest, Conflict, RoundNotFound } from '../../../web/errors.js';
import { CREDENTIAL_REQUIRED, CredentialReplies, ErrorReply } from '../../responses/api-schemas.js';
import { ForecastQuery, ForecastReply, ForecastRoundParams } from '../schemas.js';

const forecastApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  /** 403 unless the credential covers the rounds the forecast rests on (the whole tree when there are none). */
  function assertScope(request: FastifyRequest, state: ForecastState): void {
    if (state.ok) for (const r of state.basis.rounds) app.assertApiRoundScope(request, r.code);
    else for (const root of app.repos.units.roots()) app.assertApiUnitScope(request, root.code);
  }

  function reply(request: FastifyRequest, q: ForecastQuery, state: ForecastState): ForecastReply {
    assertScope(request, state);
    if (!state.ok) return forecastReplyOf(state, null);
    const asked = q.target || q.score || q.rank || q.p;
    if (!asked) return forecastReplyOf(state, null);
    const choice = checkTarget(q, defaultTarget(state), DEFAULT_WANTED);
    if (!choice.ok) throw new BadRequest(choice.message);
    const problem = targetProblem(state, choice.target);
    if (problem) throw new BadRequest(problem);
    return forecastReplyOf(state, forecastPlan(app.repos, state, choice.target, choice.wanted));
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
    async (request) => reply(request, request.query, computeForecast(app.repos)),
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
      return reply(request, request.query, computeForecast(app.repos, { asOf: round }));
    },
  );
};

export default forecastApiRoutes;
