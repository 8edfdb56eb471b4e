// What part of the unit tree a staff member may see and do (docs/rules.md#roles-and-scopes): grid staff
// see their grids, township staff their township, the committee and administrators everything.
import type { StaffUser } from './staff.js';

/** The part of the units repository scoping needs: a test or another store can supply its own. */
export interface UnitTree {
  isWithin(unitId: number, ancestorId: number): boolean;
}

/** Committee and administrators see the whole district. */
export function seesEverything(user: StaffUser): boolean {
  return user.role === 'admin' || user.role === 'committee';
}

/** True when the unit lies in the user's part of the tree (the user's own unit included). */
export function canSeeUnit(user: StaffUser, unitId: number, units: UnitTree): boolean {
  if (seesEverything(user)) return true;
  // A township or grid account without a unit has been set up wrongly: it sees nothing rather than everything.
  if (user.unitId === null) return false;
  return units.isWithin(unitId, user.unitId);
}

/** The units a user's pages start from: the whole tree's roots, or the user's own unit. */
export function scopeRootIds(user: StaffUser, rootIds: number[]): number[] {
  if (seesEverything(user)) return rootIds;
  return user.unitId === null ? [] : [user.unitId];
}

/** A round is on a user's pages when it covers part of the user's scope (or all of it). */
export function roundTouchesScope(user: StaffUser, roundUnitIds: readonly number[], units: UnitTree): boolean {
  if (seesEverything(user)) return true;
  const own = user.unitId;
  if (own === null) return false;
  return roundUnitIds.some((u) => units.isWithin(u, own) || units.isWithin(own, u));
}

/** The level a user's progress tables report by: townships for the committee, villages for a township, grids otherwise. */
export function reportingLevel(user: StaffUser): 'township' | 'village' | 'grid' {
  if (seesEverything(user)) return 'township';
  return user.role === 'township' ? 'village' : 'grid';
}
