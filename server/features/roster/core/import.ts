// Checks a roster file's rows (table-file.ts) before anything is stored and reports every bad row at once, with its
// line, column and problem in Chinese: the person fixing the spreadsheet should need one round trip, not ten. Either
// every row is good and all are imported, or nothing is.
import type { TableRow } from '../../../core/tables/table-file.js';
import { parsePhone } from '../../../core/privacy/phone.js';
import { DEFAULT_CONTACT_CATEGORIES } from '../../../core/calls/contact.js';

export interface RosterImportError {
  /** 1-based line (CSV) or row (XLSX); the header is line 1. */
  line: number;
  /** The column's header as written in the file, when the problem is in one cell. */
  column?: string;
  problem: string;
}

/** A contact to store: the number in canonical form with its masked copy. */
export interface NewContact {
  gridId: number;
  canonical: string;
  masked: string;
  category: string | null;
  name: string | null;
  note: string | null;
}

/** A row that passed every check, ready for ContactsRepo.importMany. */
export interface CheckedContact extends NewContact {
  line: number;
}

export interface RosterCheck {
  contacts: CheckedContact[];
  errors: RosterImportError[];
}

/** What the checks need to know about a grid code, from the unit tree and the importer's scope. */
export type GridLookup = (code: string) => { id: number; isGrid: boolean; inScope: boolean } | undefined;

export interface RosterCheckContext {
  grid: GridLookup;
  /** Which of these canonical numbers the roster already holds (keyed-hash lookup in storage). */
  known: (canonicals: readonly string[]) => ReadonlySet<string>;
}

const COLUMNS = ['grid', 'phone', 'category', 'name', 'note'] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ['grid', 'phone'];

/** Header names accepted for each column (compared lower-cased, spaces, underscores and dashes ignored). */
const HEADER_ALIASES: Record<Column, string[]> = {
  grid: ['grid', 'gridcode', '网格', '网格编码', '网格代码', '所属网格'],
  phone: ['phone', 'number', 'phonenumber', 'mobile', 'tel', '号码', '电话', '电话号码', '手机', '手机号', '手机号码', '联系电话'],
  category: ['category', 'type', '类别', '分类', '人员类别', '类型'],
  name: ['name', '姓名', '名称', '联系人'],
  note: ['note', 'remark', 'notes', '备注', '说明'],
};
const COLUMN_NAMES: Record<Column, string> = { grid: '网格编码', phone: '号码', category: '类别', name: '姓名', note: '备注' };
const MAX_LENGTH: Record<'category' | 'name' | 'note', number> = { category: 20, name: 50, note: 200 };
/** One file at most: the checks and the one transaction stay well under a second at this size. */
export const MAX_ROSTER_ROWS = 200_000;

function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/[\s_\-（）()]/g, '');
}

function headerIndex(header: TableRow, errors: RosterImportError[]): Map<Column, number> {
  const names = header.cells.map(normaliseHeader);
  const index = new Map<Column, number>();
  for (const col of COLUMNS) {
    const at = names.findIndex((h) => HEADER_ALIASES[col].includes(h));
    if (at >= 0) index.set(col, at);
    else if (REQUIRED.includes(col)) errors.push({ line: header.line, problem: `表头缺少“${COLUMN_NAMES[col]}”列（表头应为：网格编码,号码,类别,姓名,备注）` });
  }
  names.forEach((h, i) => {
    if (h !== '' && ![...index.values()].includes(i)) errors.push({ line: header.line, column: header.cells[i], problem: `表头有未知的列“${header.cells[i]}”` });
  });
  return index;
}

interface RowContext {
  index: Map<Column, number>;
  header: TableRow;
  ctx: RosterCheckContext;
  firstLineOf: Map<string, number>;
  errors: RosterImportError[];
}

/** A category outside the district's list would start a category of its own (a typo splits the sweep's counts). */
function unknownCategory(category: string): string {
  return `类别“${category}”不在类别列表中（可填：${DEFAULT_CONTACT_CATEGORIES.join('、')}，或留空）`;
}

/** One row's own checks (and against the rows before it); the roster lookup comes after, for all rows at once. */
function checkRow({ line, cells }: TableRow, rc: RowContext): CheckedContact | undefined {
  const at = (col: Column) => rc.index.get(col);
  const cell = (col: Column) => (cells[at(col) ?? -1] ?? '').trim();
  const columnName = (col: Column) => rc.header.cells[at(col) ?? -1] ?? COLUMN_NAMES[col];
  let ok = true;
  const bad = (col: Column, problem: string) => {
    ok = false;
    rc.errors.push({ line, column: columnName(col), problem });
  };
  const code = cell('grid');
  const grid = code === '' ? undefined : rc.ctx.grid(code);
  if (code === '') bad('grid', '缺少网格编码');
  else if (!grid) bad('grid', `网格编码“${code}”不存在`);
  else if (!grid.isGrid) bad('grid', `“${code}”不是网格：号码只能导入到网格`);
  else if (!grid.inScope) bad('grid', `网格“${code}”不在您的管辖范围内`);
  const phone = parsePhone(cell('phone'));
  if (!phone.ok) bad('phone', phone.problem);
  else if (rc.firstLineOf.has(phone.phone.canonical)) bad('phone', `号码 ${phone.phone.masked} 在文件中重复（与第 ${rc.firstLineOf.get(phone.phone.canonical)} 行相同）`);
  else rc.firstLineOf.set(phone.phone.canonical, line);
  for (const col of ['category', 'name', 'note'] as const) {
    if (cell(col).length > MAX_LENGTH[col]) bad(col, `${COLUMN_NAMES[col]}过长（最多 ${MAX_LENGTH[col]} 个字）`);
  }
  const category = cell('category');
  if (category !== '' && category.length <= MAX_LENGTH.category && !DEFAULT_CONTACT_CATEGORIES.includes(category)) bad('category', unknownCategory(category));
  if (!ok || !grid || !phone.ok) return undefined;
  const orNull = (col: Column) => (cell(col) === '' ? null : cell(col));
  return { line, gridId: grid.id, ...phone.phone, category: orNull('category'), name: orNull('name'), note: orNull('note') };
}

/** Numbers the roster already has, reported on their rows. */
function checkKnown(candidates: CheckedContact[], rc: RowContext): CheckedContact[] {
  const known = rc.ctx.known(candidates.map((c) => c.canonical));
  return candidates.filter((c) => {
    if (!known.has(c.canonical)) return true;
    rc.errors.push({ line: c.line, column: rc.header.cells[rc.index.get('phone') ?? -1], problem: `号码 ${c.masked} 已在民调数据库中` });
    return false;
  });
}

/**
 * Checks the rows of a roster file (the first row is the header). Every problem is reported with its line and
 * column; `contacts` holds the good rows, to be stored only when `errors` is empty.
 */
export function checkRosterRows(rows: readonly TableRow[], ctx: RosterCheckContext): RosterCheck {
  const errors: RosterImportError[] = [];
  if (rows.length === 0) return { contacts: [], errors: [{ line: 1, problem: '文件是空的：第一行应为表头 网格编码,号码,类别,姓名,备注' }] };
  const header = rows[0];
  const index = headerIndex(header, errors);
  if (errors.length > 0) return { contacts: [], errors };
  const body = rows.slice(1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (body.length === 0) return { contacts: [], errors: [{ line: header.line, problem: '文件只有表头，没有号码' }] };
  if (body.length > MAX_ROSTER_ROWS) return { contacts: [], errors: [{ line: header.line, problem: `文件有 ${body.length} 行，一次最多导入 ${MAX_ROSTER_ROWS} 行，请分批导入` }] };
  const rc: RowContext = { index, header, ctx, firstLineOf: new Map(), errors };
  const candidates = body.map((r) => checkRow(r, rc)).filter((c): c is CheckedContact => c !== undefined);
  const contacts = checkKnown(candidates, rc);
  errors.sort((a, b) => a.line - b.line);
  return { contacts, errors };
}

/** One line per problem, as the CLI and the page list them. */
export function describeRosterError(e: RosterImportError): string {
  return `第 ${e.line} 行${e.column ? `“${e.column}”列` : ''}：${e.problem}`;
}
