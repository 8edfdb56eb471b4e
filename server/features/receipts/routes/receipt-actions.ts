// The workflow's form posts: hand on (交办), answer (答复), close (办结), send back (退回重办), dismiss (无需处理),
// hand on a village's waiting receipts at once, and the round's default number of days. Each carries the anti-forgery
// token (checked for the whole staff scope in index.ts); each refusal changes nothing (features/receipts/receipt-steps.ts): a
// form refused for what was typed (a date, an empty reason) comes back on the receipt's page with its message and
// what was typed; any other refusal is a Chinese 4xx page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { MAX_DUE_DAYS, MIN_DUE_DAYS } from '../core/deadline.js';
import {
  answerReceipt, assignReceipt, bulkAssign, closeReceipt, dismissReceipt, returnReceipt, ReceiptStepRefused,
} from '../receipt-steps.js';
import { Conflict, ReceiptFormInvalid, ReceiptNotFound, ReceiptRefused } from '../../../web/errors.js';
import { AnswerBody, AssignBody, BulkAssignBody, DismissBody, DueDaysBody, ReceiptParams, ReturnBody } from '../schemas.js';
import { CsrfOnlyBody } from '../../../web/staff/schemas.js';
import { roundInScope, staffUser, unitInScope } from '../../../web/staff/context.js';
import { allow } from '../../../web/permissions.js';
import { receiptInScope } from './receipt-context.js';
import { renderReceipt, type ReceiptFormState } from './receipt-detail.js';
import { renderReceiptList } from './receipt-list.js';

/** A refused step as the error the handler shows: 403 not allowed, 409 not from this state, 422 the form, 404. */
function asHttpError(err: unknown): unknown {
  if (!(err instanceof ReceiptStepRefused)) return err;
  switch (err.kind) {
    case 'forbidden':
      return new ReceiptRefused(err.message);
    case 'state':
      return new Conflict(err.message);
    case 'form':
      return new ReceiptFormInvalid(err.message);
    case 'missing':
      return new ReceiptNotFound(err.message);
  }
}

/** Runs a step and maps its refusal; steps are synchronous (one SQLite transaction each). */
function take<T>(step: () => T): T {
  try {
    return step();
  } catch (err) {
    throw asHttpError(err);
  }
}

/** The steps over many receipts of a round: a village's waiting ones at once, and the round's default days. */
function registerRoundSteps(app: Parameters<FastifyPluginAsyncTypebox>[0]) {
  const { repos } = app;
  app.post('/receipts/bulk-assign', { schema: { body: BulkAssignBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const body = request.body;
    const round = roundInScope(app, user, body.round);
    const village = unitInScope(app, user, body.village);
    if (village.level !== 'village') throw new ReceiptFormInvalid('批量交办只能按村（社区）进行');
    allow(user, 'receipt.assign');
    let n: number;
    try {
      n = bulkAssign(app.db, repos, user, { roundId: round.id, villageId: village.id, assignee: body.assignee, due: body.due });
    } catch (err) {
      if (!(err instanceof ReceiptStepRefused && err.kind === 'form')) throw asHttpError(err);
      const failed = { form: 'bulk' as const, message: err.message, typed: { assignee: body.assignee, due: body.due } };
      return renderReceiptList(app, request, reply, { round: round.code, unit: village.code }, failed, 422);
    }
    const query = new URLSearchParams({ round: round.code, unit: village.code, state: 'assigned', assigned: String(n) });
    return reply.redirect(`/receipts?${query.toString()}`, 303);
  });

  app.post('/receipts/due-days', { schema: { body: DueDaysBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    allow(user, 'receipt.setDueDays');
    const round = roundInScope(app, user, request.body.round);
    const days = Number(request.body.days.trim());
    if (!Number.isInteger(days) || days < MIN_DUE_DAYS || days > MAX_DUE_DAYS) {
      const failed = { form: 'dueDays' as const, message: `默认办理期限应为 ${MIN_DUE_DAYS} 到 ${MAX_DUE_DAYS} 之间的整数天`, typed: { days: request.body.days } };
      return renderReceiptList(app, request, reply, { round: round.code }, failed, 422);
    }
    repos.receipts.setDueDays(round.id, days, user.id);
    return reply.redirect(`/receipts?round=${encodeURIComponent(round.code)}`, 303);
  });
}

const receiptActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { repos } = app;
  const back = (id: number) => `/receipts/${id}`;

  /** Takes one receipt's step, then back to its page; a form refusal re-shows the page with the message and the typed values. */
  async function stepThenBack(request: FastifyRequest, reply: FastifyReply, at: { id: number; form: ReceiptFormState['form'] }, typed: Record<string, string | undefined>, step: () => unknown) {
    const { id, form } = at;
    try {
      step();
    } catch (err) {
      if (!(err instanceof ReceiptStepRefused && err.kind === 'form')) throw asHttpError(err);
      const receipt = receiptInScope(app, staffUser(request), id);
      const { _csrf: _token, ...values } = typed;
      return renderReceipt(app, request, reply, receipt, { failed: { form, message: err.message, typed: values } }, 422);
    }
    return reply.redirect(back(id), 303);
  }

  app.post('/receipts/:id/assign', { schema: { params: ReceiptParams, body: AssignBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    return stepThenBack(request, reply, { id: request.params.id, form: 'assign' }, request.body, () => assignReceipt(repos, user, request.params.id, request.body));
  });

  app.post('/receipts/:id/answer', { schema: { params: ReceiptParams, body: AnswerBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    return stepThenBack(request, reply, { id: request.params.id, form: 'answer' }, request.body, () => answerReceipt(repos, user, request.params.id, request.body));
  });

  app.post('/receipts/:id/close', { schema: { params: ReceiptParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    take(() => closeReceipt(repos, user, request.params.id));
    return reply.redirect(back(request.params.id), 303);
  });

  app.post('/receipts/:id/return', { schema: { params: ReceiptParams, body: ReturnBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    return stepThenBack(request, reply, { id: request.params.id, form: 'return' }, request.body, () => returnReceipt(repos, user, request.params.id, request.body));
  });

  app.post('/receipts/:id/dismiss', { schema: { params: ReceiptParams, body: DismissBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    return stepThenBack(request, reply, { id: request.params.id, form: 'dismiss' }, request.body, () => dismissReceipt(repos, user, request.params.id, request.body));
  });

  registerRoundSteps(app);
};

export default receiptActionRoutes;
