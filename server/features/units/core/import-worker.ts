// The optional grid worker columns of a units CSV (worker_name, worker_phone): a grid's worker named and checked as
// the grid page's form checks it (grid-worker.ts), so a whole district's posters can carry their workers from the
// same spreadsheet that creates the grids.
import { checkGridWorker, type GridWorker } from '../../../core/units/grid-worker.js';
import type { UnitLevel } from '../../../core/units/unit.js';

export const WORKER_COLUMNS = ['worker_name', 'worker_phone'] as const;
export type WorkerColumn = (typeof WORKER_COLUMNS)[number];

/** Header names accepted for each column (compared lower-cased, spaces, dashes and underscores removed). */
export const WORKER_HEADER_ALIASES: Record<WorkerColumn, string[]> = {
  worker_name: ['workername', '网格员', '网格员姓名'],
  worker_phone: ['workerphone', '网格员电话', '网格员工作电话', '工作电话'],
};

/** The worker of one row, or the problems with it. Both cells empty (or the columns absent) is no worker. */
export function workerOfRow(level: UnitLevel | undefined, name: string, phone: string): { worker: GridWorker | null } | { problems: string[] } {
  if (name.trim() === '' && phone.trim() === '') return { worker: null };
  if (level !== undefined && level !== 'grid') return { problems: ['只有网格可以填写网格员姓名和电话'] };
  const checked = checkGridWorker({ name, phone });
  return checked.ok ? { worker: checked.worker } : { problems: checked.problems };
}
