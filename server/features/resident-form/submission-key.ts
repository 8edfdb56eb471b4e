// The one-time key a served form carries: proof that the form came from SafePoll, to this device, for this grid and
// round, recently. It is an HMAC (keyed with the app secret) of the device cookie's id, round, grid, issue time and a
// random nonce, so it cannot be made up without the secret, and a key taken from one device's page is worthless with
// another device's cookie. A cross-site form post arrives without the SameSite=Lax cookie, is given a new device,
// and so never matches. Nothing is stored when a key is issued: checking it needs only the secret, and "unused" is
// the UNIQUE submission key of the stored (or held) responses.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { newSubmissionKey } from './device.js';

/**
 * How long a served form stays good to send. Two hours: enough for a resident to be interrupted halfway through the
 * form and come back to it; short enough that keys cannot be gathered on one day and spent in bulk on another. An
 * expired key costs the resident nothing but one more tap (the form comes back filled in, with a fresh key).
 */
export const SUBMISSION_KEY_TTL_MS = 2 * 60 * 60 * 1000;
/** A key issued "in the future" by this much is still accepted (the clock may step back a little). */
const CLOCK_SLACK_MS = 60 * 1000;
const MAC_LENGTH = 22;
const KEY = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$/;

export interface KeyBinding {
  deviceId: string;
  roundId: number;
  gridId: number;
}

function macOf(secret: string, binding: KeyBinding, issuedAt: number, nonce: string): string {
  return createHmac('sha256', secret)
    .update(`submission-key:${binding.deviceId}:${binding.roundId}:${binding.gridId}:${issuedAt}:${nonce}`)
    .digest('base64url')
    .slice(0, MAC_LENGTH);
}

/** A key for a form served now to this device, grid and round. */
export function issueSubmissionKey(secret: string, binding: KeyBinding, now = Date.now()): string {
  const issuedAt = Math.floor(now / 1000);
  const nonce = newSubmissionKey();
  return `${issuedAt.toString(36)}.${nonce}.${macOf(secret, binding, issuedAt, nonce)}`;
}

export type KeyCheck = 'valid' | 'missing' | 'forged' | 'expired';

/** Whether a posted key was issued by this server to this device, grid and round within the last two hours. */
export function checkSubmissionKey(secret: string, key: string | undefined, binding: KeyBinding, now = Date.now()): KeyCheck {
  if (key === undefined || key === '') return 'missing';
  const m = KEY.exec(key);
  if (!m) return 'forged';
  const issuedAt = parseInt(m[1], 36);
  const expected = Buffer.from(macOf(secret, binding, issuedAt, m[2]));
  if (!timingSafeEqual(expected, Buffer.from(m[3]))) return 'forged';
  const age = now - issuedAt * 1000;
  if (age > SUBMISSION_KEY_TTL_MS || age < -CLOCK_SLACK_MS) return 'expired';
  return 'valid';
}
