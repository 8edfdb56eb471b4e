// The resident form is built from units, rounds and questionnaire versions — the poll's setup — which changes a few
// times a month while the form is read thousands of times an hour. Caches of the setup ask this whether anything
// changed since they were filled instead of querying it again. Two kinds of change count:
//   - a write through the repositories that own those tables, on this connection (they call noteSetupChange);
//   - a change by any connection, e.g. the CLI opening or closing a round from another process: triggers count every
//     change to units (units_version, migration 009) and to rounds and questionnaires (setup_version, migration 024).
//     PRAGMA data_version, used before, moves on every commit by another connection, and the response writer's own
//     thread commits a batch of answers many times a second: every one made the caches refill for nothing.
// A write made with hand-written SQL on the server's own connection is not seen: go through the repositories.
import type { Db } from './db.js';

const localChanges = new WeakMap<Db, number>();

/** Called by a repository after it changed units, rounds or questionnaire versions on this connection. */
export function noteSetupChange(db: Db): void {
  localChanges.set(db, (localChanges.get(db) ?? 0) + 1);
}

export interface SetupStamp {
  readonly local: number;
  /** setup_version and units_version as one value. */
  readonly others: string;
}

export class SetupWatch {
  private readonly versionStmt;
  /** The counters as read in this turn of the event loop; undefined once the turn is over. */
  private othersThisTurn: string | undefined;

  constructor(private readonly db: Db) {
    this.versionStmt = db.prepare<[], { setup: number; units: number }>(
      'SELECT (SELECT version FROM setup_version WHERE id = 1) AS setup, (SELECT version FROM units_version WHERE id = 1) AS units',
    );
  }

  /** Where the setup stands now; read it before reading the setup, so a change made meanwhile is not missed. */
  stamp(): SetupStamp {
    return { local: localChanges.get(this.db) ?? 0, others: this.othersNow() };
  }

  /**
   * The change counters, read once per turn of the event loop. Requests handled in one turn arrived together;
   * a commit by another process during that turn is seen by the requests of the next turn, as it would be had it
   * come a moment later. Under load a turn handles dozens of requests, and the query (which opens a read
   * transaction) cost each of them about as much as all of its answer checking.
   */
  private othersNow(): string {
    if (this.othersThisTurn === undefined) {
      const row = this.versionStmt.get();
      this.othersThisTurn = `${row?.setup ?? 0}:${row?.units ?? 0}`;
      setImmediate(() => {
        this.othersThisTurn = undefined;
      });
    }
    return this.othersThisTurn;
  }

  /** True when nothing changed since `stamp` was taken. */
  unchangedSince(stamp: SetupStamp): boolean {
    const now = this.stamp();
    return now.local === stamp.local && now.others === stamp.others;
  }
}

/**
 * Where the unit table stands, for the in-memory unit tree (units-repo.ts): this connection's own setup writes, and
 * units_version (migration 009), which triggers move on every change to units by any connection. Reading it is one
 * row, once per turn of the event loop as above; unlike PRAGMA data_version it does not move when another
 * connection only writes responses, so a busy CLI import of answers never makes the server rebuild its tree.
 */
export class UnitsWatch {
  private readonly versionStmt;
  private versionThisTurn: number | undefined;

  constructor(private readonly db: Db) {
    this.versionStmt = db.prepare<[], { version: number }>('SELECT version FROM units_version WHERE id = 1');
  }

  stamp(): string {
    if (this.versionThisTurn === undefined) {
      this.versionThisTurn = this.versionStmt.get()?.version ?? 0;
      setImmediate(() => {
        this.versionThisTurn = undefined;
      });
    }
    return `${localChanges.get(this.db) ?? 0}:${this.versionThisTurn}`;
  }
}
