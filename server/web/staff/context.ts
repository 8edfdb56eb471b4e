// Small pieces every staff route uses: the logged-in user, scope checks that answer 403, lookups that answer 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffUser } from '../../core/auth/staff.js';
import type { Unit } from '../../core/units/unit.js';
import type { Round } from '../../core/rounds/round.js';
import { canSeeUnit, roundTouchesScope } from '../../core/auth/scope.js';
import { publicBaseOf } from '../public-url.js';
import type { StaffActor } from '../../core/auth/actor.js';
import { truncateAddress } from '../../features/audit/core/client-address.js';
import { Forbidden, NotAuthenticated, RoundNotFound, UnitNotFound } from '../errors.js';

/** Staff pages render inside this layout. */
export const STAFF_LAYOUT = { layout: 'layouts/staff' } as const;

/** The logged-in user; the staff scope's onRequest hook has already turned anonymous visitors away. */
export function staffUser(request: FastifyRequest): StaffUser {
  if (!request.user) throw new NotAuthenticated();
  return request.user;
}

// Scope checks ask the in-memory unit tree (core/units/tree.ts): no query per ancestor, and a code typed into a
// URL is looked up in a Map, so `__proto__` or `constructor` is an unknown unit (404), never a crash.
export function unitInScope(app: FastifyInstance, user: StaffUser, code: string): Unit {
  const tree = app.repos.units.tree();
  const unit = tree.byCode(code);
  if (!unit) throw new UnitNotFound(code);
  if (!canSeeUnit(user, unit.id, tree)) throw new Forbidden();
  return unit;
}

export function roundInScope(app: FastifyInstance, user: StaffUser, code: string): Round {
  const round = app.repos.rounds.getByCode(code);
  if (!round) throw new RoundNotFound(code);
  if (!roundTouchesScope(user, round.unitIds, app.repos.units.tree())) throw new Forbidden();
  return round;
}

/** The grids of a round the user may see (an open or closed round's frozen grids). */
export function roundGridsInScope(app: FastifyInstance, user: StaffUser, round: Round): number[] {
  const tree = app.repos.units.tree();
  return app.repos.rounds.gridIds(round).filter((id) => canSeeUnit(user, id, tree));
}

/** Base of links printed for residents: the configured public URL, else one of this server's own addresses
 * (never a Host header it was merely sent; see ../../public-url.ts). */
export function publicBase(app: FastifyInstance, request: FastifyRequest): string {
  return publicBaseOf(app, request).base;
}

export function residentLink(base: string, gridCode: string): string {
  return `${base}/g/${encodeURIComponent(gridCode)}`;
}


/** Who acts and from where, for an audit entry: the client's address truncated (features/audit/core/client-address.ts). */
export function actorOf(request: FastifyRequest): StaffActor {
  return { userId: staffUser(request).id, client: truncateAddress(request.ip) };
}
