// The monthly bulletin (一月一通报) of a round for one unit, and the half-year summary (半年一小结). Registered inside
// the authenticated staff scope; the export files from ./bulletin-exports.ts (XLSX, CSV) and
// features/results/routes/exports.ts (raw responses).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RoundParams } from '../../../web/staff/schemas.js';
import { BulletinQuery, SummaryQuery } from '../schemas.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';
import { bulletinForecast } from '../bulletin-service.js';
import { loadBulletin, loadSummary } from './bulletin-load.js';
import exportRoutes from '../../results/routes/exports.js';
import bulletinExportRoutes from './bulletin-exports.js';
import docxRoutes from './bulletin-docx.js';
import { noticeLinks } from '../../documents/routes/document-mark.js';
import rankingImageRoutes from './ranking-image.js';
import summaryExportRoutes from './summary-exports.js';

const bulletinRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(bulletinExportRoutes);
  await app.register(exportRoutes);
  await app.register(docxRoutes);
  await app.register(rankingImageRoutes);
  await app.register(summaryExportRoutes);

  app.get('/rounds/:code/bulletin', { schema: { params: RoundParams, querystring: BulletinQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const { round, unit, view } = await loadBulletin(app, user, request.params.code, request.query.unit);
    const notice = noticeLinks(app, user, { round, unitCode: unit.code, kind: 'bulletin' });
    const forecast = bulletinForecast(app.repos, user, round, unit);
    return reply.view('bulletin/round', { ...view, user, notice, forecast }, STAFF_LAYOUT);
  });

  app.get('/summary', { schema: { querystring: SummaryQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const loaded = await loadSummary(app, user, request.query);
    if (!loaded) return reply.view('bulletin/summary-none', { title: '半年小结', nav: 'bulletins', user }, STAFF_LAYOUT);
    const notice = noticeLinks(app, user, { round: loaded.end, unitCode: loaded.unit.code, kind: 'summary' });
    return reply.view('bulletin/summary', { ...loaded.view, user, notice }, STAFF_LAYOUT);
  });
};

export default bulletinRoutes;
