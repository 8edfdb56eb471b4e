// What the product asks of staff accounts: who a staff member is (for names on pages), who may be handed a receipt,
// and whether a login may be tried and succeeds. Other capabilities ask here, never the accounts' repositories.
import type { Repos } from '../../platform/repos.js';
import type { StaffUser } from '../../core/auth/staff.js';
import { assigneeProblem } from '../../core/auth/permissions.js';
import { canSeeUnit } from '../../core/auth/scope.js';
import { ACCOUNT_ALERT_FAILURES, forgetFailuresBefore, loginAddressKey, loginWaitSeconds } from './core/login-throttle.js';
import { passwordMatches } from './passwords.js';

/** An active staff member, or undefined (an id from the audit log may belong to an account since removed). */
export function staffById(repos: Pick<Repos, 'users'>, id: number): StaffUser | undefined {
  return repos.users.getById(id);
}

/** A staff member's name as pages show it, or `fallback` when the id is unknown. */
export function staffName(repos: Pick<Repos, 'users'>, id: number | null, fallback: string): string {
  return (id === null ? undefined : repos.users.getById(id)?.displayName) ?? fallback;
}

/** Every account, disabled ones included, as "姓名（用户名）" (the audit log names whoever acted, then or now). */
export function accountLabels(repos: Pick<Repos, 'accounts'>): Array<{ id: number; label: string }> {
  return repos.accounts.list().map((a) => ({ id: a.id, label: `${a.displayName}（${a.username}）` }));
}

/**
 * Which staff a receipt may be handed to, by where they must work: `responsibleFor` a grid (its worker, or staff of a
 * unit above it), `within` a unit (working inside it), or `seenBy` a user (in that user's scope).
 */
export type AssigneeScope = { responsibleFor: number } | { within: number } | { seenBy: StaffUser };

export function assignableStaff(repos: Pick<Repos, 'users' | 'units'>, scope: AssigneeScope): StaffUser[] {
  const units = repos.units;
  const fits = (unitId: number): boolean => {
    if ('responsibleFor' in scope) return units.isWithin(scope.responsibleFor, unitId);
    if ('within' in scope) return units.isWithin(unitId, scope.within);
    return canSeeUnit(scope.seenBy, unitId, units);
  };
  return repos.users.list().filter((u) => assigneeProblem(u) === null && u.unitId !== null && fits(u.unitId));
}

/** Whole seconds this address must still wait before a login at this username may be tried (0: now). */
export function loginWait(repos: Pick<Repos, 'users'>, username: string, ip: string, now: Date): number {
  const address = loginAddressKey(ip);
  return loginWaitSeconds({ pair: repos.users.pairFailures(username, address), address: repos.users.addressFailures(address) }, now);
}

/**
 * Counts an attempt against the username from this address (before its password is checked), forgetting counts gone
 * stale. The attempt that makes a burst at an existing account alerts the administrator in the audit log, once; the
 * entry names the account and the counts, never a password.
 */
export function countLoginAttempt(repos: Pick<Repos, 'users' | 'audit'>, username: string, ip: string, now: Date, client: string | null): void {
  repos.users.forgetLoginFailures(forgetFailuresBefore(now));
  repos.users.countLoginAttempt(username, loginAddressKey(ip), now, ACCOUNT_ALERT_FAILURES, (burst) => {
    const account = repos.users.getByUsername(username);
    if (account) repos.audit.record(account.id, 'login.alert', { username, failures: burst.failures, addresses: burst.addresses }, client);
  });
}

/** After a correct password: this address starts over at this username. */
export function clearLoginFailures(repos: Pick<Repos, 'users'>, username: string, ip: string): void {
  repos.users.clearLoginFailures(username, loginAddressKey(ip));
}

/** The active user with this username and password, else undefined (the same work either way, off the event loop). */
export async function verifyLogin(repos: Pick<Repos, 'users'>, username: string, password: string): Promise<StaffUser | undefined> {
  const found = repos.users.credentials(username);
  const ok = await passwordMatches(password, found?.passwordHash);
  return ok ? found?.user : undefined;
}
