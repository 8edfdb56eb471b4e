// Staff login sessions. Every request gets `request.user` (null for residents and logged-out visitors) from the
// signed `sp_session` cookie; the staff scope adds `app.requireStaff` as an onRequest hook. A session is over after
// SESSION_IDLE_HOURS without a request or SESSION_MAX_HOURS after login (features/accounts/core/session-rules.ts); a disabled
// account's session is refused on its next request (and the refusal audited); an account that must replace its
// one-time password reaches nothing but the password form.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffUser } from '../../core/auth/staff.js';
import { idleCutoff, newSessionTimes, SESSION_MAX_HOURS, shouldTouch } from '../../features/accounts/core/session-rules.js';
import { truncateAddress } from '../../features/audit/core/client-address.js';
import type { LiveSession } from '../../features/accounts/sessions-repo.js';
import { AccountDisabled, NotAuthenticated } from '../errors.js';
import { writeTransaction } from '../../platform/write-transaction.js';

export const SESSION_COOKIE = 'sp_session';
/** Where an account with a one-time password is sent, whatever it asks for. */
export const PASSWORD_CHANGE_PATH = '/account/password';

export interface StaffSessionInfo {
  /** The stored key of the session (a hash of the cookie's id). */
  key: string;
  mustChangePassword: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: StaffUser | null;
    /** The session behind `user`; null without one. */
    staffSession: StaffSessionInfo | null;
    /** True when the cookie named a session of a disabled account (refused on this request). */
    sessionRefused: boolean;
  }
  interface FastifyReply {
    /** Starts a session for the user and sets the cookie. */
    logIn(user: StaffUser): void;
    /** Ends the current session (if any) and clears the cookie. */
    logOut(): void;
  }
  interface FastifyInstance {
    /** onRequest hook: pages redirect to /login?next=…, /api answers 401. */
    requireStaff(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  }
}

function sessionIdOf(request: FastifyRequest): string | undefined {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

function pathOf(request: FastifyRequest): string {
  return request.url.split('?')[0];
}

/** The disabled account's session ends here, with an audit entry of who tried to use it and from where. */
function refuseDisabled(app: FastifyInstance, request: FastifyRequest, live: LiveSession): void {
  writeTransaction(app.db, () => {
    app.repos.sessions.endByKey(live.key);
    app.repos.audit.record(live.user.id, 'account.disabled-session', { path: pathOf(request) }, truncateAddress(request.ip));
  });
  request.sessionRefused = true;
}

/** Sets request.user from a live session, sliding its idle limit. */
function attachSession(app: FastifyInstance, request: FastifyRequest, id: string): void {
  const now = new Date();
  const live = app.repos.sessions.find(id, now.toISOString(), idleCutoff(now));
  if (!live) return;
  if (!live.active) return refuseDisabled(app, request, live);
  // An account with a one-time password has no business on the API: it is anonymous there.
  if (live.mustChangePassword && request.url.startsWith('/api/')) return;
  if (shouldTouch(live.lastSeenAt, now)) {
    // Sliding expiry only: a busy database must not fail the request.
    try {
      app.repos.sessions.touch(live.key, now.toISOString());
    } catch (err) {
      request.log.warn({ err }, 'could not record session use');
    }
  }
  request.user = live.user;
  request.staffSession = { key: live.key, mustChangePassword: live.mustChangePassword };
}

export default fp(
  async (app) => {
    app.decorateRequest('user', null);
    app.decorateRequest('staffSession', null);
    app.decorateRequest('sessionRefused', false);

    app.addHook('onRequest', (request, _reply, done) => {
      const id = sessionIdOf(request);
      if (id) attachSession(app, request, id);
      done();
    });

    app.decorateReply('logIn', function logIn(this: FastifyReply, user: StaffUser) {
      const previous = sessionIdOf(this.request);
      // A fresh id on every login: a session id planted before login is never promoted.
      if (previous) app.repos.sessions.end(previous);
      const now = new Date();
      const id = app.repos.sessions.create(user.id, newSessionTimes(now), idleCutoff(now));
      this.setCookie(SESSION_COOKIE, id, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        signed: true,
        maxAge: SESSION_MAX_HOURS * 3600,
      });
      this.request.user = user;
    });

    app.decorateReply('logOut', function logOut(this: FastifyReply) {
      const id = sessionIdOf(this.request);
      if (id) app.repos.sessions.end(id);
      this.clearCookie(SESSION_COOKIE, { path: '/' });
      this.request.user = null;
      this.request.staffSession = null;
    });

    app.decorate('requireStaff', async function requireStaff(request: FastifyRequest, reply: FastifyReply) {
      if (request.user) {
        if (!request.staffSession?.mustChangePassword || pathOf(request) === PASSWORD_CHANGE_PATH) return undefined;
        return reply.redirect(PASSWORD_CHANGE_PATH, request.method === 'GET' ? 302 : 303);
      }
      if (request.sessionRefused) {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        throw new AccountDisabled();
      }
      if (request.url.startsWith('/api/')) throw new NotAuthenticated();
      const next = request.method === 'GET' ? request.url : '/';
      // A signed session cookie that no longer names a live session: it timed out or was ended elsewhere. The login
      // page says so, rather than greeting a staff member who was working a minute ago as if they never logged in.
      const expired = sessionIdOf(request) !== undefined;
      if (expired) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      const query = [expired ? 'expired=1' : '', next === '/' ? '' : `next=${encodeURIComponent(next)}`].filter(Boolean).join('&');
      return reply.redirect(query ? `/login?${query}` : '/login');
    });
  },
  { name: 'safepoll-auth', dependencies: ['safepoll-storage'] },
);
