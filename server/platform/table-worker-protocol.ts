// The messages between the server and a table worker (table-worker.ts): a file and its limits go in; a refusal, or
// the number of rows and then the rows a slice at a time, come back.
import type { TableLimits, TableRefusal, TableRow } from '../core/tables/table-file.js';
import type { RosterImportOutcome, RosterImporter } from '../features/roster/roster-import.js';

/**
 * A roster file imported in the worker, after its read, on the worker's own connection to `database`: the rows never
 * come back to the server, which gets the outcome (features/roster/roster-import.ts). The keys are the server's own
 * (createRepos), so that the numbers are sealed and hashed as the server seals and hashes them.
 */
export interface RosterImportJob {
  database: string;
  secret?: string;
  rosterKey?: string;
  importer: RosterImporter;
}

export type TableWorkerRequest = { type: 'read'; bytes: Uint8Array; limits: TableLimits; roster?: RosterImportJob } | { type: 'slice' };

export type TableWorkerReply =
  | { type: 'ready' }
  | { type: 'head'; total: number }
  | { type: 'rows'; rows: TableRow[]; done: boolean }
  | { type: 'refused'; line: number; problem: string; status?: TableRefusal }
  | { type: 'imported'; outcome: RosterImportOutcome }
  | { type: 'error'; message: string };

export function isTableWorkerRequest(value: unknown): value is TableWorkerRequest {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  if (value.type === 'slice') return true;
  return value.type === 'read' && 'bytes' in value && value.bytes instanceof Uint8Array && 'limits' in value;
}

/** A reply from our own worker: the shape is checked, the payload (built by the same code) trusted as typed. */
export function isTableWorkerReply(value: unknown): value is TableWorkerReply {
  if (typeof value !== 'object' || value === null || !('type' in value)) return false;
  if (value.type === 'ready') return true;
  if (value.type === 'head') return 'total' in value;
  if (value.type === 'rows') return 'rows' in value && Array.isArray(value.rows) && 'done' in value;
  if (value.type === 'refused') return 'problem' in value && 'line' in value;
  if (value.type === 'imported') return 'outcome' in value;
  return value.type === 'error' && 'message' in value;
}
