// Receipts (回执单) of the user's scope, newest first, filtered by state, unit, round, question, overdue, assignee and
// text, paged in SQL. The workflow's steps are on each receipt's page (receipt-detail.ts, receipt-actions.ts); the
// township and the committee can also hand a whole village's waiting receipts on at once from here (receipt-list.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ReceiptsQuery } from '../schemas.js';
import { renderReceiptList } from './receipt-list.js';
import receiptDetailRoutes from './receipt-detail.js';
import receiptActionRoutes from './receipt-actions.js';

const receiptRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(receiptDetailRoutes);
  await app.register(receiptActionRoutes);

  app.get('/receipts', { schema: { querystring: ReceiptsQuery, hide: true } }, async (request, reply) => renderReceiptList(app, request, reply, request.query));
};

export default receiptRoutes;
