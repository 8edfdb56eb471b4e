// GET /api/rounds/:round/results?unit=CODE — a unit's results and its direct children's, the same numbers as the
// bulletin, exports and CLI (all read getRoundResults). Public like the rest of /api: aggregates only, never a
// response or a person.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { resultsReply } from '../../services/results-reply.js';
import { RoundNotFound, UnitNotFound, UnitNotInRound } from '../errors.js';
import { ErrorReply } from '../schemas/api.js';
import { ResultsParams, ResultsQuery, RoundResultsReply } from '../schemas/results-api.js';

const resultsApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/rounds/:round/results',
    {
      // Results of an open round are recomputed on every call: keep other systems from hammering it.
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['results'],
        summary: '某轮民调某单位及其直属下级单位的结果（综合得分、各指标、排名与变化）',
        params: ResultsParams,
        querystring: ResultsQuery,
        response: { 200: RoundResultsReply, 400: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const round = app.repos.rounds.getByCode(request.params.round);
      if (!round) throw new RoundNotFound(request.params.round);
      const code = request.query.unit;
      const reply = resultsReply(app.repos, round, code);
      if (reply === 'round-empty') throw new UnitNotInRound(round.code);
      if (reply === 'unit-unknown') throw new UnitNotFound(code ?? '');
      if (reply === 'unit-outside') throw new UnitNotInRound(code ?? '');
      return reply;
    },
  );
};

export default resultsApiRoutes;
