// Makes committed transactions durable off the event loop. With `synchronous = FULL` SQLite flushes the WAL to disk
// inside COMMIT, on the thread that commits: in the form benchmark (batches of 50 submissions) that was ~1.6 ms per
// batch during which the server answered nothing, the largest single cost of a durable submission. The response
// writer instead commits its batches with `synchronous = NORMAL` (WAL frames written, not flushed) and asks this
// class to flush the WAL file from libuv's thread pool; every submission of the batch is answered only once that
// flush has completed, so "thank you" still means "on disk".
// Why that is as safe as FULL: the WAL is appended in commit order and recovery replays its valid prefix, so a power
// cut before the flush loses at most the newest transactions, none of them yet acknowledged; fdatasync on any
// descriptor of the file flushes everything written to it so far, whoever wrote it. Checkpoints flush the WAL
// themselves before copying it into the database. Other writers (staff pages, the CLI) keep `synchronous = FULL`.
import { closeSync, fdatasync, fstatSync, openSync, statSync } from 'node:fs';
import type { Db } from './db.js';

/** Resolves once every transaction committed before the call is on disk. */
export interface DurableFlush {
  flush(): Promise<void>;
  /** Whether commits may skip their own flush (`synchronous = NORMAL`) because flush() makes them durable. */
  readonly deferred: boolean;
  close(): void;
}

/** In-memory databases have nothing to flush (and tests that use them need no thread pool). */
const NOTHING_TO_FLUSH: DurableFlush = { flush: () => Promise.resolve(), deferred: false, close: () => undefined };

export function durableFlushFor(db: Db): DurableFlush {
  const mode = db.pragma('journal_mode', { simple: true });
  if (db.memory || mode !== 'wal') return NOTHING_TO_FLUSH;
  return new WalFlush(`${db.name}-wal`);
}

export class WalFlush implements DurableFlush {
  readonly deferred = true;
  private fd: number | null = null;
  /** The flush running on the thread pool now: it may have started before the caller's commit. */
  private running: Promise<void> | null = null;
  /** The flush that starts when the running one ends; it covers every commit made until it starts. */
  private next: Promise<void> | null = null;

  constructor(private readonly path: string) {}

  flush(): Promise<void> {
    if (this.next) return this.next;
    if (!this.running) return this.start();
    const after = this.running.catch(() => undefined).then(() => {
      this.next = null;
      return this.start();
    });
    this.next = after;
    return after;
  }

  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    // A flush still on the thread pool keeps using the descriptor: close it once that one is done.
    const pending = this.next ?? this.running;
    if (pending) void pending.catch(() => undefined).then(() => closeSync(fd));
    else closeSync(fd);
  }

  private start(): Promise<void> {
    const run = new Promise<void>((resolve, reject) => {
      let fd: number;
      try {
        fd = this.descriptor();
      } catch (error) {
        reject(error);
        return;
      }
      fdatasync(fd, (error) => (error ? reject(error) : resolve()));
    });
    this.running = run;
    const clear = () => {
      if (this.running === run) this.running = null;
    };
    run.then(clear, clear);
    return run;
  }

  /** The WAL file's descriptor, opened again if the file was replaced since (a new file after the last close). */
  private descriptor(): number {
    if (this.fd !== null && fstatSync(this.fd).ino === statSync(this.path).ino) return this.fd;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    this.fd = openSync(this.path, 'r');
    return this.fd;
  }
}
