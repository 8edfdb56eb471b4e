// The unit tree held in memory: built once from every unit (a district has a few thousand) and asked thousands of
// times a minute for a grid's ancestors, a unit's subtree or whether one unit lies within another — questions that
// cost one query per ancestor or a recursive CTE when asked of the database. Lookups keyed by text a user typed go
// through Maps, so a code like `__proto__` or `constructor` is simply not found.
import type { Unit, UnitLevel } from './unit.js';

function byCode(a: Unit, b: Unit): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export class UnitTreeIndex {
  private readonly byIdMap = new Map<number, Unit>();
  private readonly byCodeMap = new Map<string, Unit>();
  private readonly childrenMap = new Map<number, Unit[]>();
  private readonly rootList: Unit[] = [];
  private readonly allList: Unit[];

  /** `units` in any order; each is frozen, since every caller shares it. */
  constructor(units: readonly Unit[]) {
    this.allList = units.map((u) => Object.freeze({ ...u })).sort(byCode);
    for (const u of this.allList) {
      this.byIdMap.set(u.id, u);
      this.byCodeMap.set(u.code, u);
    }
    for (const u of this.allList) {
      // A parent missing from the set (a partial tree) makes the unit a root of it.
      if (u.parentId === null || !this.byIdMap.has(u.parentId)) {
        this.rootList.push(u);
        continue;
      }
      let list = this.childrenMap.get(u.parentId);
      if (!list) this.childrenMap.set(u.parentId, (list = []));
      list.push(u);
    }
  }

  get size(): number {
    return this.allList.length;
  }

  /** Every unit, ordered by code. */
  all(): readonly Unit[] {
    return this.allList;
  }

  roots(): readonly Unit[] {
    return this.rootList;
  }

  byId(id: number): Unit | undefined {
    return this.byIdMap.get(id);
  }

  byCode(code: string): Unit | undefined {
    return this.byCodeMap.get(code);
  }

  /** Direct children, ordered by code. */
  children(id: number): readonly Unit[] {
    return this.childrenMap.get(id) ?? [];
  }

  /** Root first, excluding the unit itself. */
  ancestors(id: number): Unit[] {
    const out: Unit[] = [];
    const seen = new Set<number>([id]);
    for (let p = this.byIdMap.get(id)?.parentId ?? null; p !== null && !seen.has(p); ) {
      const parent = this.byIdMap.get(p);
      if (!parent) break;
      seen.add(p);
      out.push(parent);
      p = parent.parentId;
    }
    return out.reverse();
  }

  /** Every unit below `id` (excluding itself), optionally only those of one level; ordered by code. */
  descendants(id: number, level?: UnitLevel): Unit[] {
    const out: Unit[] = [];
    const stack = [...this.children(id)];
    for (let u = stack.pop(); u !== undefined; u = stack.pop()) {
      if (level === undefined || u.level === level) out.push(u);
      for (const c of this.children(u.id)) stack.push(c);
    }
    return out.sort(byCode);
  }

  /** The grids within a unit (the unit itself for a grid), ordered by code. */
  gridsUnder(id: number): Unit[] {
    const unit = this.byIdMap.get(id);
    if (!unit) return [];
    return unit.level === 'grid' ? [unit] : this.descendants(id, 'grid');
  }

  /** True when `unitId` is `ancestorId` or lies below it. */
  isWithin(unitId: number, ancestorId: number): boolean {
    if (unitId === ancestorId) return true;
    let steps = 0;
    for (let p = this.byIdMap.get(unitId)?.parentId ?? null; p !== null && steps <= this.allList.length; steps++) {
      if (p === ancestorId) return true;
      p = this.byIdMap.get(p)?.parentId ?? null;
    }
    return false;
  }
}
