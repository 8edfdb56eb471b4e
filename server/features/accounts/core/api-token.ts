// API tokens and the principals of the JSON API (docs/rules.md#json-api): other systems call /api with a token an
// administrator issued for one unit of the tree (or the whole district); staff call it with their login session.
// Either way the request acts within a scope, checked with the same UnitTree rules as the staff pages.
import type { Round } from '../../../core/rounds/round.js';
import type { UnitLevel } from '../../../core/units/unit.js';
import type { StaffRole, StaffUser } from '../../../core/auth/staff.js';
import { canSeeUnit, roundTouchesScope, type UnitTree } from '../../../core/auth/scope.js';

export interface ApiToken {
  id: number;
  /** What the token is for (the system or person that holds it). */
  name: string;
  /** The unit whose part of the tree the token reaches; null for the whole district. */
  unitId: number | null;
  unitCode: string | null;
  unitName: string | null;
  unitLevel: UnitLevel | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Tokens read `sp_` then 32 random bytes in base64url: recognisable in a config file or a leak scan. */
export const TOKEN_PREFIX = 'sp_';
const TOKEN_PATTERN = /^sp_[A-Za-z0-9_-]{43}$/;

/** True when the text has the shape of a token; anything else is refused before a database lookup. */
export function looksLikeToken(text: string): boolean {
  return TOKEN_PATTERN.test(text);
}

/** The role and unit a credential acts as: the staff rules of scope.ts decide what it reaches. */
export interface ApiScope {
  role: StaffRole;
  unitId: number | null;
}

export type ApiPrincipal =
  | { kind: 'token'; tokenId: number; name: string; scope: ApiScope }
  | { kind: 'staff'; user: StaffUser; scope: ApiScope };

/**
 * A token acts like the staff of its unit: one without a unit like the committee (the whole district), one for a
 * district or township like a township account, one for a village or grid like a grid account. Only the committee
 * role sees everything, so a token for one district never reaches a second district imported beside it.
 */
export function tokenScope(token: Pick<ApiToken, 'unitId' | 'unitLevel'>): ApiScope {
  if (token.unitId === null) return { role: 'committee', unitId: null };
  const role: StaffRole = token.unitLevel === 'village' || token.unitLevel === 'grid' ? 'grid' : 'township';
  return { role, unitId: token.unitId };
}

export function staffScope(user: StaffUser): ApiScope {
  return { role: user.role, unitId: user.unitId };
}

// scope.ts speaks of staff users; a scope is checked as a user with no identity of its own.
function asUser(scope: ApiScope): StaffUser {
  return { id: 0, username: '', displayName: '', role: scope.role, unitId: scope.unitId };
}

/** True when the unit lies within what the credential reaches. */
export function scopeCovers(scope: ApiScope, unitId: number, units: UnitTree): boolean {
  return canSeeUnit(asUser(scope), unitId, units);
}

/** True when every unit lies within the scope (a round's default top unit then reports only on the scope's grids). */
export function scopeCoversAll(scope: ApiScope, unitIds: readonly number[], units: UnitTree): boolean {
  return unitIds.every((id) => scopeCovers(scope, id, units));
}

/**
 * Which rounds GET /api/rounds lists: rounds under way or closed to everyone (residents reach their questionnaire
 * without a credential anyway); a draft only to staff signed in whose part of the tree it touches.
 */
export function listsRound(principal: ApiPrincipal | null, round: Pick<Round, 'state' | 'unitIds'>, units: UnitTree): boolean {
  if (round.state !== 'draft') return true;
  return principal?.kind === 'staff' && roundTouchesScope(principal.user, round.unitIds, units);
}

/** Last use is written at most once a minute per token, so reading results does not turn into a write per call. */
export const TOKEN_USE_INTERVAL_MS = 60_000;

export function shouldRecordUse(lastUsedAt: string | null, now: Date): boolean {
  if (lastUsedAt === null) return true;
  const last = Date.parse(lastUsedAt);
  return Number.isNaN(last) || now.getTime() - last >= TOKEN_USE_INTERVAL_MS;
}

export const TOKEN_NAME_MAX = 60;

/** The name an administrator types for a token: required, one line, at most 60 characters. */
export function checkTokenName(raw: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = raw.trim();
  if (name === '') return { ok: false, message: '请填写令牌用途（例如使用该令牌的系统名称）' };
  if ([...name].length > TOKEN_NAME_MAX) return { ok: false, message: `用途不能超过 ${TOKEN_NAME_MAX} 个字` };
  if (/[\u0000-\u001f\u007f]/.test(name)) return { ok: false, message: '用途不能包含换行或控制字符' };
  return { ok: true, name };
}
