// The per-device token behind "one response per device per grid per round" (PRODUCT.md §9). The cookie holds a
// random id, signed so it cannot be forged into someone else's; the database only keeps a keyed hash that is
// different for every round, so responses of one device cannot be linked across rounds.
import { createHmac, randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const DEVICE_COOKIE = 'sp_dev';
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
const FOUR_HUNDRED_DAYS = 400 * 24 * 60 * 60;

/** The device id from the signed cookie; a new one (and its cookie) when the request carries none that is valid. */
export function deviceIdOf(request: FastifyRequest, reply: FastifyReply): string {
  const raw = request.cookies[DEVICE_COOKIE];
  if (raw) {
    const unsigned = request.unsignCookie(raw);
    if (unsigned.valid && unsigned.value && DEVICE_ID.test(unsigned.value)) return unsigned.value;
  }
  const id = randomBytes(16).toString('base64url');
  reply.setCookie(DEVICE_COOKIE, id, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: FOUR_HUNDRED_DAYS,
  });
  return id;
}

export function deviceHash(secret: string, deviceId: string, roundId: number): string {
  return createHmac('sha256', secret).update(`${deviceId}:${roundId}`).digest('hex');
}

/** A fresh one-time key for a rendered form: resubmitting the same form never stores twice. */
export function newSubmissionKey(): string {
  return randomBytes(16).toString('base64url');
}

const SUBMISSION_KEY = /^[A-Za-z0-9_-]{8,64}$/;
export function isSubmissionKey(value: string | undefined): value is string {
  return value !== undefined && SUBMISSION_KEY.test(value);
}
