// Checks a units CSV (code, name, parent_code, level, population, households; optionally worker_name, worker_phone
// for a grid's poster, see import-worker.ts) before anything is stored, and
// reports every bad row at once in Chinese: the person fixing the spreadsheet should need one round trip, not ten.
import { readCsvText, type TableRow } from '../../../core/tables/table-file.js';
import type { UnitLevel, UnitRow } from '../../../core/units/unit.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import { WORKER_COLUMNS, WORKER_HEADER_ALIASES, workerOfRow, type WorkerColumn } from './import-worker.js';

export interface UnitCsvError {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  code?: string;
  problem: string;
}

export interface UnitCsvResult {
  /** The rows that passed every check; only meaningful to store when `errors` is empty. */
  rows: UnitRow[];
  errors: UnitCsvError[];
}

const COLUMNS = ['code', 'name', 'parent_code', 'level', 'population', 'households'] as const;
type Column = (typeof COLUMNS)[number];

/** Header names accepted for each column (compared lower-cased, spaces and underscores ignored). */
const HEADER_ALIASES: Record<Column | WorkerColumn, string[]> = {
  ...WORKER_HEADER_ALIASES,
  code: ['code', '编码', '代码', '单位编码'],
  name: ['name', '名称', '单位名称'],
  parent_code: ['parentcode', 'parent', '上级编码', '上级代码'],
  level: ['level', '层级', '级别'],
  population: ['population', '人口', '常住人口'],
  households: ['households', '户数'],
};

const LEVEL_ALIASES: Record<UnitLevel, string[]> = {
  district: ['district', 'county', '区', '县', '区县', '区/县', '县/区', '县区', '区（县）', '区(县)'],
  township: ['township', 'street', 'town', '乡镇', '街道', '乡', '镇', '乡镇/街道', '乡镇街道', '街道/乡镇', '乡镇（街道）', '乡镇(街道)'],
  village: ['village', 'community', '村', '社区', '村/社区', '村社区', '村（社区）', '村(社区)', '社区/村'],
  grid: ['grid', '网格'],
};

/** Unit codes go into URLs, file names and lookups: letters, digits, `-` and `_` only (starting with a letter or
 * digit), so no code reads as markup, a path or `__proto__`. Names JavaScript objects carry themselves
 * (`constructor`, `toString`) are refused as well: a lookup that slips through a plain object must not find them. */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
const UNIT_CODE_RULE = '只能由字母、数字、“-”和“_”组成，以字母或数字开头，长度 1–40 个字符';

/** A Chinese problem text when `code` is not a usable unit code, else undefined. */
export function unitCodeProblem(code: string, what: string): string | undefined {
  if (!UNIT_CODE_PATTERN.test(code)) return `${what} "${code}" 无效：${UNIT_CODE_RULE}`;
  if (code in Object.prototype) return `${what} "${code}" 是系统保留字，请换一个编码`;
  return undefined;
}

const DEPTH: Record<UnitLevel, number> = { district: 0, township: 1, village: 2, grid: 3 };

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s_-]/g, '');
}

export function levelFromText(text: string): UnitLevel | undefined {
  const t = text.trim().toLowerCase();
  for (const level of Object.keys(LEVEL_ALIASES) as UnitLevel[]) {
    if (LEVEL_ALIASES[level].includes(t)) return level;
  }
  return undefined;
}

/** Empty → null; a whole number ≥ 0 → the number; anything else → a problem text. */
function count(raw: string, label: string): number | null | { problem: string } {
  const text = raw.trim();
  if (text === '') return null;
  if (/^-\s*\d+(\.\d+)?$/.test(text)) return { problem: `${label} "${text}" 不能为负数` };
  if (!/^\d+$/.test(text)) return { problem: `${label} "${text}" 必须是不小于 0 的整数` };
  const n = Number(text);
  if (!Number.isSafeInteger(n)) return { problem: `${label} "${text}" 过大` };
  return n;
}

interface Candidate {
  row: UnitRow;
  level: UnitLevel | undefined;
  line: number;
  ok: boolean;
}

/** Where each column is, or the problems with the header row. */
function headerIndex(first: TableRow, errors: UnitCsvError[]): Map<Column | WorkerColumn, number> {
  const header = first.cells.map(normaliseHeader);
  const index = new Map<Column | WorkerColumn, number>();
  for (const col of COLUMNS) {
    const at = header.findIndex((h) => HEADER_ALIASES[col].includes(h));
    if (at < 0) errors.push({ line: first.line, problem: `表头缺少 ${col} 列（表头应为 ${COLUMNS.join(',')}）` });
    else index.set(col, at);
  }
  for (const col of WORKER_COLUMNS) {
    const at = header.findIndex((h) => HEADER_ALIASES[col].includes(h));
    if (at >= 0) index.set(col, at);
  }
  header.forEach((h, i) => {
    if (![...index.values()].includes(i)) errors.push({ line: first.line, problem: `表头有未知的列 "${first.cells[i]}"` });
  });
  return index;
}

/** The checks one row can have on its own (and against the rows before it and the database). */
function checkRows(body: TableRow[], index: Map<Column | WorkerColumn, number>, width: number, existing: ReadonlyMap<string, UnitLevel>, errors: UnitCsvError[]): Candidate[] {
  const cell = (record: string[], col: Column | WorkerColumn): string => (record[index.get(col) ?? -1] ?? '').trim();
  const candidates: Candidate[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { cells: record, line } of body) {
    const report = (problem: string, code: string) => errors.push({ line, code: code || undefined, problem: `第 ${line} 行：${problem}` });
    if (record.length !== width) {
      report(`应有 ${width} 列，实际有 ${record.length} 列`, (record[index.get('code') ?? 0] ?? '').trim());
      continue;
    }
    const code = cell(record, 'code');
    let ok = true;
    const bad = (problem: string) => {
      ok = false;
      report(problem, code);
    };
    const codeProblem = code === '' ? '缺少单位编码' : unitCodeProblem(code, '单位编码');
    if (codeProblem) bad(codeProblem);
    else if (firstLineOf.has(code)) bad(`单位编码 "${code}" 重复（与第 ${firstLineOf.get(code)} 行相同）`);
    else if (existing.has(code)) bad(`单位编码 "${code}" 已存在于数据库中`);
    if (code !== '' && !firstLineOf.has(code)) firstLineOf.set(code, line);

    const name = cell(record, 'name');
    if (name === '') bad('缺少单位名称');
    const levelText = cell(record, 'level');
    const level = levelFromText(levelText);
    if (!level) bad(`层级 "${levelText}" 无效，应为 区/县、乡镇/街道、村/社区、网格（或 district/township/village/grid）`);
    const population = count(cell(record, 'population'), '人口');
    if (population !== null && typeof population === 'object') bad(population.problem);
    const households = count(cell(record, 'households'), '户数');
    if (households !== null && typeof households === 'object') bad(households.problem);
    const parentText = cell(record, 'parent_code');
    const worker = workerOfRow(level, cell(record, 'worker_name'), cell(record, 'worker_phone'));
    if ('problems' in worker) worker.problems.forEach(bad);
    const row: UnitRow = {
      code,
      name,
      parentCode: parentText === '' ? null : parentText,
      level: level ?? 'grid',
      population: typeof population === 'number' ? population : null,
      households: typeof households === 'number' ? households : null,
      ...('worker' in worker && worker.worker ? { worker: worker.worker } : {}),
    };
    candidates.push({ line, ok, level, row });
  }
  return candidates;
}

/** The problem with a non-district row's parent, if any. */
function parentProblem(row: UnitRow, level: UnitLevel, parentLevelOf: (code: string) => UnitLevel | undefined | null): string | undefined {
  if (row.parentCode === null) return `${LEVEL_LABELS[level]}必须填写上级编码`;
  const codeProblem = unitCodeProblem(row.parentCode, '上级编码');
  if (codeProblem) return codeProblem;
  if (row.parentCode === row.code) return `上级编码不能是自己（"${row.code}"）`;
  const parentLevel = parentLevelOf(row.parentCode);
  if (parentLevel === null) return `上级编码 "${row.parentCode}" 不存在`;
  if (parentLevel !== undefined && DEPTH[parentLevel] !== DEPTH[level] - 1) {
    return `${LEVEL_LABELS[level]}的上级应为${LEVEL_LABELS[levelAbove(level)]}，但 "${row.parentCode}" 是${LEVEL_LABELS[parentLevel]}`;
  }
  return undefined;
}

/** Parents and levels need the whole file, since rows may come in any order. A parent's level is the one its first
 * row declares (a duplicate row was reported already). */
function checkParents(candidates: Candidate[], existing: ReadonlyMap<string, UnitLevel>, errors: UnitCsvError[]): void {
  const levelInFile = new Map<string, UnitLevel | undefined>();
  for (const c of candidates) if (c.row.code !== '' && !levelInFile.has(c.row.code)) levelInFile.set(c.row.code, c.level);
  // null: no such unit; undefined: a row whose level was itself invalid.
  const parentLevelOf = (code: string) => (levelInFile.has(code) ? levelInFile.get(code) : existing.get(code) ?? null);
  const existingRoots = [...existing.entries()].filter(([, l]) => l === 'district').map(([c]) => c);
  let rootLine: number | undefined;
  for (const c of candidates) {
    const { row, line, level } = c;
    if (level === undefined) continue;
    const bad = (problem: string) => {
      c.ok = false;
      errors.push({ line, code: row.code || undefined, problem: `第 ${line} 行：${problem}` });
    };
    if (level === 'district') {
      if (row.parentCode !== null) bad(`区/县是最高层级，不能有上级编码（"${row.parentCode}"）`);
      else if (rootLine !== undefined) bad(`只能有一个区/县根节点，第 ${rootLine} 行已有一个`);
      else if (existingRoots.length > 0) bad(`只能有一个区/县根节点，数据库中已有 "${existingRoots[0]}"`);
      else rootLine = line;
      continue;
    }
    const problem = parentProblem(row, level, parentLevelOf);
    if (problem) bad(problem);
  }
  for (const loop of parentCycles(candidates)) {
    const text = [...loop.map((c) => c.row.code), loop[0].row.code].map((code) => `"${code}"`).join(' → ');
    for (const c of loop) {
      c.ok = false;
      errors.push({ line: c.line, code: c.row.code, problem: `第 ${c.line} 行：上级关系形成循环 ${text}` });
    }
  }
}

/**
 * Parses and checks the file. `existing` maps the codes already in the database to their level. Rows may come in
 * any order (a child before its parent). Every problem is reported with its line; `rows` holds the good rows.
 */
export function parseUnitsCsv(text: string, existing: ReadonlyMap<string, UnitLevel>): UnitCsvResult {
  const errors: UnitCsvError[] = [];
  const read = readCsvText(text);
  if (!read.ok) return { rows: [], errors: [{ line: read.line, problem: read.problem }] };
  const [first, ...rest] = read.rows;
  if (!first) return { rows: [], errors: [{ line: 1, problem: '文件是空的：第一行应为表头 code,name,parent_code,level,population,households' }] };
  const index = headerIndex(first, errors);
  if (errors.length > 0) return { rows: [], errors };
  if (rest.length === 0) return { rows: [], errors: [{ line: first.line, problem: '文件只有表头，没有单位数据' }] };
  const candidates = checkRows(rest, index, first.cells.length, existing, errors);
  checkParents(candidates, existing, errors);
  errors.sort((a, b) => a.line - b.line);
  return { rows: candidates.filter((c) => c.ok).map((c) => c.row), errors };
}

/**
 * Loops of two or more rows in the file's parent links (a row naming itself is reported on its own). The level
 * rule already rejects every such row, but "these rows point at each other" is what the person must be told.
 */
function parentCycles<C extends { row: UnitRow }>(candidates: C[]): C[][] {
  const byCode = new Map<string, C>();
  for (const c of candidates) if (c.row.code !== '' && !byCode.has(c.row.code)) byCode.set(c.row.code, c);
  const done = new Set<string>();
  const loops: C[][] = [];
  for (const start of byCode.keys()) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let code: string | null = start;
    while (code !== null && byCode.has(code) && !done.has(code) && !onPath.has(code)) {
      onPath.set(code, path.length);
      path.push(code);
      code = byCode.get(code)?.row.parentCode ?? null;
    }
    if (code !== null && onPath.has(code)) {
      const loop = path.slice(onPath.get(code));
      if (loop.length > 1) loops.push(loop.map((c) => byCode.get(c)).filter((c): c is C => c !== undefined));
    }
    for (const c of path) done.add(c);
  }
  return loops;
}

function levelAbove(level: UnitLevel): UnitLevel {
  const above: Record<UnitLevel, UnitLevel> = { district: 'district', township: 'district', village: 'township', grid: 'village' };
  return above[level];
}
