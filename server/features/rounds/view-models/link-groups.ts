// The links page's grids grouped by village (in code order), each group a collapsed <details> so that a district's
// 184 grids make a list of villages, not a 20,000 px page.
import type { Unit } from '../../../core/units/unit.js';

export interface LinkRow {
  grid: Unit;
  link: string;
  qr: string | undefined;
}

export interface LinkGroup {
  /** The village (or, for a grid hung straight under a township, that parent); undefined for a grid with none. */
  parent: Unit | undefined;
  /** The township above the village, for the group's heading. */
  township: Unit | undefined;
  rows: LinkRow[];
  /** Shown unfolded: the only group, or the one the list was narrowed to. */
  open: boolean;
}

/** Groups rows (already in grid-code order) by their parent; `ancestorsOf` gives a grid's units root first. */
export function groupLinksByVillage(rows: readonly LinkRow[], ancestorsOf: (grid: Unit) => readonly Unit[]): LinkGroup[] {
  const groups = new Map<string, LinkGroup>();
  for (const row of rows) {
    const above = ancestorsOf(row.grid);
    const parent = above.at(-1);
    const key = parent?.code ?? '';
    let group = groups.get(key);
    if (!group) {
      group = { parent, township: above.find((u) => u.level === 'township' && u !== parent), rows: [], open: false };
      groups.set(key, group);
    }
    group.rows.push(row);
  }
  const list = [...groups.values()];
  if (list.length === 1) list[0].open = true;
  return list;
}
