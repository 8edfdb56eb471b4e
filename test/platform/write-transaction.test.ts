// writeTransaction takes the write lock before the first statement runs, and refuses work that would await inside.
import t from 'tap';
import { join } from 'node:path';
import { testDb } from '../kit/helper.js';
import { openConnection, type Db } from '../../server/platform/db.js';
import { AsyncTransactionError, readSnapshot, reusableWriteTransaction, writeTransaction } from '../../server/platform/write-transaction.js';

/** A second connection that gives up at once instead of waiting for the lock. */
function impatient(t: Parameters<typeof testDb>[0], dir: string): Db {
  const other = openConnection(join(dir, 'test.db'));
  other.pragma('busy_timeout = 0');
  t.teardown(() => other.close());
  return other;
}

function count(db: Db): number {
  return db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM settings').get()?.n ?? 0;
}

function lockError(other: Db): string | undefined {
  try {
    other.exec('BEGIN IMMEDIATE');
    other.exec('ROLLBACK');
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}

t.test('the write lock is held before the function runs its first statement', async (t) => {
  const { db, dir } = testDb(t);
  const other = impatient(t, dir);
  const seen = writeTransaction(db, () => lockError(other));
  t.equal(seen, 'SQLITE_BUSY', 'another connection cannot take the lock while the function has not yet read or written');
  t.equal(lockError(other), undefined, 'the lock is released at commit');
});

t.test('a function built once takes the lock on every call and passes its arguments', async (t) => {
  const { db, dir } = testDb(t);
  const other = impatient(t, dir);
  const probe = reusableWriteTransaction(db, (label: string) => `${label}:${lockError(other)}`);
  t.equal(probe('first'), 'first:SQLITE_BUSY');
  t.equal(probe('second'), 'second:SQLITE_BUSY');
});

t.test('an async function is refused before anything runs, and a returned promise rolls the work back', async (t) => {
  const { db } = testDb(t);
  const before = count(db);
  let ran = false;
  t.throws(() => writeTransaction(db, async () => { ran = true; }), AsyncTransactionError);
  t.notOk(ran, 'the async function never started');
  const insert = () => db.prepare("INSERT INTO settings (key, value) VALUES ('probe', 'x')").run();
  t.throws(() => writeTransaction(db, () => { insert(); return Promise.resolve(1); }), AsyncTransactionError);
  t.equal(count(db), before, 'what ran before the promise was returned is rolled back');
  t.throws(() => readSnapshot(db, async () => 1), AsyncTransactionError, 'a snapshot refuses async work too');
});

t.test('a throw rolls the transaction back; a snapshot leaves the write lock to others', async (t) => {
  const { db, dir } = testDb(t);
  const before = count(db);
  t.throws(() => writeTransaction(db, () => {
    db.prepare("INSERT INTO settings (key, value) VALUES ('probe', 'x')").run();
    throw new Error('refused');
  }), /refused/);
  t.equal(count(db), before);
  const other = impatient(t, dir);
  t.equal(readSnapshot(db, () => { count(db); return lockError(other); }), undefined);
});
