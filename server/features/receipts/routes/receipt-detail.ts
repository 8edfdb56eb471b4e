// One receipt: what the resident wrote, where it stands, who handled it and when (its history from the audit log,
// refused attempts included), and the forms of the steps the workflow allows now and the user may take; a form
// refused for what was typed comes back here with its message and the typed values (receipt-actions.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Receipt } from '../core/receipt.js';
import { ANSWER_METHODS, ANSWER_METHOD_LABELS, DISMISS_REASONS, DISMISS_REASON_LABELS } from '../core/receipt.js';
import { actionsFrom } from '../core/workflow.js';
import { can, refusalOf } from '../../../core/auth/permissions.js';
import { assignableStaff, staffById } from '../../accounts/accounts-service.js';
import { openReplyContact, replyContactOf } from '../../responses/responses-service.js';
import { DEFAULT_DUE_DAYS, dueDateRange } from '../core/deadline.js';
import { ReceiptParams } from '../schemas.js';
import { CsrfOnlyBody } from '../../../web/staff/schemas.js';
import { ReceiptFormInvalid, ReceiptRefused } from '../../../web/errors.js';
import { historyLine, receiptRow } from '../view-model.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';
import { lookupsOf, receiptInScope } from './receipt-context.js';

/** Whom the receipt may be handed to: its village and grid, and the staff working there or above it, in scope. */
function assigneeChoices(app: FastifyInstance, receipt: Receipt, typed: string | undefined) {
  const grid = app.repos.units.getById(receipt.gridId);
  const village = grid?.parentId == null ? undefined : app.repos.units.getById(grid.parentId);
  const units = [village, grid].filter((u) => u !== undefined).map((u) => ({ value: `unit:${u.code}`, label: `${u.name}（单位）` }));
  const staff = assignableStaff(app.repos, { responsibleFor: receipt.gridId }).map((u) => ({ value: `user:${u.id}`, label: u.displayName, selected: typed === undefined && u.id === receipt.assigneeId }));
  return [...staff, ...units].map((c) => (typed === undefined ? c : { ...c, selected: c.value === typed }));
}

/** The forms shown: the workflow allows the step from this state and the domain lets this user take it. */
function forms(app: FastifyInstance, user: StaffUser, receipt: Receipt) {
  const allowed = new Set(actionsFrom(receipt.state));
  const on = { receipt, units: app.repos.units };
  const checked = { ...on, assigner: receipt.assignedBy === null ? undefined : staffById(app.repos, receipt.assignedBy) };
  return {
    assign: allowed.has('assign') && can(user, 'receipt.assign', on).allowed,
    answer: allowed.has('answer') && can(user, 'receipt.answer', on).allowed,
    close: allowed.has('close') && can(user, 'receipt.close', checked).allowed,
    return: allowed.has('return') && can(user, 'receipt.return', checked).allowed,
    dismiss: allowed.has('dismiss') && can(user, 'receipt.dismiss', on).allowed,
  };
}

/** The contact the resident left with the response behind this receipt, masked and sealed; none for staff-entered ones. */
function storedContact(app: FastifyInstance, receipt: Receipt) {
  return receipt.responseId === null ? undefined : replyContactOf(app.repos, receipt.responseId);
}

/** The contact line: masked, the reveal button for whoever may answer, and the number itself right after a reveal. */
function contactView(app: FastifyInstance, user: StaffUser, receipt: Receipt, revealed: string | undefined) {
  const stored = storedContact(app, receipt);
  if (!stored) return { has: false };
  const canReveal = can(user, 'receipt.answer', { receipt, units: app.repos.units }).allowed;
  return { has: true, masked: stored.masked, canReveal, revealed };
}

/** A step's form sent back with its message and what was typed (422): the page again, never a dead end. */
export interface ReceiptFormState {
  form: 'assign' | 'answer' | 'return' | 'dismiss';
  message: string;
  typed: Readonly<Record<string, string | undefined>>;
}

/** The values the step forms start from: what was typed after a refusal, else the receipt's own (a sent-back
 * receipt's answer form starts from the previous answer). */
function formValues(row: ReturnType<typeof receiptRow>, failed: ReceiptFormState | undefined) {
  const typed = failed?.typed ?? {};
  const previous = row.returned ? { action: row.receipt.answerAction ?? '', reply: row.receipt.answerText ?? '' } : { action: '', reply: '' };
  return {
    due: typed.due ?? '',
    action: typed.action ?? previous.action,
    reply: typed.reply ?? previous.reply,
    returnReason: failed?.form === 'return' ? typed.reason ?? '' : '',
    dismissNote: typed.note ?? '',
  };
}

export function renderReceipt(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, receipt: Receipt, view: { revealed?: string; failed?: ReceiptFormState } = {}, status = 200) {
  const user = staffUser(request);
  const look = lookupsOf(app);
  const now = new Date();
  const row = receiptRow(receipt, look, now);
  const { failed } = view;
  const typed = failed?.typed ?? {};
  return reply.code(status).view(
    'staff/receipt',
    {
      title: `回执 ${receipt.id}`,
      nav: 'receipts',
      ...row,
      contact: contactView(app, user, receipt, view.revealed),
      answeredBy: receipt.answeredBy === null ? '' : look.userById(receipt.answeredBy)?.displayName ?? '',
      closedBy: receipt.closedBy === null ? '系统' : look.userById(receipt.closedBy)?.displayName ?? '',
      history: app.repos.receipts.search.history(receipt.id).map((e) => historyLine(e, look)),
      forms: forms(app, user, receipt),
      errors: failed ? { [failed.form]: failed.message } : {},
      values: formValues(row, failed),
      assignees: assigneeChoices(app, receipt, typed.assignee),
      dueDays: app.repos.receipts.dueDays(receipt.roundId) ?? DEFAULT_DUE_DAYS,
      dueRange: dueDateRange(now),
      methods: ANSWER_METHODS.map((m) => ({ value: m, label: ANSWER_METHOD_LABELS[m], checked: m === typed.method })),
      reasons: DISMISS_REASONS.map((r) => ({ value: r, label: DISMISS_REASON_LABELS[r], selected: failed?.form === 'dismiss' && r === typed.reason })),
    },
    STAFF_LAYOUT,
  );
}

/** The number itself, for whoever may answer the receipt: audited, shown on this one page and never stored in a page. */
function revealContact(app: FastifyInstance, user: StaffUser, receipt: Receipt, client: string): string {
  const refusal = refusalOf(can(user, 'receipt.answer', { receipt, units: app.repos.units }));
  if (refusal) {
    app.repos.audit.record(user.id, 'receipt.refused', { receipt: receipt.id, action: 'contact.reveal', reason: refusal }, client);
    throw new ReceiptRefused(refusal);
  }
  const stored = storedContact(app, receipt);
  if (!stored) throw new ReceiptFormInvalid('群众未留联系方式，无法直接回复');
  const digits = openReplyContact(app.repos, stored);
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
    return renderReceipt(app, request, reply, receipt, { revealed: digits });
  });
};

export default receiptDetailRoutes;
