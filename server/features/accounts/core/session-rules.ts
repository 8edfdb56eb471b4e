// How long a staff login lasts (docs/rules.md#staff-accounts). A session ends after a while without requests (a PC left on in
// a township office) and, however busy, after a fixed lifetime, so a stolen cookie is not good for ever.

/** Hours without a request after which the session is over. */
export const SESSION_IDLE_HOURS = 8;
/** Hours after login after which the session is over, used or not: a working day and a bit. */
export const SESSION_MAX_HOURS = 12;
/** A session's last-seen time is written at most this often, so a page with many requests writes once. */
export const TOUCH_INTERVAL_MS = 60_000;

const HOUR_MS = 3600_000;

export interface SessionTimes {
  createdAt: string;
  /** The moment the session ends however it is used. */
  expiresAt: string;
}

export function newSessionTimes(now: Date): SessionTimes {
  return { createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + SESSION_MAX_HOURS * HOUR_MS).toISOString() };
}

/** A session last seen before this moment has expired through inactivity. */
export function idleCutoff(now: Date): string {
  return new Date(now.getTime() - SESSION_IDLE_HOURS * HOUR_MS).toISOString();
}

/** True when the session's last-seen time is old enough to be written again. */
export function shouldTouch(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - new Date(lastSeenAt).getTime() >= TOUCH_INTERVAL_MS;
}
