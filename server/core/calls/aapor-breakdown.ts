// AAPOR rates of a round's phone work, from the final attempt of each case (final-disposition.ts): for the whole
// round (the bulletin), per grid, village and township (each unit's cases are those of the grids below it) and per
// interviewer (a case counts for whoever made its deciding attempt). One mapping from dispositions to AAPOR's
// letters, one formula (stats/aapor.ts): the bulletin and the round page cannot disagree.
import type { AaporCounts } from '../stats/aapor.js';
import { aaporRates } from '../stats/aapor.js';
import type { AaporRates } from '../results/types.js';
import type { Unit } from '../units/unit.js';
import type { CallDisposition } from './call.js';
import { rowDisposition, type DispositionCounts, type FinalDispositionRow } from './final-disposition.js';

export const DISPOSITION_AAPOR_KEYS: Readonly<Record<CallDisposition, keyof AaporCounts>> = {
  complete: 'I',
  partial: 'P',
  refusal: 'R',
  non_contact: 'NC',
  other: 'O',
  unknown_household: 'UH',
  unknown_other: 'UO',
  not_eligible: 'NE',
};

export function emptyAaporCounts(): AaporCounts {
  return { I: 0, P: 0, R: 0, NC: 0, O: 0, UH: 0, UO: 0, NE: 0 };
}

/** Final dispositions as AAPOR's counts (absent dispositions count 0). */
export function aaporCountsOf(dispositions: Partial<DispositionCounts>): AaporCounts {
  const counts = emptyAaporCounts();
  for (const [d, key] of Object.entries(DISPOSITION_AAPOR_KEYS) as Array<[CallDisposition, keyof AaporCounts]>) {
    counts[key] += dispositions[d] ?? 0;
  }
  return counts;
}

function addRow(counts: AaporCounts, row: FinalDispositionRow): void {
  const d = rowDisposition(row);
  if (d) counts[DISPOSITION_AAPOR_KEYS[d]] += row.n;
}

function total(counts: AaporCounts): number {
  return Object.values(counts).reduce((s, n) => s + n, 0);
}

export interface UnitAapor {
  unit: Unit;
  cases: number;
  rates: AaporRates;
}

/**
 * Rates for every township, village and grid of `units` with at least one case, in tree order (a township, then its
 * villages each followed by its grids). `e`: the round's eligibility estimate, null to estimate it per unit.
 */
export function aaporByUnit(units: readonly Unit[], rows: readonly FinalDispositionRow[], e: number | null): UnitAapor[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const counts = new Map<number, AaporCounts>();
  for (const row of rows) {
    // The grid and every ancestor up to (not including) the district count the case.
    for (let unit = byId.get(row.gridId); unit && unit.level !== 'district'; unit = unit.parentId === null ? undefined : byId.get(unit.parentId)) {
      const c = counts.get(unit.id) ?? emptyAaporCounts();
      addRow(c, row);
      counts.set(unit.id, c);
    }
  }
  const children = new Map<number | null, Unit[]>();
  for (const u of units) {
    const list = children.get(u.parentId);
    if (list) list.push(u);
    else children.set(u.parentId, [u]);
  }
  const ordered: UnitAapor[] = [];
  const visit = (parentId: number | null) => {
    for (const u of (children.get(parentId) ?? []).sort((a, b) => a.code.localeCompare(b.code))) {
      const c = counts.get(u.id);
      if (c && total(c) > 0) ordered.push({ unit: u, cases: total(c), rates: aaporRates(c, e) });
      visit(u.id);
    }
  };
  visit(null);
  return ordered;
}

export interface InterviewerAapor {
  interviewerId: number | null;
  cases: number;
  rates: AaporRates;
}

/** Rates per interviewer of the deciding attempts; null collects calls without one (imported, simulated). */
export function aaporByInterviewer(rows: readonly FinalDispositionRow[], e: number | null): InterviewerAapor[] {
  const counts = new Map<number | null, AaporCounts>();
  for (const row of rows) {
    const id = row.interviewerId ?? null;
    const c = counts.get(id) ?? emptyAaporCounts();
    addRow(c, row);
    counts.set(id, c);
  }
  return [...counts.entries()]
    .filter(([, c]) => total(c) > 0)
    .sort(([a], [b]) => (a ?? Infinity) - (b ?? Infinity))
    .map(([interviewerId, c]) => ({ interviewerId, cases: total(c), rates: aaporRates(c, e) }));
}
