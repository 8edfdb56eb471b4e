// Imports a roster file for one person: read (CSV or XLSX bytes), check every row against the unit tree, the
// person's scope and the roster, then store all rows in one transaction — or nothing, with every problem listed.
// Both outcomes are audited with counts only; a number never reaches the audit log.
import type { Repos } from '../../platform/repos.js';
import type { StaffUser } from '../../core/auth/staff.js';
import { canSeeUnit } from '../../core/auth/scope.js';
import { ROSTER_TABLE_LIMITS, type TableRead, type TableRefusal } from '../../core/tables/table-file.js';
import { importInTableWorker, isTableRead, readUploadedTable } from '../../platform/table-reader.js';
import { checkRosterRows, type RosterImportError } from './core/import.js';
import { RosterConflict } from './contacts-repo.js';

export type RosterImportOutcome =
  | { ok: true; imported: number; byCategory: Array<{ category: string; n: number }> }
  | { ok: false; errors: RosterImportError[]; status?: TableRefusal };

export interface RosterImporter {
  /** The staff member importing; null for the command line, which works on the whole district. */
  user: StaffUser | null;
  /** Where the file came from, for the audit log: 'web', 'cli'. */
  source: string;
}

function countByCategory(categories: ReadonlyArray<string | null>): Array<{ category: string; n: number }> {
  const counts = new Map<string, number>();
  for (const c of categories) counts.set(c ?? '未分类', (counts.get(c ?? '未分类') ?? 0) + 1);
  return [...counts].map(([category, n]) => ({ category, n }));
}

/** Where the server's roster imports run: a table worker on its own connection to this database file, with its keys. */
export interface RosterOffLoop {
  database: string;
  secret?: string;
  rosterKey?: string;
}

/**
 * Reads, checks and stores a roster file. With `offLoop` (the server) all of it runs in a table worker, because
 * checking, hashing, sealing and storing a large file held the event loop for seconds (bench/upload.ts); without it
 * (the command line, a database held in memory) the read runs in a worker and the rest here.
 */
export async function importRoster(repos: Repos, bytes: Buffer, importer: RosterImporter, offLoop?: RosterOffLoop): Promise<RosterImportOutcome> {
  if (!offLoop) return importRosterTable(repos, await readUploadedTable(bytes, ROSTER_TABLE_LIMITS), importer);
  const done = await importInTableWorker(bytes, ROSTER_TABLE_LIMITS, { ...offLoop, importer });
  // A file the worker could not read (too large to unpack, out of time) is refused here like any other.
  return isTableRead(done) ? importRosterTable(repos, done, importer) : done;
}

/** The import once the file was read: every row checked, then all stored in one transaction, or none. */
export function importRosterTable(repos: Repos, table: TableRead, importer: RosterImporter): RosterImportOutcome {
  const userId = importer.user?.id ?? null;
  const refuse = (errors: RosterImportError[], status?: TableRefusal): RosterImportOutcome => {
    repos.audit.record(userId, 'roster.import.refused', { source: importer.source, problems: errors.length });
    return { ok: false, errors, status };
  };
  if (!table.ok) return refuse([{ line: table.line, problem: table.problem }], table.status);
  const tree = repos.units.tree();
  const { contacts, errors } = checkRosterRows(table.rows, {
    grid: (code) => {
      const unit = tree.byCode(code);
      if (!unit) return undefined;
      const inScope = importer.user === null || canSeeUnit(importer.user, unit.id, tree);
      return { id: unit.id, isGrid: unit.level === 'grid', inScope };
    },
    known: (canonicals) => repos.contacts.knownNumbers(canonicals),
  });
  if (errors.length > 0) return refuse(errors);
  try {
    const ids = repos.contacts.importMany(contacts, userId, { source: importer.source });
    return { ok: true, imported: ids.length, byCategory: countByCategory(contacts.map((c) => c.category)) };
  } catch (err) {
    if (err instanceof RosterConflict) return refuse([{ line: 1, problem: err.message }]);
    throw err;
  }
}
