// The half-year summary (半年一小结) as files: XLSX and CSV of every unit's half-year score, SE, interval, rank and rank
// range, trend with its SE and verdict, and each month's score and interviews. Same lookup and scope as the summary
// page (bulletin-load.ts), formatted from the same content (outputs/tables/summary-tables.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toCsv } from '../../../core/tables/csv.js';
import { SummaryQuery } from '../schemas.js';
import { RoundNotFound } from '../../../web/errors.js';
import { staffUser } from '../../../web/staff/context.js';
import { attachment } from '../../../web/attachment.js';
import { summaryTable } from '../../../outputs/tables/summary-tables.js';
import { buildOffLoop } from '../../../platform/build-pool.js';
import { csvTable } from '../../../outputs/tables/result-tables.js';
import { loadSummary } from './bulletin-load.js';

const summaryExportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const loaded = async (request: Parameters<typeof staffUser>[0] & { query: SummaryQuery }) => {
    const found = await loadSummary(app, staffUser(request), request.query);
    if (!found) throw new RoundNotFound('月度民调（尚无已结束的月度轮次）');
    return found;
  };

  app.get('/summary.xlsx', { schema: { querystring: SummaryQuery, hide: true } }, async (request, reply) => {
    const { content, view } = await loaded(request);
    return attachment(reply, `${view.title}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await buildOffLoop({ kind: 'summary-xlsx', content }));
  });

  app.get('/summary.csv', { schema: { querystring: SummaryQuery, hide: true } }, async (request, reply) => {
    const { content, view } = await loaded(request);
    return attachment(reply, `${view.title}.csv`, 'text/csv; charset=utf-8').send(toCsv(csvTable(summaryTable(content))));
  });
};

export default summaryExportRoutes;
