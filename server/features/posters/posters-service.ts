// What other capabilities ask of the posters: a grid's worker (name and work phone) that its posters print, read and
// set from the grid's own page. The change and its audit entry are one transaction (poster-repo.ts).
import type { Repos } from '../../platform/repos.js';
import type { GridWorker } from '../../core/units/grid-worker.js';
import type { PosterRepo } from './poster-repo.js';

/** Who made a change, as the audit trail records it. */
type Actor = Parameters<PosterRepo['setGridWorker']>[3];

/** The grid's worker as its posters print them; undefined when none is registered. */
export function gridWorker(repos: Repos, gridId: number): GridWorker | undefined {
  return repos.posters.gridWorker(gridId);
}

/** Registers (or, with null, clears) the grid's worker; false when nothing changed. */
export function setGridWorker(repos: Repos, grid: { id: number; code: string }, worker: GridWorker | null, actor: Actor): boolean {
  return repos.posters.setGridWorker(grid.id, grid.code, worker, actor);
}
