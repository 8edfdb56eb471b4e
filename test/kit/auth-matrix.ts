// The app's routes as the router lists them, and requests of any visitor with one anti-forgery token, for the
// authorization matrix (auth-matrix.test.ts): every route is tried by every kind of visitor.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SESSION_COOKIE } from '../../server/web/plugins/auth.js';
import { anonymous, formBody } from './app.js';

export interface RouteKey {
  method: string;
  url: string;
}

const NODE = /^([│ ]*)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/;

/** Every method and path the app answers (HEAD left out: Fastify adds it to every GET), from app.printRoutes(). */
export function listRoutes(app: FastifyInstance): RouteKey[] {
  const stack: string[] = [];
  const out: RouteKey[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = NODE.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack.push(m[2]);
    const url = stack.join('');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x !== '' && x !== 'HEAD')) out.push({ method, url });
  }
  return out;
}

/** A cookie jar holding a valid anti-forgery token (from an anonymous visit to the login page). */
export async function csrfJar(app: FastifyInstance): Promise<{ cookies: Record<string, string>; token: string }> {
  const visitor = await anonymous(app);
  await visitor.get('/login');
  if (!visitor.csrf) throw new Error('login page has no _csrf');
  return { cookies: visitor.cookies, token: visitor.csrf };
}

export async function send(
  app: FastifyInstance,
  jar: { cookies: Record<string, string>; token: string },
  session: string | null,
  route: { method: string; url: string; body?: Record<string, string>; json?: unknown },
): Promise<LightMyRequestResponse> {
  const cookies = { ...jar.cookies, ...(session ? { [SESSION_COOKIE]: session } : {}) };
  if (route.method === 'GET') return app.inject({ method: 'GET', url: route.url, cookies });
  const json = route.url.startsWith('/api/');
  return app.inject({
    method: route.method === 'POST' ? 'POST' : 'GET',
    url: route.url,
    cookies,
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    payload: json ? JSON.stringify(route.json ?? {}) : formBody({ _csrf: jar.token, ...(route.body ?? {}) }),
  });
}

export type Outcome = 'ok' | 'login' | 'change' | 'denied' | 'disabled';

export interface Reading {
  /** Statuses that also mean the route let the visitor in (a refusal of the input, given after the credential). */
  accept?: number[];
  /** Where a 303 after a form means the route did its work (logout and sign-out end at the login page). */
  doneAt?: string;
}

/** What a visitor met: the page (or an input refusal after authorization), the login, the password form, a 403. */
export function outcomeOf(res: LightMyRequestResponse, reading: Reading = {}): Outcome | `status ${number}` {
  const location = String(res.headers.location ?? '');
  if (res.statusCode >= 300 && res.statusCode < 400) {
    if (reading.doneAt !== undefined && location === reading.doneAt && res.statusCode === 303) return 'ok';
    if (location.startsWith('/login')) return 'login';
    if (location === '/account/password') return 'change';
    return 'ok';
  }
  if (reading.accept?.includes(res.statusCode)) return 'ok';
  if (res.statusCode === 401) return 'login';
  if (res.statusCode === 403) return res.body.includes('该账号已被停用') ? 'disabled' : 'denied';
  if (res.statusCode < 300 || res.statusCode === 409 || res.statusCode === 422) return 'ok';
  return `status ${res.statusCode}`;
}
