// Who may do what with the roster (docs/rules.md#roster): the committee and administrators everywhere, township staff in
// their township; grid workers see their grids' list (masked) but neither import nor mark numbers — the numbers they
// call reach them through the interview screen.
import type { StaffUser } from '../../../core/auth/staff.js';
import { seesEverything } from '../../../core/auth/scope.js';

export function canEditRoster(user: StaffUser): boolean {
  return seesEverything(user) || (user.role === 'township' && user.unitId !== null);
}
