// The per-device token behind "one response per device per round" (docs/rules.md#one-response-per-device). Cookie: a
// random id, signed so it cannot be forged into someone else's; the database only keeps a keyed hash that is
// different for every round, so responses of one device cannot be linked across rounds.
import { createHmac, randomFillSync } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const DEVICE_COOKIE = 'sp_dev';
const DEVICE_ID = /^[A-Za-z0-9_-]{22}$/;
const FOUR_HUNDRED_DAYS = 400 * 24 * 60 * 60;
const TOKEN_BYTES = 16;

// Every form page needs one or two fresh random tokens. They are cut from a pool of CSPRNG output refilled when used
// up — one randomFillSync call per 256 tokens instead of one per token, as crypto.randomUUID caches; no byte is used
// twice.
const pool = Buffer.alloc(TOKEN_BYTES * 256);
let poolAt = pool.length;

/** 128 random bits, base64url (22 characters). */
function randomToken(): string {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const token = pool.toString('base64url', poolAt, poolAt + TOKEN_BYTES);
  poolAt += TOKEN_BYTES;
  return token;
}

export interface Device {
  id: string;
  /** Issued by this very request (no valid cookie came with it): such a device cannot have answered yet. */
  isNew: boolean;
}

/** The device from the signed cookie; a new one (and its cookie) when the request carries none that is valid. */
export function deviceOf(request: FastifyRequest, reply: FastifyReply): Device {
  const raw = request.cookies[DEVICE_COOKIE];
  if (raw) {
    const unsigned = request.unsignCookie(raw);
    if (unsigned.valid && unsigned.value && DEVICE_ID.test(unsigned.value)) return { id: unsigned.value, isNew: false };
  }
  const id = randomToken();
  reply.setCookie(DEVICE_COOKIE, id, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: FOUR_HUNDRED_DAYS,
  });
  return { id, isNew: true };
}

export function deviceHash(secret: string, deviceId: string, roundId: number): string {
  return createHmac('sha256', secret).update(`${deviceId}:${roundId}`).digest('hex');
}

/** 128 fresh random bits: a device id, or the nonce of a submission key (submission-key.ts). */
export function newSubmissionKey(): string {
  return randomToken();
}
