// 答题模式异常 on the round page, for the committee only (docs/statistics.md#coached-answers): the grids whose answers
// changed against their own previous rounds the way coaching changes them, each with its figures and a link to the
// grid's results. Never part of a bulletin.
import type { Repos } from '../../platform/repos.js';
import type { Round } from '../../core/rounds/round.js';
import type { StaffUser } from '../../core/auth/staff.js';
import { seesEverything } from '../../core/auth/scope.js';
import { COACHED_FIGURES, type CoachedFigure, type GridCoaching } from '../../core/results/coached-answers.js';
import { coachedGrids } from './interviewers-service.js';
import { earlierRounds } from '../results/round-results.js';

const FIGURE_LABELS: Readonly<Record<CoachedFigure, string>> = { dontKnow: '说不清占比', best: '最好一档占比', pattern: '最常见整卷答案占比' };

function pct(v: number): string {
  return `${(100 * v).toFixed(1)}%`;
}

export interface CoachedGridView {
  code: string;
  name: string;
  n: number;
  nBefore: number;
  figures: Array<{ label: string; before: string; now: string; change: string; marked: boolean }>;
}

export function coachedRows(rows: readonly GridCoaching[], unitOf: (id: number) => { code: string; name: string } | undefined): CoachedGridView[] {
  return rows
    .filter((r) => r.marked)
    .map((r) => ({
      code: unitOf(r.gridId)?.code ?? String(r.gridId),
      name: unitOf(r.gridId)?.name ?? String(r.gridId),
      n: r.n,
      nBefore: r.nBefore,
      figures: COACHED_FIGURES.map((f) => {
        const c = r.figures[f];
        return { label: FIGURE_LABELS[f], before: pct(c.before), now: pct(c.now), change: `${c.change > 0 ? '+' : ''}${(100 * c.change).toFixed(1)}`, marked: c.marked };
      }),
    }));
}

/** The round page's section: null for anyone but the committee and administrators. */
export function coachedSection(repos: Repos, user: StaffUser, round: Round): { coached: { grids: CoachedGridView[] } } | { coached: null } {
  if (!seesEverything(user) || round.state === 'draft') return { coached: null };
  const tree = repos.units.tree();
  const rows = coachedGrids(repos, round, earlierRounds(repos, round));
  return { coached: { grids: coachedRows(rows, (id) => tree.byId(id)) } };
}
