// The per-account limit on logins, beside the per-address one: a password guesser spread over many addresses (or a
// shared NAT where the right person also sits) is slowed per username instead. Five free tries, then each further
// attempt waits 2, 4, 8 … seconds after the previous one, at most 15 minutes; a successful login starts over.

export const FREE_LOGIN_FAILURES = 5;
export const MAX_LOGIN_DELAY_SECONDS = 15 * 60;

/** The wait after `failures` failed attempts before the next may be tried, in seconds. */
export function loginDelaySeconds(failures: number): number {
  if (failures < FREE_LOGIN_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_LOGIN_FAILURES + 1), MAX_LOGIN_DELAY_SECONDS);
}

/** Whole seconds still to wait before this username may try again (0: it may try now). */
export function secondsUntilNextLogin(record: { failures: number; lastAt: string } | undefined, now: Date): number {
  if (!record) return 0;
  const last = new Date(record.lastAt).getTime();
  if (Number.isNaN(last)) return 0;
  const remainingMs = last + loginDelaySeconds(record.failures) * 1000 - now.getTime();
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
}

/** What the login page says when the account must wait. */
export function loginWaitMessage(seconds: number): string {
  const wait = seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`;
  return `该账号连续登录失败次数过多，为保护账号安全，请 ${wait}后再试`;
}

/** Failure counts untouched this long are forgotten, so the table holds only recent guessing. */
export const FORGET_LOGIN_FAILURES_HOURS = 24;

/** The moment before which a failure count is forgotten. */
export function forgetFailuresBefore(now: Date): Date {
  return new Date(now.getTime() - FORGET_LOGIN_FAILURES_HOURS * 3600_000);
}
