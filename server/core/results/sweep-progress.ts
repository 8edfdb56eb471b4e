// The half-year sweep (普测, round kind `sweep`): every active roster number of the round's grids is called once.
// Progress is read per category and per grid: numbers in the roster, numbers attempted (a call in the round), numbers
// completed, and the final disposition of each attempted number (core/calls/final-disposition.ts: the latest
// attempt decides). Numbers marked 空号/停机/拒绝再访 before the sweep are in the roster but not to be called.
import { emptyDispositionCounts, rowDisposition, type DispositionCounts, type FinalDispositionRow } from '../calls/final-disposition.js';
import { isCallable, type ContactStatus } from '../calls/contact.js';

export const UNCATEGORISED = '未分类';

/** Roster numbers of one grid, category and status, as the repository counts them. */
export interface RosterCount {
  gridId: number;
  category: string | null;
  status: string;
  n: number;
}

export interface SweepLine {
  /** Every number in the roster. */
  roster: number;
  /** Numbers that may be called (status 正常). */
  target: number;
  attempted: number;
  completed: number;
  /** completed / target, null without a target. */
  completion: number | null;
  dispositions: DispositionCounts;
}

export interface SweepProgress {
  total: SweepLine;
  byCategory: Array<{ category: string } & SweepLine>;
  byGrid: Array<{ gridId: number } & SweepLine>;
}

function emptyLine(): SweepLine {
  return { roster: 0, target: 0, attempted: 0, completed: 0, completion: null, dispositions: emptyDispositionCounts() };
}

function isStatus(s: string): s is ContactStatus {
  return s === 'active' || s === 'invalid' || s === 'suspended' || s === 'do_not_call';
}

const categoryOf = (c: string | null | undefined): string => (c && c.trim() !== '' ? c.trim() : UNCATEGORISED);

/**
 * Progress of a sweep over `gridIds`. `finals`: the round's final-attempt counts (CallsRepo.finalDispositionRows);
 * calls without a roster contact are not sweep work (no number to sweep) and are left out.
 */
export function sweepProgress(
  gridIds: readonly number[],
  roster: readonly RosterCount[],
  finals: readonly FinalDispositionRow[],
): SweepProgress {
  const grids = new Set(gridIds);
  const total = emptyLine();
  const byCategory = new Map<string, SweepLine>();
  const byGrid = new Map<number, SweepLine>(gridIds.map((id) => [id, emptyLine()]));
  const linesOf = (gridId: number, category: string | null | undefined): SweepLine[] => {
    const key = categoryOf(category);
    if (!byCategory.has(key)) byCategory.set(key, emptyLine());
    return [total, byCategory.get(key) ?? emptyLine(), byGrid.get(gridId) ?? emptyLine()];
  };
  for (const r of roster) {
    if (!grids.has(r.gridId)) continue;
    const callable = isStatus(r.status) && isCallable(r.status);
    for (const line of linesOf(r.gridId, r.category)) {
      line.roster += r.n;
      if (callable) line.target += r.n;
    }
  }
  for (const f of finals) {
    const d = rowDisposition(f);
    if (!grids.has(f.gridId) || !d || f.fromRoster !== true) continue;
    for (const line of linesOf(f.gridId, f.category)) {
      line.attempted += f.n;
      line.dispositions[d] += f.n;
      if (d === 'complete') line.completed += f.n;
    }
  }
  const done = (line: SweepLine): SweepLine => ({ ...line, completion: line.target > 0 ? line.completed / line.target : null });
  return {
    total: done(total),
    byCategory: [...byCategory.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh')).map(([category, l]) => ({ category, ...done(l) })),
    byGrid: [...byGrid.entries()].map(([gridId, l]) => ({ gridId, ...done(l) })),
  };
}
