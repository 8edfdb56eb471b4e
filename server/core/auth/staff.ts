// Staff accounts and their roles, each scoped to units (docs/rules.md#roles-and-scopes; what each sees: scope.ts).

export type StaffRole = 'admin' | 'committee' | 'township' | 'grid';
export const STAFF_ROLES: readonly StaffRole[] = ['admin', 'committee', 'township', 'grid'];

export const ROLE_LABELS: Readonly<Record<StaffRole, string>> = {
  admin: '系统管理员',
  committee: '政法委/平安办',
  township: '乡镇/街道综治中心',
  grid: '网格员',
};

export interface StaffUser {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  unitId: number | null;
}
