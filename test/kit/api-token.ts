// API credentials for tests: a token issued straight through the repository (as an administrator would on
// /admin/tokens) and the header that carries it.
import type { Repos } from '../../server/platform/repos.js';

/** Issues a token for the unit with this code (null: the whole district) and returns its secret. */
export function issueToken(repos: Repos, unitCode: string | null, name = '测试系统'): string {
  const unit = unitCode === null ? null : repos.units.getByCode(unitCode);
  if (unit === undefined) throw new Error(`no unit ${String(unitCode)} to scope a token to`);
  return repos.apiTokens.issue({ name, unitId: unit?.id ?? null, createdBy: null }).secret;
}

export function bearer(secret: string): { authorization: string } {
  return { authorization: `Bearer ${secret}` };
}
