// Invite-only rounds (入户邀请码), docs/rules.md#invite-only-rounds: which rounds ask for a household code, what a
// typed code is worth, generating and voiding batches, and each grid's progress (codes issued, codes used).
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { Unit } from '../../core/units/unit.js';
import type { Actor } from '../../core/auth/actor.js';
import { batchSize, CODE_MESSAGES, formatCode, readCode, type CodeProblem } from './core/household-code.js';
import type { InviteBatch } from './household-codes-repo.js';

export type { InviteBatch } from './household-codes-repo.js';

export function isInviteOnly(repos: Repos, roundId: number): boolean {
  return repos.householdCodes.isInviteOnly(roundId);
}

/** Call inside the transaction that creates the round. */
export function markInviteOnly(repos: Repos, roundId: number): void {
  repos.householdCodes.markInviteOnly(roundId);
}

export type CodeCheck = { ok: true; inviteId: number } | { ok: false; problem: CodeProblem; message: string };

const problem = (p: CodeProblem): CodeCheck => ({ ok: false, problem: p, message: CODE_MESSAGES[p] });

/**
 * What the code a resident typed on a grid's form is worth in its round. A code of another grid, of a voided batch
 * or never issued reads alike ("not correct"): the form tells nobody which codes exist elsewhere. Good here means
 * free now; the response's own transaction consumes it, and refuses it if another answer took it meanwhile.
 */
export function checkHouseholdCode(repos: Repos, round: Round, gridId: number, typed: string | undefined): CodeCheck {
  const reading = readCode(typed);
  if (reading.kind !== 'code') return problem(reading.kind);
  const stored = repos.householdCodes.lookup(round.id, reading.code);
  if (!stored || stored.gridId !== gridId || stored.voided) return problem('unknown');
  if (stored.used || stored.held) return problem('used');
  return { ok: true, inviteId: stored.inviteId };
}

export type Generated = { ok: true; batch: InviteBatch } | { ok: false; message: string };

/** A new batch for one grid of the round: `typedCount`, or the grid's households when nothing is typed. */
export function generateCodes(repos: Repos, round: Round, grid: Unit, typedCount: string | undefined, actor: Actor): Generated {
  if (round.state === 'closed') return { ok: false, message: '本轮已结束，不能再生成邀请码' };
  const size = batchSize(typedCount, grid.households);
  if (!size.ok) return size;
  const batch = repos.householdCodes.createBatch({ roundId: round.id, roundCode: round.code, gridId: grid.id, gridCode: grid.code, size: size.size }, actor);
  return { ok: true, batch };
}

/** A batch of this round, or undefined (another round's batch is as good as none). */
export function batchOfRound(repos: Repos, round: Round, batchId: number): InviteBatch | undefined {
  const batch = repos.householdCodes.batch(batchId);
  return batch && batch.roundId === round.id ? batch : undefined;
}

export function voidCodes(repos: Repos, round: Round, batch: InviteBatch, gridCode: string, actor: Actor): boolean {
  return repos.householdCodes.voidBatch(batch, { roundCode: round.code, gridCode }, actor);
}

/** The codes of a batch as the slips print them, in order: derived again, never read from storage. */
export function slipCodes(repos: Repos, batch: InviteBatch): string[] {
  return repos.householdCodes.keys.codes(batch.id, batch.salt, batch.size).map(formatCode);
}

export interface GridProgress {
  gridId: number;
  /** Codes that may answer or did: every code of a batch not voided, and the used ones of a voided batch. */
  issued: number;
  used: number;
  batches: InviteBatch[];
}

/** Codes issued and used per grid of the round, for the grids asked (in their order). */
export function codeProgress(repos: Repos, round: Round, gridIds: readonly number[]): GridProgress[] {
  const byGrid = new Map<number, GridProgress>(gridIds.map((id) => [id, { gridId: id, issued: 0, used: 0, batches: [] }]));
  for (const batch of repos.householdCodes.batches(round.id)) {
    const row = byGrid.get(batch.gridId);
    if (!row) continue;
    row.batches.push(batch);
    row.issued += batch.voidedAt === null ? batch.size : batch.used;
    row.used += batch.used;
  }
  return [...byGrid.values()];
}
