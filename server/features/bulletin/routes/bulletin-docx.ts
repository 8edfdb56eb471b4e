// The bulletin and the half-year summary as Word notices (公文 .docx), beside their pages and under the same access
// rules: the round and unit are found, and the unit checked against the user's scope, exactly as the pages do.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { RoundParams } from '../../../web/staff/schemas.js';
import { BulletinQuery, SummaryQuery } from '../schemas.js';
import { RoundNotFound } from '../../../web/errors.js';
import { staffUser } from '../../../web/staff/context.js';
import { bulletinForecast } from '../bulletin-service.js';
import { loadBulletin, loadSummary } from './bulletin-load.js';
import { attachment } from '../../../web/attachment.js';
import { downloadName, previewMarkFor } from '../../documents/routes/document-mark.js';
import { chinaDate } from '../../../core/time/china-time.js';
import { buildOffLoop } from '../../../platform/build-pool.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const docxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/bulletin.docx', { schema: { params: RoundParams, querystring: BulletinQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const { round, unit, content, view } = await loadBulletin(app, user, request.params.code, request.query.unit);
    // A preview: a download takes no 文号 (docs/rules.md#issuing-notices).
    const mark = previewMarkFor(app, user, chinaDate(new Date()));
    // Packed in the build worker: the docx library's zip held the event loop 300–600 ms here (bench/event-loop.ts, 2026-12-07).
    const forecast = bulletinForecast(app.repos, user, round, unit);
    const buffer = await buildOffLoop({ kind: 'bulletin-docx', content, view, mark, forecast });
    return attachment(reply, downloadName(view.title, mark), DOCX).send(buffer);
  });

  app.get('/summary.docx', { schema: { querystring: SummaryQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const loaded = await loadSummary(app, user, request.query);
    if (!loaded) throw new RoundNotFound('月度民调（尚无已结束的月度轮次）');
    const mark = previewMarkFor(app, user, chinaDate(new Date()));
    const buffer = await buildOffLoop({ kind: 'summary-docx', view: loaded.view, level: loaded.unit.level, mark });
    return attachment(reply, downloadName(loaded.view.title, mark), DOCX).send(buffer);
  });
};

export default docxRoutes;
