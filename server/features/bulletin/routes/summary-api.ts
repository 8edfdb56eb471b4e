// GET /api/summary?survey=…&end=…&unit=… — the half-year summary (半年一小结) of a unit as data: each unit's half-year
// score, SE, interval, rank and rank range, trend and its SE with the verdict, and every month's score and interviews.
// The same content as the summary page (bulletin-service.ts summaryFor, outputs/tables/summary-tables.ts) under the
// same credentials as the results API: an API token or a staff session whose scope covers the unit.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { SummaryQuery } from '../schemas.js';
import { RoundNotFound, UnitNotFound, UnitNotInRound } from '../../../web/errors.js';
import { CREDENTIAL_REQUIRED, CredentialReplies, ErrorReply } from '../../responses/api-schemas.js';
import { summaryFor, summarySeries } from '../bulletin-service.js';
import { summaryEndRound } from './bulletin-lookup.js';
import { topUnit } from '../../../core/results/summary.js';
import { summaryLines } from '../../../outputs/tables/summary-tables.js';
import { eagerSerializer } from '../../../web/eager-serializer.js';

const Num = Type.Union([Type.Number(), Type.Null()]);
const SummaryLineReply = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  parentName: Type.String(),
  score: Num,
  se: Num,
  lo: Num,
  hi: Num,
  rank: Num,
  rankRange: Type.Union([Type.Tuple([Type.Integer(), Type.Integer()]), Type.Null()]),
  slope: Num,
  slopeSe: Num,
  verdict: Type.String(),
  months: Type.Integer(),
  perMonth: Type.Array(Type.Object({ period: Type.String(), value: Num, n: Num })),
});
const SummaryReply = Type.Object({
  survey: Type.Object({ key: Type.String(), title: Type.String() }),
  periods: Type.Array(Type.String()),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  compositeName: Type.String(),
  monthsForRank: Type.Integer(),
  /** The unit first, then every unit of each level below it. */
  units: Type.Array(SummaryLineReply),
});

const summaryApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/summary',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      // Its unions' checks compiled at start, not in the first reply (web/eager-serializer.ts).
      serializerCompiler: eagerSerializer,
      onRequest: app.requireApiCredential,
      preHandler: async (request) => {
        if (request.query.unit !== undefined) app.assertApiUnitScope(request, request.query.unit);
      },
      schema: {
        tags: ['results'],
        summary: '半年小结：某单位及其下级单位的半年得分、标准误、区间、排名与可能名次、月均变化及判断、各月得分与样本量（需要范围包含该单位的令牌或登录会话）',
        security: CREDENTIAL_REQUIRED,
        querystring: SummaryQuery,
        response: { 200: SummaryReply, 400: ErrorReply, ...CredentialReplies, 404: ErrorReply },
      },
    },
    async (request) => {
      const { survey, end, unit: code } = request.query;
      const last = summaryEndRound(app, survey, end);
      if (!last) throw new RoundNotFound('月度民调（尚无已结束的月度轮次）');
      // Without `unit` the reply is the round's top unit: the credential must then cover the whole round.
      if (code === undefined) app.assertApiRoundScope(request, last.code);
      const series = await summarySeries(app.repos, last);
      const results = series[series.length - 1];
      const unit = code === undefined ? topUnit(results) : Object.hasOwn(results.units, code) ? results.units[code] : undefined;
      if (!unit) {
        if (code !== undefined && !app.repos.units.getByCode(code)) throw new UnitNotFound(code);
        throw new UnitNotInRound(code ?? last.code);
      }
      const content = summaryFor(app.repos, last, series, unit);
      return {
        survey: { key: last.surveyKey, title: content.surveyTitle },
        periods: content.periods,
        unit: content.unit,
        compositeName: content.composite.name,
        monthsForRank: content.monthsForRank,
        units: summaryLines(content),
      };
    },
  );
};

export default summaryApiRoutes;
