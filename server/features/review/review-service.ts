// Deciding held responses (待核查): accept, reject, reverse a decision, or a whole grid at once. Each decision is one
// write transaction (the write lock taken up front): a conditional UPDATE checked for a single change, the counted
// response an acceptance stores (through the responses' service, so its answers, packed choices and receipts are
// written exactly as for any response) and the audit entry. A decision can be reversed while the round is open: a
// rejected response is accepted as above, an accepted one is taken out of `responses` again (review-withdrawal.ts)
// unless a receipt it opened is already being handled. Both entries name the held response's number.
// Every decision reads the round's state inside its transaction and is refused once the round is no longer open: a
// page read before a close must not move the counted responses after it (docs/rules.md#closing-a-round).
import type { Db } from '../../platform/db.js';
import type { Repos } from '../../platform/repos.js';
import { writeTransaction } from '../../platform/write-transaction.js';
import type { Survey } from '../../core/survey/model.js';
import { REVIEW_ROUND_NOT_OPEN } from '../../core/auth/permissions.js';
import { receiptsFor } from '../receipts/core/rules.js';
import { storeResponse } from '../responses/responses-service.js';
import { storedAnswers, type ReviewCounts } from './core/held.js';
import type { ReviewState } from './core/anomaly.js';
import type { HeldOriginal } from './review-repo.js';

export interface RoundRef {
  id: number;
  code: string;
}

export type Decision = { ok: true } | { ok: false; problem: string };

/** A decision that cannot be taken; thrown inside the transaction so that it rolls back. */
export class DecisionRefused extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = 'DecisionRefused';
  }
}

const TAKEN = '该答卷已被他人处理，请刷新页面';
const CHANGED = '该答卷的处理结果已被他人改变，请刷新页面';
const NOT_FOUND = '没有找到这份待核查答卷';

/** Completed responses per grid code that were held and then accepted (docs/rules.md#review-across-grids-and-the-round). */
export function acceptedAfterReviewByGrid(repos: Repos, roundId: number): Map<string, number> {
  const byCode = new Map<string, number>();
  for (const [gridId, n] of repos.review.acceptedByGrid(roundId)) {
    const code = repos.units.getById(gridId)?.code;
    if (code !== undefined) byCode.set(code, n);
  }
  return byCode;
}

/** How many held responses of the round wait, were accepted and were rejected. */
export function reviewCounts(repos: Repos, roundId: number): ReviewCounts {
  return repos.review.counts(roundId);
}

function decide(db: Db, repos: Repos, round: RoundRef, run: () => void): Decision {
  try {
    writeTransaction(db, () => {
      if (repos.rounds.getById(round.id)?.state !== 'open') throw new DecisionRefused(REVIEW_ROUND_NOT_OPEN);
      run();
    });
    return { ok: true };
  } catch (err) {
    if (err instanceof DecisionRefused) return { ok: false, problem: err.problem };
    throw err;
  }
}

function mustBeHeld(repos: Repos, id: number, roundId: number): HeldOriginal {
  const held = repos.review.original(id, roundId);
  if (!held) throw new DecisionRefused(NOT_FOUND);
  if (held.review !== 'held') throw new DecisionRefused(TAKEN);
  return held;
}

/** Marks the response accepted (from `from`) and stores it as a counted response; returns the response's id. */
function storeAccepted(repos: Repos, held: HeldOriginal, from: ReviewState, userId: number, survey: Survey): number {
  if (held.originalAnswers === undefined) throw new DecisionRefused('无法读取该答卷的原始内容（服务器密钥已更换），只能剔除');
  const answers = storedAnswers(held.originalAnswers);
  if (!answers) throw new Error(`held response ${held.id} has unreadable answers`);
  // Marked first: the device and key checks of the insert below then see this hold as decided, not as a duplicate.
  if (!repos.review.mark(held.id, 'accepted', from, userId, new Date().toISOString())) throw new DecisionRefused(TAKEN);
  const stored = storeResponse(repos, {
    roundId: held.roundId, gridId: held.gridId, channel: held.channel, status: held.status, answers, survey,
    deviceHash: held.deviceHash, submissionKey: held.submissionKey, inviteId: held.inviteId,
    startedAt: held.startedAt, createdAt: held.createdAt, replyContact: held.replyContact,
    // Opened now, not when held: a stuffing script must not fill the receipts queue (features/receipts/core/rules.ts).
    receipts: receiptsFor(survey, held.status, answers),
  });
  if (!stored.ok) throw new DecisionRefused('无法采纳：同一设备、表单或邀请在本轮已有计入的答卷');
  repos.review.link(held.id, stored.id);
  return stored.id;
}

function acceptInside(repos: Repos, id: number, round: RoundRef, userId: number, survey: Survey): void {
  const held = mustBeHeld(repos, id, round.id);
  const response = storeAccepted(repos, held, 'held', userId, survey);
  repos.audit.record(userId, 'round.review.accept', { round: round.code, held: held.id, grid: held.gridId, response });
}

function rejectInside(repos: Repos, id: number, round: RoundRef, userId: number): void {
  const held = mustBeHeld(repos, id, round.id);
  if (!repos.review.mark(held.id, 'rejected', 'held', userId, new Date().toISOString())) throw new DecisionRefused(TAKEN);
  repos.audit.record(userId, 'round.review.reject', { round: round.code, held: held.id, grid: held.gridId });
}

/** Stores a held response as counted, with its original time, device and key. */
export function acceptHeld(repos: Repos, db: Db, id: number, round: RoundRef, userId: number, survey: Survey): Decision {
  return decide(db, repos, round, () => acceptInside(repos, id, round, userId, survey));
}

export function rejectHeld(repos: Repos, db: Db, id: number, round: RoundRef, userId: number): Decision {
  return decide(db, repos, round, () => rejectInside(repos, id, round, userId));
}

/**
 * Accepts or rejects every held response of one grid; returns how many were decided. Each response in its own
 * savepoint (a nested transaction): one that cannot be accepted (its device answered meanwhile) is left held, the
 * others are decided, all in one commit.
 */
export function decideGrid(repos: Repos, db: Db, gridId: number, decision: 'accept' | 'reject', round: RoundRef, userId: number, survey: Survey): number {
  return writeTransaction(db, () => {
    let decided = 0;
    for (const id of repos.review.heldInGrid(round.id, gridId)) {
      const done = decision === 'accept' ? acceptHeld(repos, db, id, round, userId, survey) : rejectHeld(repos, db, id, round, userId);
      if (done.ok) decided += 1;
    }
    return decided;
  });
}

function reverseInside(repos: Repos, id: number, to: 'accepted' | 'rejected', round: RoundRef, userId: number, survey: Survey): void {
  const from = to === 'accepted' ? 'rejected' : 'accepted';
  const held = repos.review.original(id, round.id);
  if (!held) throw new DecisionRefused(NOT_FOUND);
  if (held.review !== from) throw new DecisionRefused(CHANGED);
  const detail = { round: round.code, held: held.id, grid: held.gridId, from, to };
  if (to === 'accepted') {
    const response = storeAccepted(repos, held, 'rejected', userId, survey);
    repos.audit.record(userId, 'round.review.reverse', { ...detail, response });
    return;
  }
  if (!repos.review.mark(held.id, 'rejected', 'accepted', userId, new Date().toISOString())) throw new DecisionRefused(CHANGED);
  repos.review.link(held.id, null);
  const receipts = held.responseId === null ? 0 : withdraw(repos, held.responseId);
  repos.audit.record(userId, 'round.review.reverse', { ...detail, response: held.responseId, receipts });
}

/**
 * Takes an accepted response out of the counted ones. A receipt someone has already worked on (assigned, answered,
 * closed, or dismissed by a person) is a record of work done, not something to delete: the reversal is refused then.
 */
function withdraw(repos: Repos, responseId: number): number {
  if (repos.review.workedReceipts(responseId) > 0) {
    throw new DecisionRefused('这份答卷产生的回执已在办理，不能改为剔除；请先在回执中处理');
  }
  return repos.review.withdraw(responseId);
}

/**
 * Reverses a decision: `to` is the state it goes to, from the opposite one (so a page showing the old state cannot
 * flip a decision someone else already reversed). Audited as round.review.reverse.
 */
export function reverseDecision(repos: Repos, db: Db, id: number, to: 'accepted' | 'rejected', round: RoundRef, userId: number, survey: Survey): Decision {
  return decide(db, repos, round, () => reverseInside(repos, id, to, round, userId, survey));
}
