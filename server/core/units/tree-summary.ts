// The unit tree as staff see it: nested nodes with grid counts and populations summed up from the grids.
import { LEVEL_LABELS, type Unit, type UnitLevel } from './unit.js';

export interface UnitNode {
  unit: Unit;
  levelName: string;
  children: UnitNode[];
  /** Grids in this subtree (1 for a grid). */
  gridCount: number;
  /** The unit's own figure when it has one, else the sum over its children (null when nothing is known). */
  population: number | null;
  households: number | null;
}

function sumKnown(values: Array<number | null>): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((s, v) => s + v, 0);
}

/**
 * Builds the subtrees rooted at `rootIds` from a list of units that contains them and their descendants.
 * Children are ordered by code.
 */
export function buildUnitTree(units: readonly Unit[], rootIds: readonly number[]): UnitNode[] {
  const byParent = new Map<number, Unit[]>();
  const byId = new Map<number, Unit>();
  for (const u of units) {
    byId.set(u.id, u);
    if (u.parentId !== null) {
      const list = byParent.get(u.parentId) ?? [];
      list.push(u);
      byParent.set(u.parentId, list);
    }
  }
  const build = (unit: Unit): UnitNode => {
    const children = (byParent.get(unit.id) ?? []).sort((a, b) => a.code.localeCompare(b.code)).map(build);
    return {
      unit,
      levelName: LEVEL_LABELS[unit.level],
      children,
      gridCount: unit.level === 'grid' ? 1 : children.reduce((s, c) => s + c.gridCount, 0),
      population: unit.population ?? sumKnown(children.map((c) => c.population)),
      households: unit.households ?? sumKnown(children.map((c) => c.households)),
    };
  };
  return rootIds.map((id) => byId.get(id)).filter((u): u is Unit => u !== undefined).map(build);
}
