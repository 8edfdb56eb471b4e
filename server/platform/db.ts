// Opens the SQLite database with the pragmas SafePoll relies on and applies the numbered migrations.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { paths } from '../paths.js';
import { writeTransaction } from './write-transaction.js';

export type Db = Database.Database;

export class MigrationError extends Error {
  constructor(file: string, cause: unknown) {
    super(`migration ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationError';
  }
}

/** Open (creating if needed) the database file, or ':memory:'. Migrations run before the handle is returned. */
export function openDatabase(file: string, options: { migrationsDir?: string } = {}): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = openConnection(file);
  migrate(db, options.migrationsDir ?? paths.migrations);
  return db;
}

/**
 * Another connection to a database openDatabase() prepared (the response writer's thread): the same pragmas, no
 * migrations.
 */
export function openConnection(file: string): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // FULL: a response is on disk before the resident sees "thank you", even across a power cut.
  db.pragma('synchronous = FULL');
  // A checkpoint runs inside whichever commit fills the WAL past this many pages, holding every submission of that
  // batch. Stored responses dirty index pages spread over the grids; a checkpoint writes each dirtied page once
  // however often it changed since the last one, so rarer checkpoints write less in all. Form benchmark (batches of
  // 50 submissions): commit time per batch 2.0 ms with the default of 1000 pages, 1.6 ms with 10,000 (a WAL of up
  // to about 40 MB). Durability is unchanged: every commit still waits for the WAL to reach the disk.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');
  // Another process (the CLI importing or closing a round while the server takes submissions) may hold the write
  // lock: wait for it up to this long. That only works because every write transaction takes the lock up front
  // (writeTransaction in write-transaction.ts, BEGIN IMMEDIATE): a deferred one that read first and then wants to
  // write fails at once with SQLITE_BUSY in WAL mode, whatever the timeout.
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Applies every `NNN-*.sql` file not yet recorded, each in its own transaction. Throws on the first failure. */
export function migrate(db: Db, dir: string): string[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
  const applied = new Set(
    db.prepare('SELECT name FROM schema_migrations').pluck().all().map((n) => String(n)),
  );
  const files = readdirSync(dir)
    .filter((f) => /^\d{3}-.+\.sql$/.test(f))
    .sort();
  const record = db.prepare('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const done: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const sql = readFileSync(join(dir, file), 'utf8');
    try {
      writeTransaction(db, () => {
        db.exec(sql);
        record.run(file, new Date().toISOString());
      });
    } catch (err) {
      throw new MigrationError(file, err);
    }
    done.push(file);
  }
  return done;
}
