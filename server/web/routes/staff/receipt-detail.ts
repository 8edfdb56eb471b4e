// One receipt: what the resident wrote, where it stands, who handled it and when (its history from the audit log,
// refused attempts included), and the forms of the steps the workflow allows now and the user may take.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../domain/auth/staff.js';
import type { Receipt } from '../../../domain/receipts/receipt.js';
import { ANSWER_METHODS, ANSWER_METHOD_LABELS, DISMISS_REASONS, DISMISS_REASON_LABELS } from '../../../domain/receipts/receipt.js';
import { actionsFrom } from '../../../domain/receipts/workflow.js';
import { answerProblem, closeProblem, dismissProblem, receiptScopeProblem } from '../../../domain/receipts/permissions.js';
import { DEFAULT_DUE_DAYS } from '../../../domain/receipts/deadline.js';
import { ReceiptParams } from '../../schemas/receipts.js';
import { CsrfOnlyBody } from '../../schemas/staff.js';
import { ReceiptFormInvalid, ReceiptRefused } from '../../errors.js';
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

/** The contact the resident left with the response behind this receipt, masked and sealed; none for staff-entered ones. */
function storedContact(app: FastifyInstance, receipt: Receipt) {
  return receipt.responseId === null ? undefined : app.repos.responses.replyContact(receipt.responseId);
}

/** The contact line: masked, the reveal button for whoever may answer, and the number itself right after a reveal. */
function contactView(app: FastifyInstance, user: StaffUser, receipt: Receipt, revealed: string | undefined) {
  const stored = storedContact(app, receipt);
  if (!stored) return { has: false };
  const canReveal = answerProblem(user, receipt, app.repos.units) === null;
  return { has: true, masked: stored.masked, canReveal, revealed };
}

function renderReceipt(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, receipt: Receipt, revealed?: string) {
  const user = staffUser(request);
  const look = lookupsOf(app);
  const now = new Date();
  return reply.view(
    'staff/receipt',
    {
      title: `回执 ${receipt.id}`,
      nav: 'receipts',
      ...receiptRow(receipt, look, now),
      contact: contactView(app, user, receipt, revealed),
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
}

/** The number itself, for whoever may answer the receipt: audited, shown on this one page and never stored in a page. */
function revealContact(app: FastifyInstance, user: StaffUser, receipt: Receipt, client: string): string {
  const refusal = answerProblem(user, receipt, app.repos.units);
  if (refusal) {
    app.repos.audit.record(user.id, 'receipt.refused', { receipt: receipt.id, action: 'contact.reveal', reason: refusal }, client);
    throw new ReceiptRefused(refusal);
  }
  const stored = storedContact(app, receipt);
  if (!stored) throw new ReceiptFormInvalid('群众未留联系方式，无法直接回复');
  const digits = app.repos.responses.openReplyContact(stored);
  if (digits === undefined) throw new ReceiptFormInvalid('无法读取该联系电话（服务器密钥已更换）');
  app.repos.audit.record(user.id, 'receipt.contact.reveal', { receipt: receipt.id }, client);
  return digits;
}

const receiptDetailRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/receipts/:id', { schema: { params: ReceiptParams, hide: true } }, async (request, reply) => {
    const receipt = receiptInScope(app, staffUser(request), request.params.id);
    return renderReceipt(app, request, reply, receipt);
  });

  // POST: a reveal changes the audit log, and a page with the number is never cached or bookmarked.
  app.post('/receipts/:id/contact', { schema: { params: ReceiptParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const receipt = receiptInScope(app, user, request.params.id);
    const digits = revealContact(app, user, receipt, request.ip);
    reply.header('cache-control', 'no-store');
    return renderReceipt(app, request, reply, receipt, digits);
  });
};

export default receiptDetailRoutes;
