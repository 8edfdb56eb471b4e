// How far the half-year sweep has reached the roster: "已回访 x / y 户（z%）", with one denominator everywhere — the
// roster's numbers in scope (every number of the roster, whatever its status: a number marked 空号 or 拒绝再访 is a
// household the sweep did not reach). x is the numbers whose last call in the round completed the interview
// (progress.ts); web answers carry no roster number and never count. The same line is read on the round page, the
// sweep's bulletin, the half-year summary (page and Word) and the phone workstation.
import type { SweepLine, SweepProgress } from './sweep-progress.js';
import { emptyDispositionCounts } from '../calls/final-disposition.js';
import type { Unit } from '../units/unit.js';

export interface Coverage {
  completed: number;
  roster: number;
  /** completed / roster; null without a roster. */
  share: number | null;
}

export function coverageOf(line: Pick<SweepLine, 'completed' | 'roster'>): Coverage {
  return { completed: line.completed, roster: line.roster, share: line.roster > 0 ? line.completed / line.roster : null };
}

/** "x / y 户（z%）", the share to one decimal ("—" without a roster). */
export function coverageText(c: Coverage): string {
  const share = c.share === null ? '—' : `${(c.share * 100).toFixed(1)}%`;
  return `${c.completed} / ${c.roster} 户（${share}）`;
}

/** The sum of several lines (a village of its grids, a township of its villages). */
export function sumLines(lines: readonly SweepLine[]): SweepLine {
  const sum: SweepLine = { roster: 0, target: 0, attempted: 0, completed: 0, completion: null, dispositions: emptyDispositionCounts() };
  for (const l of lines) {
    sum.roster += l.roster;
    sum.target += l.target;
    sum.attempted += l.attempted;
    sum.completed += l.completed;
    for (const [d, n] of Object.entries(l.dispositions) as Array<[keyof SweepLine['dispositions'], number]>) sum.dispositions[d] += n;
  }
  return { ...sum, completion: sum.target > 0 ? sum.completed / sum.target : null };
}

/** A township or village with its subtotal and what lies under it (villages, or grids). */
export interface AreaCoverage {
  unit: Unit;
  line: SweepLine;
  children: AreaCoverage[];
}

/**
 * The grids' lines folded under their villages and townships, each with its subtotal, in code order. `parentOf`
 * reads the round's unit tree; a grid without a village (or a village without a township) hangs from what it has.
 */
export function coverageByArea(grids: ReadonlyArray<{ grid: Unit; line: SweepLine }>, parentOf: (unit: Unit) => Unit | undefined): AreaCoverage[] {
  const fold = (nodes: AreaCoverage[], level: 'village' | 'township'): AreaCoverage[] => {
    const groups = new Map<number, AreaCoverage>();
    const loose: AreaCoverage[] = [];
    for (const node of nodes) {
      const parent = parentOf(node.unit);
      if (!parent || parent.level !== level) {
        loose.push(node);
        continue;
      }
      const group = groups.get(parent.id) ?? { unit: parent, line: node.line, children: [] };
      group.children.push(node);
      groups.set(parent.id, group);
    }
    for (const g of groups.values()) g.line = sumLines(g.children.map((c) => c.line));
    return [...groups.values(), ...loose].sort((a, b) => a.unit.code.localeCompare(b.unit.code));
  };
  const leaves = grids.map((g) => ({ unit: g.grid, line: g.line, children: [] }));
  return fold(fold(leaves, 'village'), 'township');
}

/** A sweep's coverage of the roster over some grids: in total, by category, and by township, village and grid. */
export interface SweepCoverageReport extends SweepProgress {
  /** The grids under their villages and townships, each with its subtotal. */
  areas: AreaCoverage[];
}

/** Each township's, village's and grid's coverage by unit code. */
export function coverageByUnitCode(areas: readonly AreaCoverage[]): Map<string, Coverage> {
  const out = new Map<string, Coverage>();
  const walk = (a: AreaCoverage) => {
    out.set(a.unit.code, coverageOf(a.line));
    a.children.forEach(walk);
  };
  areas.forEach(walk);
  return out;
}
