// The demo district as of 2026-11-22 (six closed months), seeded once and copied into each test that reads it: seeding
// takes about 30 s, and a dozen test files read the same demo. The copy is keyed by a hash of the code and
// questionnaires that write it (server/, surveys/), so a change to the seed, a migration or a rule gives a fresh copy;
// test files that run at the same time wait for the one that seeds (a lock directory) instead of seeding too.
// test/demo/seed.test.ts still seeds afresh: it is the test of seeding itself.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../server/platform/db.js';
import { seedDemoIfEmpty } from '../../server/demo/seed.js';

/** "Today" of the seeded demo: September and October 2026 are its last two closed months. */
export const DEMO_NOW = new Date('2026-11-22T10:00:00+08:00');

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Longer than any seeding on a loaded machine: a lock older than this was left by a test that died. */
const STALE_LOCK_MS = 300_000;

function addTree(hash: ReturnType<typeof createHash>, dir: string): void {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) addTree(hash, path);
    else hash.update(path.slice(ROOT.length)).update(readFileSync(path));
  }
}

function cacheKey(): string {
  const hash = createHash('sha256').update(DEMO_NOW.toISOString());
  for (const dir of ['server', 'surveys']) addTree(hash, join(ROOT, dir));
  return hash.digest('hex').slice(0, 16);
}

async function seedInto(file: string): Promise<void> {
  const db = openDatabase(file);
  try {
    await seedDemoIfEmpty(db, { log: () => {}, now: DEMO_NOW });
    // One self-contained file: the write-ahead log folded in and removed.
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** The seeded demo database file (read-only use: copy it, as build(t, { from }) does). */
export async function demoDatabase(): Promise<string> {
  const dir = join(tmpdir(), 'safepoll-demo-cache');
  mkdirSync(dir, { recursive: true });
  const key = cacheKey();
  const file = join(dir, `${key}.db`);
  const lock = join(dir, `${key}.lock`);
  for (;;) {
    if (existsSync(file)) return file;
    try {
      mkdirSync(lock);
    } catch {
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    const partial = join(lock, 'demo.db');
    try {
      await seedInto(partial);
      renameSync(partial, file);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}
