// The four-level unit tree: district (区/县) → township (乡镇/街道) → village (村/社区) → grid (网格).
import type { Db } from './db.js';
import { noteSetupChange } from './setup-watch.js';
import { UNIT_LEVELS, type Unit, type UnitLevel, type UnitRow } from '../domain/units/unit.js';

interface DbUnit {
  id: number;
  code: string;
  name: string;
  parent_id: number | null;
  level: string;
  population: number | null;
  households: number | null;
}

export class UnitImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnitImportError';
  }
}

function levelOf(level: string): UnitLevel {
  const found = UNIT_LEVELS.find((l) => l === level);
  if (!found) throw new Error(`unknown unit level in database: ${level}`);
  return found;
}

function toUnit(r: DbUnit): Unit {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    parentId: r.parent_id,
    level: levelOf(r.level),
    population: r.population,
    households: r.households,
  };
}

export class UnitsRepo {
  private readonly byCodeStmt;
  private readonly byIdStmt;
  private readonly childrenStmt;
  private readonly descendantsStmt;
  private readonly descendantsLevelStmt;
  private readonly rootsStmt;
  private readonly allStmt;
  private readonly countStmt;
  private readonly insertStmt;

  constructor(private readonly db: Db) {
    this.byCodeStmt = db.prepare<[string], DbUnit>('SELECT * FROM units WHERE code = ?');
    this.byIdStmt = db.prepare<[number], DbUnit>('SELECT * FROM units WHERE id = ?');
    this.childrenStmt = db.prepare<[number], DbUnit>('SELECT * FROM units WHERE parent_id = ? ORDER BY code');
    const tree = `WITH RECURSIVE sub(id) AS (
        SELECT id FROM units WHERE parent_id = ?
        UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id)
      SELECT units.* FROM units JOIN sub ON units.id = sub.id`;
    this.descendantsStmt = db.prepare<[number], DbUnit>(`${tree} ORDER BY units.code`);
    this.descendantsLevelStmt = db.prepare<[number, string], DbUnit>(`${tree} WHERE units.level = ? ORDER BY units.code`);
    this.rootsStmt = db.prepare<[], DbUnit>('SELECT * FROM units WHERE parent_id IS NULL ORDER BY code');
    this.allStmt = db.prepare<[], DbUnit>('SELECT * FROM units ORDER BY code');
    this.countStmt = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM units');
    this.insertStmt = db.prepare<[string, string, number | null, string, number | null, number | null]>(
      'INSERT INTO units (code, name, parent_id, level, population, households) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  getByCode(code: string): Unit | undefined {
    const r = this.byCodeStmt.get(code);
    return r ? toUnit(r) : undefined;
  }

  getById(id: number): Unit | undefined {
    const r = this.byIdStmt.get(id);
    return r ? toUnit(r) : undefined;
  }

  /** Direct children, ordered by code. */
  children(id: number): Unit[] {
    return this.childrenStmt.all(id).map(toUnit);
  }

  /** Root first, excluding the unit itself. */
  ancestors(id: number): Unit[] {
    const out: Unit[] = [];
    let current = this.getById(id);
    const seen = new Set<number>();
    while (current && current.parentId !== null && !seen.has(current.parentId)) {
      seen.add(current.parentId);
      const parent = this.getById(current.parentId);
      if (!parent) break;
      out.unshift(parent);
      current = parent;
    }
    return out;
  }

  /** Every unit below `id` (excluding itself), optionally only those of one level; ordered by code. */
  descendants(id: number, level?: UnitLevel): Unit[] {
    const rows = level === undefined ? this.descendantsStmt.all(id) : this.descendantsLevelStmt.all(id, level);
    return rows.map(toUnit);
  }

  roots(): Unit[] {
    return this.rootsStmt.all().map(toUnit);
  }

  all(): Unit[] {
    return this.allStmt.all().map(toUnit);
  }

  count(): number {
    return this.countStmt.get()?.n ?? 0;
  }

  /** True when `unitId` is `ancestorId` or lies below it. */
  isWithin(unitId: number, ancestorId: number): boolean {
    if (unitId === ancestorId) return true;
    return this.ancestors(unitId).some((u) => u.id === ancestorId);
  }

  /**
   * Inserts validated rows in one transaction, parents before children (rows may come in any order; a parent may
   * also already be in the database). Returns the number of units inserted. Throws UnitImportError (and inserts
   * nothing) when a parent cannot be found.
   */
  importUnits(rows: UnitRow[]): number {
    const run = this.db.transaction((input: UnitRow[]) => {
      const ids = new Map<string, number>();
      let pending = [...input];
      let inserted = 0;
      while (pending.length > 0) {
        const next: UnitRow[] = [];
        for (const row of pending) {
          let parentId: number | null = null;
          if (row.parentCode !== null) {
            const known = ids.get(row.parentCode) ?? this.byCodeStmt.get(row.parentCode)?.id;
            if (known === undefined) {
              next.push(row);
              continue;
            }
            parentId = known;
          }
          const result = this.insertStmt.run(row.code, row.name, parentId, row.level, row.population, row.households);
          ids.set(row.code, Number(result.lastInsertRowid));
          inserted++;
        }
        if (next.length === pending.length) {
          throw new UnitImportError(`上级编码 "${next[0].parentCode ?? ''}" 不存在（单位 "${next[0].code}"）`);
        }
        pending = next;
      }
      return inserted;
    });
    const inserted = run(rows);
    noteSetupChange(this.db);
    return inserted;
  }
}
