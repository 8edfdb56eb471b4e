// Counts the statements a piece of code runs on a connection, to show a page or lookup does not run one per row.
import type { Db } from '../../server/platform/db.js';

const METHODS = ['get', 'all', 'run', 'iterate'] as const;

/**
 * Wraps the statement methods of better-sqlite3 (shared by every connection of the process) while `fn` runs, and
 * returns how many statements `db` executed meanwhile.
 */
export async function countStatements(db: Db, fn: () => unknown): Promise<number> {
  const proto: unknown = Object.getPrototypeOf(db.prepare('SELECT 1'));
  if (typeof proto !== 'object' || proto === null) throw new Error('no statement prototype');
  const target = proto as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  let count = 0;
  for (const name of METHODS) {
    const original = target[name];
    if (typeof original !== 'function') throw new Error(`statement has no ${name}`);
    saved.set(name, original);
    target[name] = function (this: { database?: unknown }, ...args: unknown[]): unknown {
      if (this.database === db) count++;
      return Reflect.apply(original, this, args);
    };
  }
  try {
    await fn();
  } finally {
    for (const [name, original] of saved) target[name] = original;
  }
  return count;
}
