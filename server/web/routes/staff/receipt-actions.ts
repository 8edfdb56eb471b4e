// The workflow's form posts: hand on (交办), answer (答复), close (办结), dismiss (无需处理), hand on a village's
// waiting receipts at once, and the round's default number of days. Each carries the anti-forgery token (checked
// for the whole staff scope in index.ts); each refusal is a Chinese 4xx page and changes nothing (services/receipt-steps.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { seesEverything } from '../../../domain/auth/scope.js';
import { MAX_DUE_DAYS, MIN_DUE_DAYS } from '../../../domain/receipts/deadline.js';
import {
  answerReceipt, assignReceipt, bulkAssign, closeReceipt, dismissReceipt, ReceiptStepRefused,
} from '../../../services/receipt-steps.js';
import { Conflict, Forbidden, ReceiptFormInvalid, ReceiptNotFound, ReceiptRefused } from '../../errors.js';
import { AnswerBody, AssignBody, BulkAssignBody, DismissBody, DueDaysBody, ReceiptParams } from '../../schemas/receipts.js';
import { CsrfOnlyBody } from '../../schemas/staff.js';
import { roundInScope, staffUser, unitInScope } from './context.js';

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

const receiptActionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { repos } = app;
  const back = (id: number) => `/receipts/${id}`;

  app.post('/receipts/:id/assign', { schema: { params: ReceiptParams, body: AssignBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    take(() => assignReceipt(repos, user, request.params.id, request.body));
    return reply.redirect(back(request.params.id), 303);
  });

  app.post('/receipts/:id/answer', { schema: { params: ReceiptParams, body: AnswerBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    take(() => answerReceipt(repos, user, request.params.id, request.body));
    return reply.redirect(back(request.params.id), 303);
  });

  app.post('/receipts/:id/close', { schema: { params: ReceiptParams, body: CsrfOnlyBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    take(() => closeReceipt(repos, user, request.params.id));
    return reply.redirect(back(request.params.id), 303);
  });

  app.post('/receipts/:id/dismiss', { schema: { params: ReceiptParams, body: DismissBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    take(() => dismissReceipt(repos, user, request.params.id, request.body));
    return reply.redirect(back(request.params.id), 303);
  });

  app.post('/receipts/bulk-assign', { schema: { body: BulkAssignBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const body = request.body;
    const round = roundInScope(app, user, body.round);
    const village = unitInScope(app, user, body.village);
    if (village.level !== 'village') throw new ReceiptFormInvalid('批量交办只能按村（社区）进行');
    if (user.role === 'grid') throw new ReceiptRefused('网格员不能交办回执');
    const n = take(() => bulkAssign(app.db, repos, user, { roundId: round.id, villageId: village.id, assignee: body.assignee, due: body.due }));
    const query = new URLSearchParams({ round: round.code, unit: village.code, state: 'assigned', assigned: String(n) });
    return reply.redirect(`/receipts?${query.toString()}`, 303);
  });

  app.post('/receipts/due-days', { schema: { body: DueDaysBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    if (!seesEverything(user)) throw new Forbidden();
    const round = roundInScope(app, user, request.body.round);
    const days = Number(request.body.days.trim());
    if (!Number.isInteger(days) || days < MIN_DUE_DAYS || days > MAX_DUE_DAYS) {
      throw new ReceiptFormInvalid(`默认办理期限应为 ${MIN_DUE_DAYS} 到 ${MAX_DUE_DAYS} 之间的整数天`);
    }
    repos.receipts.setDueDays(round.id, days, user.id);
    return reply.redirect(`/receipts?round=${encodeURIComponent(round.code)}`, 303);
  });
};

export default receiptActionRoutes;
