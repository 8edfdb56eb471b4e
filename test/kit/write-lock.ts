// Another connection (the CLI importing, the response writer's thread) holding the write lock for a while. It runs on
// a worker thread, so this thread can run a transaction meanwhile: one that takes the lock up front waits for it
// (busy_timeout), one that read first and only then writes fails at once with SQLITE_BUSY in WAL mode.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.exec('BEGIN IMMEDIATE');
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
db.exec('COMMIT');
db.close();
`;

/** Resolves once another connection holds the write lock of `file`; it lets go `ms` milliseconds later. */
export function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const worker = new Worker(HOLDER, { eval: true, workerData: { file, ms, driver: BETTER_SQLITE3 } });
  const released = new Promise<void>((resolve, reject) => {
    worker.once('exit', () => resolve());
    worker.once('error', reject);
  });
  return new Promise((resolve, reject) => {
    worker.once('message', () => resolve({ released }));
    worker.once('error', reject);
  });
}
