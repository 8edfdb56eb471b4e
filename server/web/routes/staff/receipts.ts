// Receipts (回执单) of the user's scope, newest first. Read-only for now: assigning and answering come later.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { roundTouchesScope } from '../../../domain/auth/scope.js';
import { RECEIPT_STATE_LABELS, type Receipt, type ReceiptSource } from '../../../domain/receipts/receipt.js';
import type { Round } from '../../../domain/rounds/round.js';
import { maskPersonalData } from '../../../domain/privacy/personal-data.js';
import { ReceiptsQuery } from '../../schemas/staff.js';
import { STAFF_LAYOUT, roundGridsInScope, roundInScope, staffUser } from './context.js';

const PAGE_SIZE = 50;

const SOURCE_NAMES: Record<ReceiptSource, string> = { suggestion: '群众意见建议', follow_up: '不满意回访', staff: '工作人员登记' };

function newestFirst(a: Receipt, b: Receipt): number {
  return a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1;
}

const receiptRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/receipts', { schema: { querystring: ReceiptsQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    // Grid names and scope checks come from the in-memory tree: one lookup per row, no query per ancestor or grid.
    const tree = app.repos.units.tree();
    const selected = request.query.round ? roundInScope(app, user, request.query.round) : undefined;
    const rounds: Round[] = selected ? [selected] : app.repos.rounds.list().filter((r) => roundTouchesScope(user, r.unitIds, tree));
    const roundCodes = new Map(rounds.map((r) => [r.id, r.code]));
    const all = rounds.flatMap((r) => app.repos.receipts.listForRound(r.id, roundGridsInScope(app, user, r))).sort(newestFirst);

    const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
    const page = Math.min(request.query.page ?? 1, pages);
    const gridOf = (id: number) => {
      const unit = tree.byId(id);
      return { code: unit?.code ?? '', name: unit?.name ?? String(id) };
    };
    const rows = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((r) => ({
      // Bodies are masked when stored; rows from before that are masked here, so no list shows a number in clear.
      receipt: { ...r, body: maskPersonalData(r.body) },
      grid: gridOf(r.gridId),
      roundCode: roundCodes.get(r.roundId) ?? '',
      sourceName: SOURCE_NAMES[r.source],
      stateName: RECEIPT_STATE_LABELS[r.state],
    }));
    const query = (p: number) => `/receipts?${selected ? `round=${encodeURIComponent(selected.code)}&` : ''}page=${p}`;
    return reply.view(
      'staff/receipts',
      {
        title: '回执单',
        nav: 'receipts',
        selected,
        rounds: rounds.map((r) => ({ code: r.code, period: r.period })),
        rows,
        total: all.length,
        page,
        pages,
        prev: page > 1 ? query(page - 1) : undefined,
        next: page < pages ? query(page + 1) : undefined,
      },
      STAFF_LAYOUT,
    );
  });
};

export default receiptRoutes;
