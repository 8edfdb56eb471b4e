// GET /api/rounds/:round/results?unit=CODE — a unit's results and its direct children's, the same numbers as the
// bulletin, exports and CLI (all read getRoundResults). Aggregates only, never a response or a person, and only
// within the caller's scope: an API token or a staff session that covers the unit (plugins/api-auth.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { resultsReply } from '../results-reply.js';
import { resultsReady } from '../results-ready.js';
import { RoundNotFound, UnitNotFound, UnitNotInRound } from '../../../web/errors.js';
import { CREDENTIAL_REQUIRED, CredentialReplies, ErrorReply } from '../../responses/api-schemas.js';
import { ResultsParams, ResultsQuery, RoundResultsReply } from '../schemas.js';
import { eagerSerializer } from '../../../web/eager-serializer.js';

const resultsApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rounds/:round/results',
    {
      // An open round's results come from its latest computation (refreshed off the event loop, see
      // features/results/live-results.ts); the limit still keeps other systems from polling it in a loop.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      onRequest: app.requireApiCredential,
      // Without `unit` the reply is the round's top unit: the credential must then cover the whole round.
      preHandler: async (request) => {
        if (request.query.unit === undefined) app.assertApiRoundScope(request, request.params.round);
        else app.assertApiUnitScope(request, request.query.unit);
      },
      serializerCompiler: eagerSerializer,
      schema: {
        tags: ['results'],
        summary: '某轮民调某单位及其直属下级单位的结果（综合得分、各指标、排名与变化；需要范围包含该单位的令牌或登录会话）',
        security: CREDENTIAL_REQUIRED,
        params: ResultsParams,
        querystring: ResultsQuery,
        response: { 200: RoundResultsReply, 400: ErrorReply, ...CredentialReplies, 404: ErrorReply },
      },
    },
    async (request) => {
      const round = app.repos.rounds.getByCode(request.params.round);
      if (!round) throw new RoundNotFound(request.params.round);
      const code = request.query.unit;
      await resultsReady(app.repos, round);
      const reply = resultsReply(app.repos, round, code);
      if (reply === 'round-empty') throw new UnitNotInRound(round.code);
      if (reply === 'unit-unknown') throw new UnitNotFound(code ?? '');
      if (reply === 'unit-outside') throw new UnitNotInRound(code ?? '');
      return reply;
    },
  );
};

export default resultsApiRoutes;
