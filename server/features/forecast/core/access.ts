// Who sees the forecast and changes its settings: it is about the whole district and its standing among peers, so
// the committee (政法委/平安办) and administrators only; the API follows the results API's scope rule instead.
import type { StaffUser } from '../../../core/auth/staff.js';

export function canUseForecast(user: StaffUser): boolean {
  return user.role === 'admin' || user.role === 'committee';
}
