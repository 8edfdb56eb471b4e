// The part of the unit tree a round reports on: the units the round covers, everything below them, and the units
// above them (so a round over two townships still has one top unit whose numbers cover exactly the round's grids).
import type { Unit } from '../units/unit.js';

export interface RoundTreeNode {
  unit: Unit;
  parentCode: string | null;
  /** The round's grids within this unit (the unit itself for a grid). */
  gridIds: number[];
}

/** Nodes top-down (parents before children), siblings by code. */
export function roundTree(all: readonly Unit[], roundUnitIds: readonly number[]): RoundTreeNode[] {
  const byId = new Map(all.map((u) => [u.id, u]));
  const children = new Map<number, Unit[]>();
  for (const u of all) {
    if (u.parentId === null) continue;
    let list = children.get(u.parentId);
    if (!list) children.set(u.parentId, (list = []));
    list.push(u);
  }
  for (const list of children.values()) list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const included = new Set<number>();
  const gridIds = new Set<number>();
  const below = (id: number) => {
    const stack = [id];
    while (stack.length > 0) {
      const next = stack.pop();
      if (next === undefined || included.has(next)) continue;
      const unit = byId.get(next);
      if (!unit) continue;
      included.add(next);
      if (unit.level === 'grid') gridIds.add(next);
      for (const c of children.get(next) ?? []) stack.push(c.id);
    }
  };
  for (const id of roundUnitIds) below(id);
  for (const id of roundUnitIds) {
    for (let p = byId.get(id)?.parentId ?? null; p !== null; p = byId.get(p)?.parentId ?? null) included.add(p);
  }

  const nodes: RoundTreeNode[] = [];
  const visit = (unit: Unit): number[] => {
    const node: RoundTreeNode = {
      unit,
      parentCode: unit.parentId === null ? null : (byId.get(unit.parentId)?.code ?? null),
      gridIds: [],
    };
    nodes.push(node);
    if (unit.level === 'grid') node.gridIds = gridIds.has(unit.id) ? [unit.id] : [];
    for (const c of children.get(unit.id) ?? []) {
      if (included.has(c.id)) node.gridIds.push(...visit(c));
    }
    return node.gridIds;
  };
  const roots = all
    .filter((u) => included.has(u.id) && (u.parentId === null || !included.has(u.parentId)))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const root of roots) visit(root);
  return nodes;
}
