// The resident form is built from units, rounds and questionnaire versions — the poll's setup — which changes a few
// times a month while the form is read thousands of times an hour. Caches of the setup ask this whether anything
// changed since they were filled instead of querying it again. Two kinds of change count:
//   - a write through the repositories that own those tables, on this connection (they call noteSetupChange);
//   - a commit by any other connection, e.g. the CLI opening or closing a round from another process, which SQLite
//     reports through PRAGMA data_version. That also moves on unrelated commits by others: a cache refills for nothing.
// A write made with hand-written SQL on the server's own connection is not seen: go through the repositories.
import type { Db } from './db.js';

const localChanges = new WeakMap<Db, number>();

/** Called by a repository after it changed units, rounds or questionnaire versions on this connection. */
export function noteSetupChange(db: Db): void {
  localChanges.set(db, (localChanges.get(db) ?? 0) + 1);
}

export interface SetupStamp {
  readonly local: number;
  readonly others: number;
}

export class SetupWatch {
  private readonly dataVersionStmt;

  constructor(private readonly db: Db) {
    this.dataVersionStmt = db.prepare<[], { data_version: number }>('PRAGMA data_version');
  }

  /** Where the setup stands now; read it before reading the setup, so a change made meanwhile is not missed. */
  stamp(): SetupStamp {
    return { local: localChanges.get(this.db) ?? 0, others: this.dataVersionStmt.get()?.data_version ?? 0 };
  }

  /** True when nothing changed since `stamp` was taken. */
  unchangedSince(stamp: SetupStamp): boolean {
    const now = this.stamp();
    return now.local === stamp.local && now.others === stamp.others;
  }
}
