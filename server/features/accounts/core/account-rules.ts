// Which unit each role is scoped to (docs/rules.md#roles-and-scopes), and the account forms' checks. Who may manage
// which account is the permission verbs' 'account.create' and 'account.edit' (core/auth/permissions.ts):
// administrators manage every account, the committee township and grid accounts; nobody above their own scope, and
// nobody disables, demotes or resets themselves (an administrator could otherwise lock everyone out).
import type { UnitLevel } from '../../../core/units/unit.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import type { UnitTree } from '../../../core/auth/scope.js';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole, type StaffUser } from '../../../core/auth/staff.js';
import { can, manageableRoles, refusalOf, type AccountChange } from '../../../core/auth/permissions.js';

/** The unit level each role is scoped to; null: the whole district (no unit, or the district itself). */
export const ROLE_UNIT_LEVEL: Readonly<Record<StaffRole, UnitLevel | null>> = {
  admin: null,
  committee: null,
  township: 'township',
  grid: 'grid',
};

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export { manageableRoles };

/** Whether the user manages any accounts at all (the account pages are theirs). */
export function canManageAccounts(user: StaffUser): boolean {
  return can(user, 'account.create').allowed;
}

/** The target's place in the tree as scope rules need it. */
export interface AccountScope {
  role: StaffRole;
  unitId: number | null;
  /** The level of unitId's unit (null when there is no unit). */
  unitLevel: UnitLevel | null;
}

/** Whether the unit fits the role: township accounts need a township, grid accounts a grid, the others none or the district. */
export function roleUnitProblem(scope: AccountScope): string | null {
  const level = ROLE_UNIT_LEVEL[scope.role];
  if (level === null) {
    return scope.unitLevel === null || scope.unitLevel === 'district' ? null : `${ROLE_LABELS[scope.role]}的范围应为全区，不能限定到${LEVEL_LABELS[scope.unitLevel]}`;
  }
  if (scope.unitLevel === level) return null;
  return `${ROLE_LABELS[scope.role]}账号须指定一个${LEVEL_LABELS[level]}`;
}

/**
 * Why `actor` may not give an account this scope (create it with it, or change it to it), or null when they may.
 * `abuse` marks a request the page never offers (a role or unit above the actor's own scope: the permission's
 * refusal): it is audited. A unit that does not fit the role is only a form error.
 */
export function accountScopeRefusal(actor: StaffUser, scope: AccountScope, units: UnitTree): { message: string; abuse: boolean } | null {
  const refusal = refusalOf(can(actor, 'account.create', { account: { role: scope.role, unitId: scope.unitId }, units }));
  if (refusal !== null) return { message: refusal, abuse: true };
  const problem = roleUnitProblem(scope);
  return problem === null ? null : { message: problem, abuse: false };
}

export type { AccountChange };

/** Why `actor` may not apply `change` to the existing account `targetId` (currently `target`), or null. */
export function accountChangeRefusal(actor: StaffUser, targetId: number, target: AccountScope, change: AccountChange, units: UnitTree): string | null {
  return refusalOf(can(actor, 'account.edit', { account: { id: targetId, role: target.role, unitId: target.unitId }, units, change }));
}

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,31}$/;
export const DISPLAY_NAME_MAX = 40;

/** A login name of 3–32 letters, digits, dots, dashes or underscores, starting with a letter or digit. */
export function usernameProblem(username: string): string | null {
  return USERNAME_PATTERN.test(username) ? null : '用户名须为 3–32 位字母、数字或 . _ -，以字母或数字开头';
}

export function displayNameProblem(name: string): string | null {
  if (name.trim() === '') return '请填写姓名或单位名称';
  return [...name.trim()].length > DISPLAY_NAME_MAX ? `姓名最多 ${DISPLAY_NAME_MAX} 个字` : null;
}
