// Builds the app for a test on a fresh temporary database, closed and removed when the test ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../server/config.js';
import { openDatabase, type Db } from '../../server/platform/db.js';
import { createRepos, type Repos } from '../../server/platform/repos.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface TestDb {
  db: Db;
  repos: Repos;
  dir: string;
}

/** A fresh, migrated database in its own temporary folder. */
export function testDb(t: Teardown): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-test-'));
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

export interface Built extends TestDb {
  app: FastifyInstance;
}

/** The whole app on a fresh database. `prepare` runs on the repositories before the app is built (fixtures). */
export async function build(t: Teardown, prepare?: (repos: Repos, db: Db) => void | Promise<void>, config: Partial<Config> = {}): Promise<Built> {
  const tdb = testDb(t);
  if (prepare) await prepare(tdb.repos, tdb.db);
  // Imported lazily so that storage and domain tests do not load the whole web layer.
  const { buildApp } = await import('../../server/app.js');
  const app = await buildApp({ db: tdb.db, config: testConfig(config) });
  t.teardown(() => app.close());
  await app.ready();
  return { ...tdb, app };
}
