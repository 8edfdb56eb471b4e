// Response progress of a round against its quota, summed over the grids of a reporting unit.

export interface GridCount {
  complete: number;
  screenedOut: number;
}

export interface ProgressUnit {
  id: number;
  code: string;
  name: string;
}

export interface UnitProgress {
  unit: ProgressUnit;
  grids: number;
  /** Completed interviews needed: grids × quota per grid. */
  quota: number;
  complete: number;
  screenedOut: number;
  /** Completed interviews counted towards the quota: each grid at most up to its own quota. */
  filled: number;
  /** Grids that reached their quota. */
  gridsMet: number;
  /**
   * Share of the quota filled, 0–100, counting each grid at most up to its own quota, so that one grid that
   * over-collects does not hide a neighbour that has collected nothing. Null when the quota is zero.
   */
  percent: number | null;
}

export function unitProgress(unit: ProgressUnit, gridIds: readonly number[], counts: ReadonlyMap<number, GridCount>, quotaPerGrid: number): UnitProgress {
  let complete = 0;
  let screenedOut = 0;
  let capped = 0;
  let gridsMet = 0;
  for (const gridId of gridIds) {
    const c = counts.get(gridId);
    const done = c?.complete ?? 0;
    complete += done;
    screenedOut += c?.screenedOut ?? 0;
    capped += Math.min(done, quotaPerGrid);
    if (done >= quotaPerGrid) gridsMet += 1;
  }
  const quota = gridIds.length * quotaPerGrid;
  return {
    unit,
    grids: gridIds.length,
    quota,
    complete,
    screenedOut,
    filled: capped,
    gridsMet,
    percent: percentOf(capped, quota),
  };
}

function percentOf(filled: number, quota: number): number | null {
  return quota === 0 ? null : Math.round((filled / quota) * 1000) / 10;
}

/** Totals over several rows (their grids must not overlap). */
export function totalProgress(label: ProgressUnit, rows: readonly UnitProgress[]): UnitProgress {
  const sum = (f: (r: UnitProgress) => number) => rows.reduce((s, r) => s + f(r), 0);
  const quota = sum((r) => r.quota);
  const filled = sum((r) => r.filled);
  return {
    unit: label,
    grids: sum((r) => r.grids),
    quota,
    complete: sum((r) => r.complete),
    screenedOut: sum((r) => r.screenedOut),
    filled,
    gridsMet: sum((r) => r.gridsMet),
    percent: percentOf(filled, quota),
  };
}
