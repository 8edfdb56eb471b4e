// How a staff password is stored and checked: scrypt with a per-user salt, in a self-describing string, so that a
// later cost can be read from each stored hash. Checking runs scrypt on libuv's thread pool (~20 ms of CPU): done on
// the event loop, a stream of wrong-password posts would stall every resident's form.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// scrypt cost: N=2^14, r=8, p=1 (≈16 MB, tens of ms) — OWASP's minimum for scrypt, acceptable for a login form.
const SCRYPT = { N: 16384, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

/** scrypt off the event loop (node:crypto's callback form runs on the thread pool). */
export function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function formatHash(salt: Buffer, hash: Buffer): string {
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  return formatHash(salt, await scryptAsync(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT));
}

/** For setting up accounts outside any request (demo seed, CLI, tests): blocking is harmless there. */
export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16);
  return formatHash(salt, scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, SCRYPT));
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, hashB64] = parts;
  const expected = Buffer.from(hashB64, 'base64');
  if (expected.length === 0) return false;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  const actual = await scryptAsync(password.normalize('NFC'), Buffer.from(saltB64, 'base64'), expected.length, options);
  return timingSafeEqual(actual, expected);
}

// A hash with the same cost as real ones, checked against when the username is unknown so that the response time
// does not tell which usernames exist. Made on first use, off the event loop.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return dummyHash;
}

/**
 * Whether the password matches the stored hash; with no stored hash (an unknown or disabled name) a dummy of the same
 * cost is checked, so that the time taken does not tell which names exist.
 */
export async function passwordMatches(password: string, stored: string | undefined): Promise<boolean> {
  const ok = await checkPassword(password, stored ?? (await dummy()));
  return stored !== undefined && ok;
}
