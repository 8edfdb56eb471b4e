// What the account pages show: rows of the account list, the role and unit choices of the forms.
import type { Account } from './accounts-repo.js';
import type { StaffRole, StaffUser } from '../../core/auth/staff.js';
import { ROLE_LABELS } from '../../core/auth/staff.js';
import { manageableRoles } from './core/account-rules.js';
import { canSeeUnit, type UnitTree } from '../../core/auth/scope.js';
import { buildUnitTree, type UnitNode } from '../../core/units/tree-summary.js';
import { LEVEL_LABELS, type Unit } from '../../core/units/unit.js';

export interface Choice {
  value: string;
  label: string;
  selected: boolean;
}

export function scopeName(account: Pick<Account, 'unitId' | 'unitName' | 'unitCode'>): string {
  return account.unitId === null ? '全区' : `${account.unitName ?? ''}（${account.unitCode ?? ''}）`;
}

export function accountRow(account: Account) {
  return {
    account,
    roleName: ROLE_LABELS[account.role],
    scopeName: scopeName(account),
  };
}

export function roleChoices(user: StaffUser, selected: string): Choice[] {
  return manageableRoles(user).map((role: StaffRole) => ({ value: role, label: ROLE_LABELS[role], selected: role === selected }));
}

/**
 * The units an account can be scoped to (the district, townships and grids: villages have no role of their own) in
 * tree order, indented by depth, limited to what the user may see.
 */
export function unitChoices(all: readonly Unit[], rootIds: readonly number[], user: StaffUser, tree: UnitTree, selected: string): Choice[] {
  const choices: Choice[] = [];
  const walk = (nodes: UnitNode[], depth: number) => {
    for (const n of nodes) {
      if (n.unit.level !== 'village' && canSeeUnit(user, n.unit.id, tree)) {
        const label = `${'　'.repeat(depth)}${n.unit.name}（${LEVEL_LABELS[n.unit.level]} ${n.unit.code}）`;
        choices.push({ value: n.unit.code, label, selected: n.unit.code === selected });
      }
      walk(n.children, depth + 1);
    }
  };
  walk(buildUnitTree(all, rootIds), 0);
  return choices;
}
