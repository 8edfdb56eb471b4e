// Group commit for responses submitted over the web. With synchronous=FULL every commit waits for the disk, so one
// transaction per submission would cap submissions at the disk's flush rate. Instead, submissions are gathered while
// they keep coming — those that queued up while the previous commit held the event loop, and those read in the next
// turns — and written together in one transaction once a turn of the event loop brings no new one (or after a few
// turns, so a steady stream is still written promptly). Each is written inside its own savepoint: a duplicate or a
// failing submission is rolled back alone and answered alone. Every promise settles only after the transaction
// committed and its WAL reached the disk (or failed), so "thank you" is still only said for what is on disk: the
// commit itself skips the flush and storage/wal-flush.ts flushes from the thread pool, so the server keeps answering
// while the disk works (form benchmark: see bench/form.ts). The transaction takes the write lock
// up front (BEGIN IMMEDIATE): with another process writing (the CLI importing or closing a round) it waits for the lock
// within the busy timeout instead of failing with SQLITE_BUSY. Inside it each submission reads its round's state
// (ResponsesRepo.insert), so a submission queued while the round was being closed is refused, never stored after.
import type { Db } from '../storage/db.js';
import type { InsertResult, NewResponse, ResponsesRepo } from '../storage/responses-repo.js';
import { durableFlushFor, type DurableFlush } from '../storage/wal-flush.js';

interface Pending {
  response: NewResponse;
  resolve(result: InsertResult): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; result: InsertResult } | { ok: false; error: unknown };

export class WriterClosedError extends Error {
  constructor() {
    super('the response writer is closed');
    this.name = 'WriterClosedError';
  }
}

/** Turns a batch waits at most for more submissions: each turn costs microseconds when the server is idle. */
const MAX_WAIT_TURNS = 3;

export class ResponseWriter {
  private pending: Pending[] = [];
  private flushScheduled = false;
  /** Submissions came since the last look: the batch is still growing. */
  private arrived = false;
  private turnsWaited = 0;
  private closed = false;
  /** One transaction over a batch, each submission in its own savepoint (built once, not per flush). */
  private readonly writeBatch;
  /** `synchronous` for this connection around a batch: NORMAL while the batch commits, FULL again after. */
  private readonly deferFlush;
  private readonly flushOnCommit;
  /** The last batch's flush, which close() waits for. */
  private lastFlush: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly responses: ResponsesRepo,
    private readonly durable: DurableFlush = durableFlushFor(db),
  ) {
    const batchTxn = db.transaction((batch: Pending[]) => batch.map((item) => this.attempt(item.response)));
    this.writeBatch = (batch: Pending[]) => batchTxn.immediate(batch);
    this.deferFlush = db.prepare('PRAGMA synchronous = NORMAL');
    this.flushOnCommit = db.prepare('PRAGMA synchronous = FULL');
  }

  /** Stores the response with the others of this turn; resolves once committed, as ResponsesRepo.insert answers. */
  write(response: NewResponse): Promise<InsertResult> {
    if (this.closed) return Promise.reject(new WriterClosedError());
    return new Promise<InsertResult>((resolve, reject) => {
      this.pending.push({ response, resolve, reject });
      this.arrived = true;
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        this.turnsWaited = 0;
        // setImmediate runs after the I/O of a turn: every request read in that turn has joined the batch by then.
        setImmediate(() => this.flushWhenQuiet());
      }
    });
  }

  private flushWhenQuiet(): void {
    if (!this.flushScheduled) return;
    if (this.arrived && this.turnsWaited < MAX_WAIT_TURNS) {
      this.arrived = false;
      this.turnsWaited += 1;
      setImmediate(() => this.flushWhenQuiet());
      return;
    }
    this.flush();
  }

  /**
   * Writes what is pending now, synchronously: once the batch stopped growing, and on close. Its submissions are
   * answered when the WAL flush that follows the commit completes.
   */
  private flush(): void {
    this.flushScheduled = false;
    this.arrived = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    const deferred = this.durable.deferred;
    try {
      if (deferred) this.deferFlush.run();
      outcomes = this.writeBatch(batch);
    } catch (error) {
      // The commit failed, or the transaction was lost: nothing of the batch is stored.
      for (const item of batch) item.reject(error);
      return;
    } finally {
      if (deferred) this.flushOnCommit.run();
    }
    const answer = () => settle(batch, outcomes);
    // A failed flush: the batch may be committed but is not known to be on disk, so nobody is told "thank you"; a
    // resident who sends again is recognised by the form's submission key.
    const fail = (error: unknown) => batch.forEach((item) => item.reject(error));
    this.lastFlush = deferred ? this.durable.flush().then(answer, fail) : Promise.resolve(answer());
  }

  /**
   * Writes what is still pending and refuses anything new (the app is closing; the database closes next). Resolves
   * once the last batch is on disk and answered.
   */
  async close(): Promise<void> {
    this.closed = true;
    this.flush();
    await this.lastFlush;
    this.durable.close();
  }

  /** One submission inside the batch: insert() opens a savepoint here, so its failure undoes only its own rows. */
  private attempt(response: NewResponse): Outcome {
    try {
      return { ok: true, result: this.responses.insert(response) };
    } catch (error) {
      // Some errors (disk full, I/O) make SQLite roll back the whole transaction: the batch fails as one.
      if (!this.db.inTransaction) throw error;
      return { ok: false, error };
    }
  }
}

function settle(batch: readonly Pending[], outcomes: readonly Outcome[]): void {
  batch.forEach((item, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) item.resolve(outcome.result);
    else item.reject(outcome.error);
  });
}
