// What the resident form checks about who is submitting, before the answers are looked at for storing: that the
// device has not answered in this round yet, and that the post carries a key this server issued to this device for
// this grid and round (submission-key.ts). A post that fails the key check is never stored: the form comes back
// with the answers kept and a fresh key, so a resident whose browser dropped the cookie gets through with one tap.
import type { FastifyInstance } from 'fastify';
import type { ResidentContext } from './context.js';
import { deviceHash, type Device } from './device.js';
import { deviceHasAnswered } from '../responses/responses-service.js';
import { checkSubmissionKey, issueSubmissionKey, type KeyCheck } from './submission-key.js';

/** Shown above a form sent back because its key did not check out (the answers are still filled in). */
export const CONFIRM_NOTICE = '为确认是本人提交，请再点一次“提交答卷”';

export interface Gate {
  /** Whether the posted key was issued to this device, grid and round and is still good. */
  check: KeyCheck;
  /** The key the next form carries: the posted one while it is good, else a fresh one bound to this device. */
  key: string;
  deviceHash: string;
}

function bindingOf(ctx: ResidentContext, device: Device) {
  return { deviceId: device.id, roundId: ctx.round.id, gridId: ctx.grid.id };
}

/** A key for a form served to this device now. */
export function formKey(app: FastifyInstance, ctx: ResidentContext, device: Device): string {
  return issueSubmissionKey(app.secret, bindingOf(ctx, device));
}

/** Checks the posted key against the device it came with. A new device (no cookie) can only hold a forged key. */
export function gateOf(app: FastifyInstance, ctx: ResidentContext, device: Device, posted: string | undefined): Gate {
  const check = device.isNew ? (posted ? 'forged' : 'missing') : checkSubmissionKey(app.secret, posted, bindingOf(ctx, device));
  return {
    check,
    key: check === 'valid' && posted !== undefined ? posted : formKey(app, ctx, device),
    deviceHash: deviceHash(app.secret, device.id, ctx.round.id),
  };
}

/** Whether this device already answered in the context's round, in any of its grids. */
export function hasAnswered(app: FastifyInstance, ctx: ResidentContext, device: Device): boolean {
  if (device.isNew) return false;
  return deviceHasAnswered(app.repos, ctx.round.id, deviceHash(app.secret, device.id, ctx.round.id));
}
