// The ranking image for work groups (排名晾晒): a level's ranking from a bulletin, drawn on the server as a PNG a
// phone shows at full width. Registered by bulletin.ts inside the staff scope, with the bulletin's own access rule:
// whoever may open the unit's bulletin may download its picture, and nobody else.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { bulletinFor } from '../bulletin-service.js';
import { issuingBodyOf } from '../../documents/documents-service.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import { RANKING_IMAGE_WIDTH } from '../../../outputs/charts/ranking-image.js';
import { rankedTableOf, rankingImageSvg } from '../view-models/bulletin-charts.js';
import { RoundParams, UnitCode } from '../../../web/staff/schemas.js';
import { BadRequest } from '../../../web/errors.js';
import { buildOffLoop } from '../../../platform/build-pool.js';
import { staffUser } from '../../../web/staff/context.js';
import { bulletinSubject } from './bulletin-load.js';
import { ownTurn } from '../../../platform/loop-turns.js';

const RankingImageQuery = Type.Object({
  unit: Type.Optional(UnitCode),
  level: Type.Optional(Type.Union([Type.Literal('township'), Type.Literal('village'), Type.Literal('grid')])),
});

const rankingImageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/ranking.png', { schema: { params: RoundParams, querystring: RankingImageQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const { round, unit } = await bulletinSubject(app, user, request.params.code, request.query.unit);
    await ownTurn();
    const content = bulletinFor(app.repos, round, unit);
    const table = rankedTableOf(content, request.query.level);
    if (!table || table.rows.length === 0) {
      const what = request.query.level ? `“${LEVEL_LABELS[request.query.level]}”这一层级的排名` : '可排名的下级单位';
      throw new BadRequest(`${unit.name}之下没有${what}`);
    }
    // Drawn in the build worker: the font subset, resvg's parse and the collection of its large buffers held the event
    // loop 45–55 ms here even with the drawing on libuv's pool (bench/event-loop.ts, 2026-12-07).
    const svg = rankingImageSvg(content, table, issuingBodyOf(app.repos, unit.unitId));
    const png = await buildOffLoop({ kind: 'png', svg, widthPx: RANKING_IMAGE_WIDTH });
    const filename = `${round.code}-${unit.code}-${table.level}-排名.png`;
    return reply
      .type('image/png')
      .header('content-disposition', `inline; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .header('cache-control', 'private, no-store')
      .send(png);
  });
};

export default rankingImageRoutes;
