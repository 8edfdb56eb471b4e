// Who opens the planner page (docs/statistics.md#planner-page): the committee and administrators for the district,
// township staff for their township; grid workers plan no samples.
import { seesEverything } from '../../../core/auth/scope.js';
import type { StaffUser } from '../../../core/auth/staff.js';

export function canUsePlanner(user: StaffUser): boolean {
  return seesEverything(user) || user.role === 'township';
}
