// Logs a staff member in through the real login form and keeps the cookies a browser would, for staff page tests.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface StaffSession {
  cookies: Record<string, string>;
  /** The anti-forgery token of the last page read (forms carry it in `_csrf`). */
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form with the session's token unless `_csrf` is given. */
  post(url: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
}

function keep(cookies: Record<string, string>, res: LightMyRequestResponse): void {
  for (const c of res.cookies) {
    if (c.value === '' || (c.expires !== undefined && new Date(c.expires).getTime() < Date.now())) delete cookies[c.name];
    else cookies[c.name] = c.value;
  }
}

export function tokenIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('page has no _csrf field');
  return m[1];
}

export function formBody(form: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const item of Array.isArray(v) ? v : [v]) p.append(k, item);
  return p.toString();
}

/** A browser-like client: reads the login page, posts the credentials, keeps the cookies. */
export async function anonymous(app: FastifyInstance): Promise<StaffSession> {
  const cookies: Record<string, string> = {};
  const session: StaffSession = {
    cookies,
    csrf: '',
    async get(url) {
      const res = await app.inject({ method: 'GET', url, cookies });
      keep(cookies, res);
      const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
      if (m) session.csrf = m[1];
      return res;
    },
    async post(url, form) {
      const res = await app.inject({
        method: 'POST',
        url,
        cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: session.csrf, ...form }),
      });
      keep(cookies, res);
      return res;
    },
  };
  return session;
}

export async function logIn(app: FastifyInstance, username: string, password: string): Promise<StaffSession> {
  const s = await anonymous(app);
  await s.get('/login');
  const res = await s.post('/login', { username, password });
  if (res.statusCode !== 303) throw new Error(`login as ${username} failed: ${res.statusCode}`);
  return s;
}
