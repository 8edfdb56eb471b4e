// Who may manage which staff accounts, and each role's unit scope (docs/rules.md#roles-and-scopes). Administrators manage
// every account; the committee manages township and grid accounts; nobody creates or changes an account above their
// own scope, and nobody disables, demotes or resets themselves (an administrator could otherwise lock everyone out).
import type { UnitLevel } from '../../../core/units/unit.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import { canSeeUnit, type UnitTree } from '../../../core/auth/scope.js';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole, type StaffUser } from '../../../core/auth/staff.js';

/** The unit level each role is scoped to; null: the whole district (no unit, or the district itself). */
export const ROLE_UNIT_LEVEL: Readonly<Record<StaffRole, UnitLevel | null>> = {
  admin: null,
  committee: null,
  township: 'township',
  grid: 'grid',
};

const MANAGEABLE: Readonly<Record<StaffRole, readonly StaffRole[]>> = {
  admin: STAFF_ROLES,
  committee: ['township', 'grid'],
  township: [],
  grid: [],
};

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

/** The roles the user may give to an account (empty: the user manages no accounts). */
export function manageableRoles(user: StaffUser): readonly StaffRole[] {
  return MANAGEABLE[user.role];
}

export function canManageAccounts(user: StaffUser): boolean {
  return manageableRoles(user).length > 0;
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
 * `abuse` marks a request the page never offers (a role or unit above the actor's own scope): it is audited.
 */
export function accountScopeRefusal(actor: StaffUser, scope: AccountScope, units: UnitTree): { message: string; abuse: boolean } | null {
  if (!manageableRoles(actor).includes(scope.role)) {
    return { message: `您无权创建或修改${ROLE_LABELS[scope.role]}账号（不能高于自己的权限范围）`, abuse: true };
  }
  if (scope.unitId !== null && !canSeeUnit(actor, scope.unitId, units)) {
    return { message: '该单位不在您的管理范围内', abuse: true };
  }
  const problem = roleUnitProblem(scope);
  return problem === null ? null : { message: problem, abuse: false };
}

export type AccountChange = 'scope' | 'disable' | 'enable' | 'reset';

const SELF_REFUSALS: Readonly<Record<AccountChange, string | null>> = {
  scope: '不能修改自己的角色和范围，请由其他管理员操作',
  disable: '不能停用自己的账号',
  enable: null,
  reset: '不能重置自己的密码，请在“我的账号”中修改密码',
};

/** Why `actor` may not apply `change` to the existing account `targetId` (currently `target`), or null. */
export function accountChangeRefusal(actor: StaffUser, targetId: number, target: AccountScope, change: AccountChange, units: UnitTree): string | null {
  const self = SELF_REFUSALS[change];
  if (targetId === actor.id && self !== null) return self;
  const reachable = manageableRoles(actor).includes(target.role) && (target.unitId === null || canSeeUnit(actor, target.unitId, units));
  return reachable ? null : `您无权管理该${ROLE_LABELS[target.role]}账号`;
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
