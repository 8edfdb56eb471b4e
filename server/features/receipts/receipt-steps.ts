// Staff take the receipt workflow's steps here: the form's values are read with the domain's rules, the user's right
// to take the step is the permission verb's (core/auth/permissions.ts), the step itself is the repository's
// conditional UPDATE with its audit entry. A refused step (out of scope, not the assignee, a state it cannot reach) changes nothing and leaves
// an audit entry of its own, so abuse is visible; a wrongly filled form is only sent back.
import type { Db } from '../../platform/db.js';
import type { Repos } from '../../platform/repos.js';
import type { StaffUser } from '../../core/auth/staff.js';
import { ANSWER_METHODS, DISMISS_REASONS, type AnswerMethod, type DismissReason, type Receipt } from './core/receipt.js';
import { can, refusalOf, type AssignTarget } from '../../core/auth/permissions.js';
import { staffById } from '../accounts/accounts-service.js';
import { maskPersonalData } from '../../core/privacy/personal-data.js';
import { DEFAULT_DUE_DAYS, dueDate, parseDueDate } from './core/deadline.js';
import type { ReceiptAction } from './core/workflow.js';
import { ReceiptStateError, type ReceiptAssignee } from './receipts-repo.js';
import { writeTransaction } from '../../platform/write-transaction.js';

/** Why a step was not taken: the user may not (403), the receipt's state does not allow it (409), the form (422). */
export class ReceiptStepRefused extends Error {
  constructor(message: string, readonly kind: 'forbidden' | 'state' | 'form' | 'missing') {
    super(message);
    this.name = 'ReceiptStepRefused';
  }
}

/** Turns "user:ID" or "unit:CODE" into the assignee, or a form refusal. */
export function readAssignee(repos: Repos, value: string): { target: AssignTarget; to: ReceiptAssignee } {
  const [kind, ref] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (kind === 'user' && /^\d+$/.test(ref)) {
    const user = staffById(repos, Number(ref));
    if (user) return { target: { kind: 'user', user }, to: { userId: user.id, unitId: null } };
  }
  if (kind === 'unit') {
    const unit = repos.units.getByCode(ref);
    if (unit) return { target: { kind: 'unit', unitId: unit.id, level: unit.level }, to: { userId: null, unitId: unit.id } };
  }
  throw new ReceiptStepRefused('请选择承办人或承办单位', 'form');
}

/** The due date typed in the form, or the round's default number of days from now. */
export function readDueDate(repos: Repos, roundId: number, typed: string | undefined, now: Date): string {
  if (typed === undefined || typed.trim() === '') return dueDate(now, repos.receipts.dueDays(roundId) ?? DEFAULT_DUE_DAYS);
  const parsed = parseDueDate(typed, now);
  if (!parsed.ok) throw new ReceiptStepRefused(parsed.message, 'form');
  return parsed.value;
}

function refuse(repos: Repos, user: StaffUser, id: number, action: ReceiptAction, message: string, kind: 'forbidden' | 'state'): never {
  repos.receipts.recordRefusal(id, action, user.id, message);
  throw new ReceiptStepRefused(message, kind);
}

/** Refuses (and audits) the step unless the user may take it. */
function mustBeAllowed(repos: Repos, user: StaffUser, id: number, action: ReceiptAction, refusal: string | null): void {
  if (refusal !== null) refuse(repos, user, id, action, refusal, 'forbidden');
}

/** Who handed the receipt on, for the rule that the level which assigned checks the answer. */
function assignerOf(repos: Repos, receipt: Receipt): StaffUser | undefined {
  return receipt.assignedBy === null ? undefined : staffById(repos, receipt.assignedBy);
}

function load(repos: Repos, id: number): Receipt {
  const receipt = repos.receipts.getById(id);
  if (!receipt) throw new ReceiptStepRefused(`找不到该回执：${id}`, 'missing');
  return receipt;
}

/** Runs the repository step; a state refusal is written to the audit log and turned into a ReceiptStepRefused. */
function apply(repos: Repos, user: StaffUser, id: number, action: ReceiptAction, step: () => Receipt | undefined): Receipt {
  try {
    const done = step();
    if (!done) throw new ReceiptStepRefused(`找不到该回执：${id}`, 'missing');
    return done;
  } catch (err) {
    if (err instanceof ReceiptStateError) refuse(repos, user, id, action, err.message, 'state');
    throw err;
  }
}

export interface AssignInput {
  assignee: string;
  due?: string;
}

export function assignReceipt(repos: Repos, user: StaffUser, id: number, input: AssignInput, now = new Date()): Receipt {
  const receipt = load(repos, id);
  const { target, to } = readAssignee(repos, input.assignee);
  mustBeAllowed(repos, user, id, 'assign', refusalOf(can(user, 'receipt.assign', { receipt, target, units: repos.units })));
  const due = readDueDate(repos, receipt.roundId, input.due, now);
  return apply(repos, user, id, 'assign', () => repos.receipts.assign(id, to, due, { by: user.id, at: now.toISOString() }));
}

export interface AnswerInput {
  action: string;
  reply: string;
  /** Absent when no way of answering was ticked. */
  method?: string;
}

function isMethod(value: string): value is AnswerMethod {
  return ANSWER_METHODS.some((m) => m === value);
}

export function answerReceipt(repos: Repos, user: StaffUser, id: number, input: AnswerInput, now = new Date()): Receipt {
  const receipt = load(repos, id);
  mustBeAllowed(repos, user, id, 'answer', refusalOf(can(user, 'receipt.answer', { receipt, units: repos.units })));
  const action = input.action.trim();
  const text = input.reply.trim();
  if (action === '') throw new ReceiptStepRefused('请填写采取的措施', 'form');
  if (text === '') throw new ReceiptStepRefused('请填写给群众的答复', 'form');
  if (input.method === undefined || !isMethod(input.method)) throw new ReceiptStepRefused('请选择答复方式（电话、上门、公告或其他）', 'form');
  const reply = { action, text, method: input.method };
  return apply(repos, user, id, 'answer', () => repos.receipts.answer(id, reply, { by: user.id, at: now.toISOString() }));
}

export function closeReceipt(repos: Repos, user: StaffUser, id: number, now = new Date()): Receipt {
  const receipt = load(repos, id);
  mustBeAllowed(repos, user, id, 'close', refusalOf(can(user, 'receipt.close', { receipt, assigner: assignerOf(repos, receipt), units: repos.units })));
  return apply(repos, user, id, 'close', () => repos.receipts.close(id, { by: user.id, at: now.toISOString() }));
}

/** The longest reason for sending an answer back: a sentence or two, as the form allows. */
export const MAX_RETURN_REASON = 500;

/** Sends an answered receipt back to its assignee (退回重办); the reason is required and goes into its history. */
export function returnReceipt(repos: Repos, user: StaffUser, id: number, input: { reason?: string }, now = new Date()): Receipt {
  const receipt = load(repos, id);
  mustBeAllowed(repos, user, id, 'return', refusalOf(can(user, 'receipt.return', { receipt, assigner: assignerOf(repos, receipt), units: repos.units })));
  const reason = input.reason?.trim() ?? '';
  if (reason === '') throw new ReceiptStepRefused('请填写退回原因：答复哪里不符合要求、还需要做什么', 'form');
  if (reason.length > MAX_RETURN_REASON) throw new ReceiptStepRefused(`退回原因最多 ${MAX_RETURN_REASON} 个字`, 'form');
  // The reason is kept in the audit log, which never holds a phone number in clear.
  return apply(repos, user, id, 'return', () => repos.receipts.sendBack(id, maskPersonalData(reason), { by: user.id, at: now.toISOString() }));
}

function isReason(value: string): value is DismissReason {
  return DISMISS_REASONS.some((r) => r === value);
}

export function dismissReceipt(repos: Repos, user: StaffUser, id: number, input: { reason: string; note?: string }, now = new Date()): Receipt {
  const receipt = load(repos, id);
  mustBeAllowed(repos, user, id, 'dismiss', refusalOf(can(user, 'receipt.dismiss', { receipt, units: repos.units })));
  const reason = input.reason;
  if (!isReason(reason)) throw new ReceiptStepRefused('请选择无需处理的原因', 'form');
  const note = input.note?.trim() || null;
  if (reason === 'other' && note === null) throw new ReceiptStepRefused('原因为“其他”时请填写说明', 'form');
  return apply(repos, user, id, 'dismiss', () => repos.receipts.dismiss(id, reason, note, { by: user.id, at: now.toISOString() }));
}

export interface BulkAssignInput extends AssignInput {
  roundId: number;
  villageId: number;
}

/**
 * Hands every 待处理 receipt of a village in a round to one assignee, in one transaction; checked as one assignment
 * per receipt. Returns how many were handed on. A refusal (scope, assignee) refuses the whole batch.
 */
export function bulkAssign(db: Db, repos: Repos, user: StaffUser, input: BulkAssignInput, now = new Date()): number {
  const grids = new Set(repos.units.descendants(input.villageId, 'grid').map((g) => g.id));
  const waiting = repos.receipts.listForRound(input.roundId, [...grids]).filter((r) => r.state === 'open');
  if (waiting.length === 0) return 0;
  const { target, to } = readAssignee(repos, input.assignee);
  for (const receipt of waiting) {
    mustBeAllowed(repos, user, receipt.id, 'assign', refusalOf(can(user, 'receipt.assign', { receipt, target, units: repos.units })));
  }
  const due = readDueDate(repos, input.roundId, input.due, now);
  return writeTransaction(db, () => {
    let n = 0;
    for (const receipt of waiting) {
      try {
        if (repos.receipts.assign(receipt.id, to, due, { by: user.id, at: now.toISOString() })) n++;
      } catch (err) {
        // Answered or dismissed by someone else since the list was read: that one is no longer waiting.
        if (!(err instanceof ReceiptStateError)) throw err;
      }
    }
    return n;
  });
}
