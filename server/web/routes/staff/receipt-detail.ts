// One receipt: what the resident wrote, where it stands, who handled it and when (its history from the audit log,
// refused attempts included), and the forms of the steps the workflow allows now and the user may take.
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../domain/auth/staff.js';
import type { Receipt } from '../../../domain/receipts/receipt.js';
import { ANSWER_METHODS, ANSWER_METHOD_LABELS, DISMISS_REASONS, DISMISS_REASON_LABELS } from '../../../domain/receipts/receipt.js';
import { actionsFrom } from '../../../domain/receipts/workflow.js';
import { answerProblem, closeProblem, dismissProblem, receiptScopeProblem } from '../../../domain/receipts/permissions.js';
import { DEFAULT_DUE_DAYS } from '../../../domain/receipts/deadline.js';
import { ReceiptParams } from '../../schemas/receipts.js';
import { historyLine, receiptRow } from '../../view-models/receipts.js';
import { STAFF_LAYOUT, staffUser } from './context.js';
import { lookupsOf, receiptInScope } from './receipt-context.js';

/** Whom the receipt may be handed to: its village and grid, and the staff working there or above it, in scope. */
function assigneeChoices(app: FastifyInstance, receipt: Receipt) {
  const grid = app.repos.units.getById(receipt.gridId);
  const village = grid?.parentId == null ? undefined : app.repos.units.getById(grid.parentId);
  const units = [village, grid].filter((u) => u !== undefined).map((u) => ({ value: `unit:${u.code}`, label: `${u.name}（单位）` }));
  const staff = app.repos.users
    .list()
    .filter((u) => (u.role === 'grid' || u.role === 'township') && u.unitId !== null && app.repos.units.isWithin(receipt.gridId, u.unitId))
    .map((u) => ({ value: `user:${u.id}`, label: u.displayName, selected: u.id === receipt.assigneeId }));
  return [...staff, ...units];
}

/** The forms shown: the workflow allows the step from this state and the domain lets this user take it. */
function forms(app: FastifyInstance, user: StaffUser, receipt: Receipt) {
  const allowed = new Set(actionsFrom(receipt.state));
  const units = app.repos.units;
  const assigner = receipt.assignedBy === null ? undefined : app.repos.users.getById(receipt.assignedBy);
  return {
    assign: allowed.has('assign') && user.role !== 'grid' && receiptScopeProblem(user, receipt, units) === null,
    answer: allowed.has('answer') && answerProblem(user, receipt, units) === null,
    close: allowed.has('close') && closeProblem(user, receipt, assigner, units) === null,
    dismiss: allowed.has('dismiss') && dismissProblem(user, receipt, units) === null,
  };
}

const receiptDetailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/receipts/:id', { schema: { params: ReceiptParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const receipt = receiptInScope(app, user, request.params.id);
    const look = lookupsOf(app);
    const now = new Date();
    return reply.view(
      'staff/receipt',
      {
        title: `回执 ${receipt.id}`,
        nav: 'receipts',
        ...receiptRow(receipt, look, now),
        answeredBy: receipt.answeredBy === null ? '' : look.userById(receipt.answeredBy)?.displayName ?? '',
        closedBy: receipt.closedBy === null ? '系统' : look.userById(receipt.closedBy)?.displayName ?? '',
        history: app.repos.receipts.search.history(receipt.id).map((e) => historyLine(e, look)),
        forms: forms(app, user, receipt),
        assignees: assigneeChoices(app, receipt),
        dueDays: app.repos.receipts.dueDays(receipt.roundId) ?? DEFAULT_DUE_DAYS,
        methods: ANSWER_METHODS.map((m) => ({ value: m, label: ANSWER_METHOD_LABELS[m] })),
        reasons: DISMISS_REASONS.map((r) => ({ value: r, label: DISMISS_REASON_LABELS[r] })),
      },
      STAFF_LAYOUT,
    );
  });
};

export default receiptDetailRoutes;
