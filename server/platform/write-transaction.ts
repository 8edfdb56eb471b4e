// The one way SafePoll writes to the database in a transaction. Every write transaction takes the write lock up front
// (BEGIN IMMEDIATE): with another connection writing (the CLI importing or closing a round, the response writer's
// thread) it waits for the lock within the busy timeout. A deferred transaction that reads first and then writes fails
// at once with SQLITE_BUSY in WAL mode, whatever the timeout (see openConnection in db.ts), so "read, then decide,
// then write" is only safe when the lock was taken before the read.
// The function runs synchronously: an `await` inside would let the transaction commit at the first await and run the
// rest outside it, so an async function, or one that returns a promise, is refused (and what it wrote rolled back).
// Called inside another transaction, the function runs in a savepoint of it (better-sqlite3's nesting).
import type { Db } from './db.js';

export class AsyncTransactionError extends TypeError {
  constructor() {
    super('a write transaction runs a synchronous function: an await inside would commit before the work is done');
    this.name = 'AsyncTransactionError';
  }
}

function isThenable(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** `fn`, refused when async and checked not to return a promise (a throw inside the transaction rolls it back). */
function synchronous<A extends unknown[], T>(fn: (...args: A) => T): (...args: A) => T {
  const kind = (fn as { [Symbol.toStringTag]?: string })[Symbol.toStringTag];
  if (kind === 'AsyncFunction' || kind === 'AsyncGeneratorFunction') throw new AsyncTransactionError();
  return (...args: A): T => {
    const result = fn(...args);
    if (isThenable(result)) throw new AsyncTransactionError();
    return result;
  };
}

/**
 * Builds, once, a function that runs `fn` in a write transaction each time it is called. For hot paths:
 * better-sqlite3 builds four wrapped functions per transaction, so a repository called per submission builds it in
 * its constructor.
 */
export function reusableWriteTransaction<A extends unknown[], T>(db: Db, fn: (...args: A) => T): (...args: A) => T {
  const txn = db.transaction(synchronous(fn));
  return (...args: A) => txn.immediate(...args);
}

/** Runs `fn` now in a write transaction (BEGIN IMMEDIATE) and returns what it returns; a throw rolls it all back. */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  return reusableWriteTransaction(db, fn)();
}

/**
 * Runs `fn` in a read transaction, so that every query in it sees the same committed state. It takes no write lock
 * (a writer of another connection goes on); `fn` must not write — a write would need the lock it did not take first.
 */
export function readSnapshot<T>(db: Db, fn: () => T): T {
  return db.transaction(synchronous(fn)).deferred();
}
