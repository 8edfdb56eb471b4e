// The routes' side of the permission verbs (server/core/auth/permissions.ts): a refusal becomes the error the error
// handler shows — 403 with the verb's sentence (a receipt's as ReceiptRefused, the error its pages have always
// answered with), or 409 when the user may take the step but not in the object's present state.
import type { FastifyError } from 'fastify';
import { can, type Permission, type Verb, type VerbObjects } from '../core/auth/permissions.js';
import { Conflict, NotPermitted, ReceiptRefused } from './errors.js';

/** The error a refusal is answered with. */
export function refusalError(verb: Verb, message: string, state = false): FastifyError {
  if (state) return new Conflict(message);
  return verb.startsWith('receipt.') ? new ReceiptRefused(message) : new NotPermitted(message);
}

/** Throws the refusal's error unless the permission allows. */
export function mustBeAllowed(verb: Verb, permission: Permission): void {
  if (!permission.allowed) throw refusalError(verb, permission.message, permission.state === true);
}

/** Asks the rule and throws its refusal: `allow(user, 'review.decide', { round })`. */
export function allow<V extends Verb>(user: Parameters<typeof can>[0], verb: V, on?: VerbObjects[V]): void {
  mustBeAllowed(verb, can(user, verb, on));
}
