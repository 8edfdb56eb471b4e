// A database at the schema as it was just before a given migration: the tests of a migration fill it the old way,
// then apply the rest and look at what the migration made of it.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { paths } from '../../server/paths.js';
import { migrate } from '../../server/platform/db.js';
import type { Teardown } from './app.js';

/** Every migration before `migration` applied (`foreignKeys`: with them enforced); removed when the test ends. */
export function databaseBefore(t: Teardown, migration: string, options: { foreignKeys?: boolean } = {}): Database.Database {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-migration-'));
  const before = join(dir, 'before');
  const db = new Database(join(dir, 'test.db'));
  if (options.foreignKeys) db.pragma('foreign_keys = ON');
  t.teardown(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  mkdirSync(before);
  for (const f of readdirSync(paths.migrations)) if (/^\d{3}-.+\.sql$/.test(f) && f < migration) copyFileSync(join(paths.migrations, f), join(before, f));
  migrate(db, before);
  return db;
}
