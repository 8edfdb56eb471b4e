// The one way tests build the app and act in it: `build(t, { seed, config, logger })` on a fresh temporary database
// that is closed and removed when the test ends; `injectAs(app, user)` for a staff member's session with the
// anti-forgery token a browser would hold; `logIn` for tests that need the real login form; API tokens for the API.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../server/config.js';
import { openDatabase, type Db } from '../../server/platform/db.js';
import { createRepos, type Repos } from '../../server/platform/repos.js';
import { idleCutoff, newSessionTimes } from '../../server/features/accounts/core/session-rules.js';
import { migratedTemplate } from './db-template.js';

export interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A fresh temporary folder, removed with everything in it when the test ends. */
export function tempDir(t: Teardown, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `safepoll-${name}-`));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestDb {
  db: Db;
  repos: Repos;
  dir: string;
}

/** A fresh, migrated database in its own temporary folder: empty, or a copy of the database file `from`. */
export function testDb(t: Teardown, from: string = migratedTemplate()): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-test-'));
  copyFileSync(from, join(dir, 'test.db'));
  const db = openDatabase(join(dir, 'test.db'));
  t.teardown(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, repos: createRepos(db), dir };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), seedDemo: false, secret: 'test-secret-'.padEnd(40, 'x'), logLevel: 'silent', ...overrides };
}

/** Where the app writes its log, at which level (the server's own logger settings otherwise). */
export interface LogTarget {
  stream: Writable;
  level?: string;
}

export interface BuildOptions {
  /** Fixtures written through the repositories before the app is built. */
  seed?: (repos: Repos, db: Db) => void | Promise<void>;
  /** A database file to start from (copied; kit/demo-db.ts demoDatabase() for the demo district). */
  from?: string;
  config?: Partial<Config>;
  /** Without it the app logs nothing. */
  logger?: LogTarget;
}

export interface Built extends TestDb {
  app: FastifyInstance;
}

/** The whole app on a fresh database. */
export async function build(t: Teardown, opts: BuildOptions = {}): Promise<Built> {
  const tdb = testDb(t, opts.from);
  if (opts.seed) await opts.seed(tdb.repos, tdb.db);
  return { ...tdb, app: await appOn(t, tdb.db, opts) };
}

/** The app on a database that already exists (one the command line wrote), closed when the test ends. */
export async function appOn(t: Teardown, db: Db, opts: Omit<BuildOptions, 'seed'> = {}): Promise<FastifyInstance> {
  // Imported lazily so that storage and domain tests do not load the whole web layer.
  const { buildApp, loggerOptions } = await import('../../server/app.js');
  const logger = opts.logger && { ...(loggerOptions(opts.logger.level ?? 'info') as object), stream: opts.logger.stream };
  const app = await buildApp({ db, config: testConfig(opts.config), logger });
  t.teardown(() => app.close());
  await app.ready();
  return app;
}

/** A log kept in memory: pass it as `build(t, { logger })`, read what was written with `text()`. */
export function logLines(level = 'info'): LogTarget & { text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, level, text: () => lines.join('') };
}

/** The password the kits give every staff account they make. */
export const PASSWORD = 'staff password 123';

/** A browser-like client of the staff pages: it keeps the cookies and the anti-forgery token of the last page read. */
export interface StaffSession {
  cookies: Record<string, string>;
  /** The anti-forgery token of the last page read (forms carry it in `_csrf`). */
  csrf: string;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form with the session's token unless `_csrf` is given. */
  post(url: string, form: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  /** Posts a multipart form as a browser's file input sends it: the session's token, the fields, then the file. */
  upload(url: string, file: UploadedFile, fields?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Any request, with the session's cookies. */
  inject(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export interface UploadedFile {
  name: string;
  data: Buffer | string;
  /** application/octet-stream unless given. */
  type?: string;
}

const BOUNDARY = '----safepollTestBoundary7MA4YWxk';

function multipart(fields: Record<string, string>, file: UploadedFile): Buffer {
  const parts = Object.entries(fields).map(([name, value]) => Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  return Buffer.concat([
    ...parts,
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`),
    typeof file.data === 'string' ? Buffer.from(file.data) : file.data,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
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

/** A visitor who has not logged in. */
export async function anonymous(app: FastifyInstance): Promise<StaffSession> {
  const cookies: Record<string, string> = {};
  const session: StaffSession = {
    cookies,
    csrf: '',
    async inject(opts) {
      const res = await app.inject({ ...opts, cookies: { ...cookies, ...opts.cookies } });
      keep(cookies, res);
      return res;
    },
    async get(url) {
      const res = await session.inject({ method: 'GET', url });
      const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
      if (m) session.csrf = m[1];
      return res;
    },
    post(url, form) {
      return session.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: session.csrf, ...form }),
      });
    },
    upload(url, file, fields = {}) {
      return session.inject({
        method: 'POST',
        url,
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: multipart({ _csrf: session.csrf, ...fields }, file),
      });
    },
  };
  return session;
}

/** Logs in through the real login form (an audited login), for tests of what logging in does. */
export async function logIn(app: FastifyInstance, username: string, password: string): Promise<StaffSession> {
  const s = await anonymous(app);
  await s.get('/login');
  const res = await s.post('/login', { username, password });
  if (res.statusCode !== 303) throw new Error(`login as ${username} failed: ${res.statusCode}`);
  return s;
}

/** A fresh session of the account, as the login form would have started it: the signed session cookie's value. */
export function sessionCookie(app: FastifyInstance, userId: number): string {
  const now = new Date();
  return app.signCookie(app.repos.sessions.create(userId, newSessionTimes(now), idleCutoff(now)));
}

/** The staff member (a username or an account) with a session and an anti-forgery token, without the login form. */
export async function injectAs(app: FastifyInstance, user: string | { id: number }): Promise<StaffSession> {
  const id = typeof user === 'string' ? app.repos.users.getByUsername(user)?.id : user.id;
  if (id === undefined) throw new Error(`no account ${String(user)}`);
  const s = await anonymous(app);
  await s.get('/login');
  const { SESSION_COOKIE } = await import('../../server/web/plugins/auth.js');
  s.cookies[SESSION_COOKIE] = sessionCookie(app, id);
  return s;
}

/** Issues an API token for the unit with this code (null: the whole district), as an administrator would on /admin/tokens. */
export function issueToken(repos: Repos, unitCode: string | null, name = '测试系统'): string {
  const unit = unitCode === null ? null : repos.units.getByCode(unitCode);
  if (unit === undefined) throw new Error(`no unit ${String(unitCode)} to scope a token to`);
  return repos.apiTokens.issue({ name, unitId: unit?.id ?? null, createdBy: null }).secret;
}

export function bearer(secret: string): { authorization: string } {
  return { authorization: `Bearer ${secret}` };
}
