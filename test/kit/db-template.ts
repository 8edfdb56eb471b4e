// A freshly migrated database, made once and copied for each test that asks for an empty one: applying the 35
// migrations to a new file takes 250–300 ms, copying the result a few, and the suite makes several hundred.
// Keyed by a hash of the migrations, so a new or changed migration gives a fresh template. Two test files that make it
// at once each write their own and rename it into place: either copy is the same empty, migrated database.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/platform/db.js';
import { paths } from '../../server/paths.js';

let known: string | undefined;

/** The path of an empty database with every migration applied (copy it; never open it for writing). */
export function migratedTemplate(): string {
  if (known && existsSync(known)) return known;
  const hash = createHash('sha256');
  for (const name of readdirSync(paths.migrations).sort()) hash.update(name).update(readFileSync(join(paths.migrations, name)));
  const dir = join(tmpdir(), 'safepoll-test-templates');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `migrated-${hash.digest('hex').slice(0, 16)}.db`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
    const db = openDatabase(partial);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    renameSync(partial, file);
  }
  known = file;
  return file;
}
