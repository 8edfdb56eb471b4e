// When a login may be tried (docs/rules.md#login-limits). Failures are counted per account *and* address: five free
// tries, then each further attempt from that address at that account waits 2, 4, 8 … seconds after the previous one,
// at most 15 minutes; a successful login starts over. Failures from other addresses never hold the owner's own
// address, so nobody who merely knows a username can lock its owner out. An address that tries many accounts
// (password spraying) is held across all of them after a larger allowance. Many failures at one account, from
// wherever, are not a wait but an alert for the administrator: one audit entry per burst.

export const FREE_LOGIN_FAILURES = 5;
/** Failures one address may make across all usernames before every attempt from it waits. */
export const FREE_ADDRESS_FAILURES = 20;
export const MAX_LOGIN_DELAY_SECONDS = 15 * 60;
/** Failed attempts at one account (from any address) that make one audit alert for the administrator. */
export const ACCOUNT_ALERT_FAILURES = 10;

/** The wait after `failures` failed attempts before the next may be tried, in seconds (`free` tries without one). */
function delayAfter(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(2 ** (failures - free + 1), MAX_LOGIN_DELAY_SECONDS);
}

/** The wait after `failures` failed attempts of one address at one username, in seconds. */
export function loginDelaySeconds(failures: number): number {
  return delayAfter(failures, FREE_LOGIN_FAILURES);
}

/** Whole seconds still to wait after these failures (0: it may try now). */
export function secondsUntilNextLogin(record: { failures: number; lastAt: string } | undefined, now: Date, free = FREE_LOGIN_FAILURES): number {
  if (!record) return 0;
  const last = new Date(record.lastAt).getTime();
  if (Number.isNaN(last)) return 0;
  const remainingMs = last + delayAfter(record.failures, free) * 1000 - now.getTime();
  return remainingMs > 0 ? Math.ceil(remainingMs / 1000) : 0;
}

/** Failures of this username from this address, and of this address at any username. */
export interface LoginRecords {
  pair: { failures: number; lastAt: string } | undefined;
  address: { failures: number; lastAt: string } | undefined;
}

/** Seconds this address must wait before trying this username: the longer of its two limits. */
export function loginWaitSeconds(records: LoginRecords, now: Date): number {
  return Math.max(secondsUntilNextLogin(records.pair, now), secondsUntilNextLogin(records.address, now, FREE_ADDRESS_FAILURES));
}

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/**
 * The address a login is counted against: an IPv4 address as it is; an IPv6 address by its /64 (one household or
 * phone is given a whole /64, and could otherwise take a fresh address for every try).
 */
export function loginAddressKey(ip: string): string {
  const mapped = IPV4_MAPPED.exec(ip);
  if (mapped) return mapped[1] ?? ip;
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
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
