// The rules of "下一个号码" (CATI): which case of a round comes next, what an outcome does to a case, and the
// round's retry rules. The repository (features/phone-interviews/cati-repo.ts) stores cases with the values computed here and fetches
// the head of each pool in this order:
//   1. appointments (约访) whose time has come, earliest first: the resident was promised this call;
//   2. numbers to retry (no answer, busy, switched off, a dropped line) whose waiting time is over, longest waiting
//      first, so open cases get resolved before the roster is spread thinner;
//   3. numbers never called in the round, in a random order drawn once per case from SQLite's random(), which is
//      seeded from the operating system: nobody can predict or steer which resident comes next.
// A case whose contact is not active (空号, 停机, 拒绝再访) or that another interviewer holds is skipped.
import { OUTCOME_RULES, type CallOutcome } from './outcomes.js';
import type { CallDisposition } from '../../../core/calls/call.js';
import { DAY_MS, MINUTE_MS } from '../../../core/time/china-time.js';

export interface RetryRules {
  /** Attempts a number gets in the round at most (an appointment always gets its call). */
  maxAttempts: number;
  /** Minutes at least between two attempts at a number that did not answer. */
  retryMinutes: number;
}

export const DEFAULT_RETRY_RULES: Readonly<RetryRules> = { maxAttempts: 3, retryMinutes: 60 };
export const RETRY_LIMITS = { maxAttempts: { min: 1, max: 10 }, retryMinutes: { min: 1, max: 7 * 24 * 60 } } as const;

/** How long a drawn number stays with its interviewer before anyone else may draw it. */
export const CLAIM_MINUTES = 30;

/** Where a case waits: 0 appointment, 1 retry, 2 never called. The draw empties the pools in this order. */
export type CasePool = 0 | 1 | 2;
export const POOL_APPOINTMENT: CasePool = 0;
export const POOL_RETRY: CasePool = 1;
export const POOL_FRESH: CasePool = 2;
export const DRAW_POOLS: readonly CasePool[] = [POOL_APPOINTMENT, POOL_RETRY, POOL_FRESH];

/**
 * Dispositions after which a number is not called again in the round. A case added for a contact that already has
 * calls in the round (imported, simulated) is closed when one of them has such a disposition, and otherwise keeps
 * its count of attempts.
 */
export const FINAL_DISPOSITIONS: readonly CallDisposition[] = ['complete', 'partial', 'refusal', 'not_eligible'];

/** A case of a round as the rules need it. */
export interface CaseState {
  attempts: number;
  /** Someone of the household was reached in an earlier attempt. */
  reached: boolean;
}

export interface CaseAfter extends CaseState {
  closed: boolean;
  pool: CasePool;
  /** ISO time from which the case may be drawn again ('' for a closed case). */
  nextDueAt: string;
}

/** A Chinese message when the rules are out of bounds; null when they can be stored. */
export function retryRulesRefusal(rules: RetryRules): string | null {
  const { maxAttempts, retryMinutes } = RETRY_LIMITS;
  if (!Number.isInteger(rules.maxAttempts) || rules.maxAttempts < maxAttempts.min || rules.maxAttempts > maxAttempts.max) {
    return `最多拨打次数应为 ${maxAttempts.min}–${maxAttempts.max} 之间的整数`;
  }
  if (!Number.isInteger(rules.retryMinutes) || rules.retryMinutes < retryMinutes.min || rules.retryMinutes > retryMinutes.max) {
    return `重拨间隔应为 ${retryMinutes.min}–${retryMinutes.max} 分钟之间的整数`;
  }
  return null;
}

export const APPOINTMENT_MISSING = '请填写约访时间';
export const APPOINTMENT_PAST = '约访时间已过，请选择将来的时间';
export const APPOINTMENT_TOO_FAR = '约访时间不能晚于 60 天后';
export const APPOINTMENT_UNREADABLE = '约访时间无法识别，请用日期和时间选择器重新选择（如 2026-12-08 18:30）';

/** Null when the appointment may be set; else why not, in Chinese. */
export function appointmentRefusal(at: Date | undefined, now: Date): string | null {
  if (!at) return APPOINTMENT_MISSING;
  if (at.getTime() <= now.getTime()) return APPOINTMENT_PAST;
  if (at.getTime() - now.getTime() > 60 * DAY_MS) return APPOINTMENT_TOO_FAR;
  return null;
}

export function minutesLater(now: Date, minutes: number): string {
  return new Date(now.getTime() + minutes * MINUTE_MS).toISOString();
}

/**
 * The case after an attempt with this outcome: closed when the outcome is final, or when a retryable outcome used
 * the last attempt the round allows; otherwise waiting for the appointment or for the retry spacing.
 */
export function caseAfterOutcome(state: CaseState, outcome: CallOutcome, rules: RetryRules, now: Date, appointmentAt?: Date): CaseAfter {
  const rule = OUTCOME_RULES[outcome];
  const attempts = state.attempts + 1;
  const reached = state.reached || rule.reached;
  if (outcome === 'appointment' && appointmentAt) {
    return { attempts, reached, closed: false, pool: POOL_APPOINTMENT, nextDueAt: appointmentAt.toISOString() };
  }
  if (!rule.retry || attempts >= rules.maxAttempts) return { attempts, reached, closed: true, pool: POOL_RETRY, nextDueAt: '' };
  return { attempts, reached, closed: false, pool: POOL_RETRY, nextDueAt: minutesLater(now, rules.retryMinutes) };
}

/** The head of one pool of one grid, as the repository fetched it. */
export interface DrawCandidate {
  contactId: number;
  gridId: number;
  pool: CasePool;
  nextDueAt: string;
  drawKey: number;
}

/** The case to call next among the heads of several grids: lowest pool, then earliest due, then the random key. */
export function firstCandidate(candidates: readonly DrawCandidate[]): DrawCandidate | undefined {
  let best: DrawCandidate | undefined;
  for (const c of candidates) {
    if (!best || compareCandidates(c, best) < 0) best = c;
  }
  return best;
}

function compareCandidates(a: DrawCandidate, b: DrawCandidate): number {
  if (a.pool !== b.pool) return a.pool - b.pool;
  if (a.nextDueAt !== b.nextDueAt) return a.nextDueAt < b.nextDueAt ? -1 : 1;
  return a.drawKey - b.drawKey;
}
