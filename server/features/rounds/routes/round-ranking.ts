// The round's ranking setting: whether its villages and grids are ranked by the small-area (model) estimate or the
// direct one (docs/statistics.md#small-area-estimates). Committee and administrators, while the round is not closed;
// the change and its audit entry are one transaction.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { CsrfField, RoundParams } from '../../../web/staff/schemas.js';
import { actorOf, roundInScope, staffUser } from '../../../web/staff/context.js';
import { allow } from '../../../web/permissions.js';
import { writeTransaction } from '../../../platform/write-transaction.js';
import { Conflict } from '../../../web/errors.js';
import { RoundStateError, setRankingEstimate } from '../rounds-service.js';

export const RankingBody = Type.Object({
  _csrf: CsrfField,
  rankingEstimate: Type.Union([Type.Literal('model'), Type.Literal('direct')]),
});

export function roundRankingRoutes(app: Parameters<FastifyPluginAsyncTypebox>[0]): void {
  app.post('/rounds/:code/ranking', { schema: { params: RoundParams, body: RankingBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    allow(user, 'round.manage');
    const round = roundInScope(app, user, request.params.code);
    const to = request.body.rankingEstimate;
    try {
      writeTransaction(app.db, () => {
        if (!setRankingEstimate(app.repos, round, to)) return;
        app.repos.audit.record(user.id, 'round.ranking', { round: round.code, ranking: to }, actorOf(request).client);
      });
    } catch (err) {
      if (err instanceof RoundStateError) throw new Conflict(err.message);
      throw err;
    }
    return reply.redirect(`/rounds/${encodeURIComponent(round.code)}`, 303);
  });
}
