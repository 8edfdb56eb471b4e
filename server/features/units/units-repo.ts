// The four-level unit tree: district (区/县) → township (乡镇/街道) → village (村/社区) → grid (网格). Stored in SQLite,
// read from memory (core/units/tree.ts): every read below asks the in-memory tree, reloaded when units change.
import type { Db } from '../../platform/db.js';
import { writeTransaction } from '../../platform/write-transaction.js';
import { camelRow } from '../../platform/rows.js';
import { noteSetupChange, UnitsWatch } from '../../platform/setup-watch.js';
import { UnitTreeIndex } from '../../core/units/tree.js';
import { UNIT_LEVELS, type Unit, type UnitLevel, type UnitRow } from '../../core/units/unit.js';

/** Exactly the columns of a Unit (never the grid worker's contact, which only the poster reads). */
const UNIT_COLUMNS = 'id, code, name, parent_id, level, population, households';

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
  return { ...camelRow(r), level: levelOf(r.level) };
}

export class UnitsRepo {
  private readonly byCodeStmt;
  private readonly allStmt;
  private readonly insertStmt;
  private readonly coverageStmt;
  private readonly watch: UnitsWatch;
  private index: { stamp: string; tree: UnitTreeIndex } | undefined;
  /** Coverage of open and closed rounds never changes (migration 009): read once per round. */
  private readonly coverage = new Map<number, UnitTreeIndex>();

  constructor(private readonly db: Db) {
    this.byCodeStmt = db.prepare<[string], DbUnit>(`SELECT ${UNIT_COLUMNS} FROM units WHERE code = ?`);
    this.allStmt = db.prepare<[], DbUnit>(`SELECT ${UNIT_COLUMNS} FROM units ORDER BY code`);
    this.insertStmt = db.prepare<[string, string, number | null, string, number | null, number | null, string | null, string | null]>(
      'INSERT INTO units (code, name, parent_id, level, population, households, worker_name, worker_phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.coverageStmt = db.prepare<[number], DbUnit>(
      'SELECT unit_id AS id, code, name, parent_id, level, population, households FROM round_coverage WHERE round_id = ?',
    );
    this.watch = new UnitsWatch(db);
  }

  /**
   * The whole tree, from memory; reloaded (one query) when units changed on this connection or, as of this turn of
   * the event loop, on any other (see UnitsWatch).
   */
  tree(): UnitTreeIndex {
    const stamp = this.watch.stamp();
    if (this.index?.stamp !== stamp) this.index = { stamp, tree: new UnitTreeIndex(this.allStmt.all().map(toUnit)) };
    return this.index.tree;
  }

  /**
   * The units an open or closed round reports on as they were when it opened (its frozen coverage), or undefined
   * when none was recorded (a draft round: it follows the live tree).
   */
  roundCoverage(roundId: number): UnitTreeIndex | undefined {
    const known = this.coverage.get(roundId);
    if (known) return known;
    const rows = this.coverageStmt.all(roundId);
    if (rows.length === 0) return undefined;
    const tree = new UnitTreeIndex(rows.map(toUnit));
    this.coverage.set(roundId, tree);
    return tree;
  }

  /** The tree a round reports on: its frozen coverage once opened, today's tree for a draft. */
  treeOfRound(round: { id: number; state: string }): UnitTreeIndex {
    if (round.state === 'draft') return this.tree();
    // Every round opened since migration 009 has its coverage; one without any covers nothing it could still report.
    return this.roundCoverage(round.id) ?? new UnitTreeIndex([]);
  }

  getByCode(code: string): Unit | undefined {
    return this.tree().byCode(code);
  }

  getById(id: number): Unit | undefined {
    return this.tree().byId(id);
  }

  /** Direct children, ordered by code. */
  children(id: number): Unit[] {
    return [...this.tree().children(id)];
  }

  /** Root first, excluding the unit itself. */
  ancestors(id: number): Unit[] {
    return this.tree().ancestors(id);
  }

  /** Every unit below `id` (excluding itself), optionally only those of one level; ordered by code. */
  descendants(id: number, level?: UnitLevel): Unit[] {
    return this.tree().descendants(id, level);
  }

  roots(): Unit[] {
    return [...this.tree().roots()];
  }

  all(): Unit[] {
    return [...this.tree().all()];
  }

  count(): number {
    return this.tree().size;
  }

  /** True when `unitId` is `ancestorId` or lies below it. */
  isWithin(unitId: number, ancestorId: number): boolean {
    return this.tree().isWithin(unitId, ancestorId);
  }

  /**
   * Inserts validated rows in one transaction, parents before children (rows may come in any order; a parent may
   * also already be in the database). Returns the number of units inserted. Throws UnitImportError (and inserts
   * nothing) when a parent cannot be found.
   */
  importUnits(rows: UnitRow[]): number {
    const inserted = writeTransaction(this.db, () => {
      const ids = new Map<string, number>();
      let pending = [...rows];
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
          const { worker } = row;
          const result = this.insertStmt.run(row.code, row.name, parentId, row.level, row.population, row.households, worker?.name ?? null, worker?.phone ?? null);
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
    noteSetupChange(this.db);
    return inserted;
  }
}
