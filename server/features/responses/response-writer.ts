// Group commit for web submissions. With synchronous=FULL every commit waits for the disk, so one transaction per
// submission would cap submissions at the disk's flush rate. Instead, submissions are gathered while they keep
// coming — those that queued up while the previous commit held the thread, and those read in the next turns — and
// written together in one transaction once a turn of the event loop brings no new one (or after a few turns, so a
// steady stream is still written promptly). Each is written inside its own savepoint: a duplicate or a failing
// submission is rolled back alone and answered alone. Every promise settles only after the transaction committed,
// and a FULL commit returns only once the WAL is on disk, so "thank you" is only said for what is on disk.
// For a database file the server runs this writer on its own thread (writer-thread.ts): the commit and the wait for
// the disk hold that thread, not the event loop, and submissions arriving meanwhile make the next batch. (An earlier
// version committed on the event loop with synchronous=NORMAL and flushed the WAL from libuv's thread pool; on its own
// thread a plain FULL commit is simpler and, in the form benchmark, faster.)
// The transaction takes the write lock up front (BEGIN IMMEDIATE): with another connection writing (the CLI
// importing or closing a round) it waits for the lock within the busy timeout instead of failing with SQLITE_BUSY.
// Inside it each submission reads its round's state (ResponsesRepo.insert), so a submission queued while the round
// was being closed is refused, never stored after; a web arrival (one with an address) is judged for anomaly review
// just before it is stored (arrival-watch.ts), and taken out of the windows again when it is not; once stored, a
// network it shows answering in too many grids has its counted responses held again in the same transaction.
import type { Db } from '../../platform/db.js';
import { reusableWriteTransaction } from '../../platform/write-transaction.js';
import type { InsertResult, NewResponse, ResponsesRepo } from './responses-repo.js';
import type { ArrivalWatch, Judged } from '../review/arrival-watch.js';

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

  constructor(
    private readonly db: Db,
    private readonly responses: ResponsesRepo,
    /** Judges web arrivals (a response with an address) as they are stored; without it nothing is held. */
    private readonly watch?: ArrivalWatch,
  ) {
    this.writeBatch = reusableWriteTransaction(db, (batch: Pending[]) => batch.map((item) => this.attempt(item.response)));
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

  /** Writes what is pending now, synchronously: once the batch stopped growing, and on close. */
  private flush(): void {
    this.flushScheduled = false;
    this.arrived = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.writeBatch(batch);
    } catch (error) {
      // The commit failed, or the transaction was lost: nothing of the batch is stored.
      for (const item of batch) item.reject(error);
      return;
    }
    settle(batch, outcomes);
  }

  /** Writes what is still pending and refuses anything new (the app is closing; the database closes next). */
  close(): Promise<void> {
    this.closed = true;
    this.flush();
    return Promise.resolve();
  }

  /**
   * One submission inside the batch: insert() opens a savepoint here, so its failure undoes only its own rows. A web
   * arrival is judged first (held when it looks like stuffing) and taken out of the windows again when not stored.
   */
  private attempt(response: NewResponse): Outcome {
    let judged: Judged | null = null;
    try {
      judged = this.judged(response);
      const result = this.responses.insert(judged ? { ...response, hold: judged.reasons, networkKey: judged.networkKey } : response);
      if (!result.ok) judged?.withdraw();
      // A network now seen in too many grids: what it already got counted is held again, in this transaction.
      else judged?.stored();
      return { ok: true, result };
    } catch (error) {
      judged?.withdraw();
      // Some errors (disk full, I/O) make SQLite roll back the whole transaction: the batch fails as one.
      if (!this.db.inTransaction) throw error;
      return { ok: false, error };
    }
  }

  private judged(response: NewResponse): Judged | null {
    if (!this.watch || response.address === undefined) return null;
    const { roundId, gridId, address, answers, status } = response;
    return this.watch.judgeResponse({ roundId, gridId, address, answers, status });
  }
}

function settle(batch: readonly Pending[], outcomes: readonly Outcome[]): void {
  batch.forEach((item, i) => {
    const outcome = outcomes[i];
    if (outcome.ok) item.resolve(outcome.result);
    else item.reject(outcome.error);
  });
}
