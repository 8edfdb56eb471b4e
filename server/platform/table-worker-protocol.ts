// The messages between the server and a table worker (table-worker.ts): a file and its limits go in; a refusal, or
// the number of rows and then the rows a slice at a time, come back.
import type { TableLimits, TableRefusal, TableRow } from '../core/tables/table-file.js';

export type TableWorkerRequest = { type: 'read'; bytes: Uint8Array; limits: TableLimits } | { type: 'slice' };

export type TableWorkerReply =
  | { type: 'ready' }
  | { type: 'head'; total: number }
  | { type: 'rows'; rows: TableRow[]; done: boolean }
  | { type: 'refused'; line: number; problem: string; status?: TableRefusal }
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
  return value.type === 'error' && 'message' in value;
}
