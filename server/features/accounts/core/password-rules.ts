// What a staff password must be (docs/rules.md#staff-accounts): hard to guess, and not the login name, which
// anyone who has seen the account list knows. One-time passwords for new and reset accounts are drawn here too.
import { randomInt } from 'node:crypto';

export const PASSWORD_MIN_LENGTH = 10;
/** The login form accepts up to this many characters; a longer password could never be typed in. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordCheck = { ok: true } | { ok: false; message: string };

/** Characters counted as a person sees them (a Chinese character is one, not two UTF-16 units). */
function length(text: string): number {
  return [...text.normalize('NFC')].length;
}

/** Checks a new password for the account `username`; `current` is refused when given and equal. */
export function checkNewPassword(password: string, username: string, current?: string): PasswordCheck {
  if (length(password) < PASSWORD_MIN_LENGTH) return { ok: false, message: `新密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符` };
  if (length(password) > PASSWORD_MAX_LENGTH) return { ok: false, message: `新密码最多 ${PASSWORD_MAX_LENGTH} 个字符` };
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) {
    return { ok: false, message: '新密码不能与用户名相同' };
  }
  if (current !== undefined && password === current) return { ok: false, message: '新密码不能与当前密码相同' };
  return { ok: true };
}

// No 0/O, 1/l/I: the password is read off a screen and typed in by someone else.
const ONE_TIME_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const ONE_TIME_LENGTH = 14;

/** A random password for a new or reset account, shown once; its holder must replace it at first login. */
export function oneTimePassword(): string {
  let out = '';
  for (let i = 0; i < ONE_TIME_LENGTH; i++) out += ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)];
  return out;
}
