// Staff login sessions. Every request gets `request.user` (null for residents and logged-out visitors) from the
// signed `sp_session` cookie; the staff scope adds `app.requireStaff` as an onRequest hook.
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffUser } from '../../domain/auth/staff.js';
import { NotAuthenticated } from '../errors.js';

export const SESSION_COOKIE = 'sp_session';
/** A working day and a bit: staff log in in the morning and are not thrown out mid-afternoon. */
export const SESSION_TTL_HOURS = 12;

declare module 'fastify' {
  interface FastifyRequest {
    user: StaffUser | null;
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

export default fp(
  async (app) => {
    app.decorateRequest('user', null);

    app.addHook('onRequest', (request, _reply, done) => {
      const id = sessionIdOf(request);
      if (id) request.user = app.repos.users.sessionUser(id) ?? null;
      done();
    });

    app.decorateReply('logIn', function logIn(this: FastifyReply, user: StaffUser) {
      const previous = sessionIdOf(this.request);
      // A fresh id on every login: a session id planted before login is never promoted.
      if (previous) app.repos.users.deleteSession(previous);
      const id = app.repos.users.createSession(user.id, SESSION_TTL_HOURS);
      this.setCookie(SESSION_COOKIE, id, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: 'auto',
        signed: true,
        maxAge: SESSION_TTL_HOURS * 3600,
      });
      this.request.user = user;
    });

    app.decorateReply('logOut', function logOut(this: FastifyReply) {
      const id = sessionIdOf(this.request);
      if (id) app.repos.users.deleteSession(id);
      this.clearCookie(SESSION_COOKIE, { path: '/' });
      this.request.user = null;
    });

    app.decorate('requireStaff', async function requireStaff(request: FastifyRequest, reply: FastifyReply) {
      if (request.user) return undefined;
      if (request.url.startsWith('/api/')) throw new NotAuthenticated();
      const next = request.method === 'GET' ? request.url : '/';
      return reply.redirect(next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`);
    });
  },
  { name: 'safepoll-auth', dependencies: ['safepoll-storage'] },
);
