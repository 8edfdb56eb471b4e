// Reads a table a person uploads — CSV (UTF-8, with or without BOM) or XLSX (first worksheet) — into rows of text
// with their line numbers, so every import (units, responses, the roster, forecast peers) reports a problem on the
// line the person sees in the spreadsheet, whether it came from the web form, the CLI or a test. A CSV in GBK (Excel's
// default "CSV" on Chinese Windows) is refused with the way to save it right, never read as garbage. A file is bounded
// in bytes, unpacked bytes, rows and cells (docs/rules.md#upload-limits): too large is 413, too many rows is 422; an
// upload is read off the event loop by platform/table-reader.ts, which also bounds the time.
import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';
import ExcelJS from 'exceljs';
import { checkXlsxArchive, type UnpackLimits } from './zip-limits.js';

export interface TableRow {
  /** 1-based line (CSV) or row number (XLSX); the header is line 1. */
  line: number;
  cells: string[];
}

/** 413: the file is too large to take in; 422: it cannot be taken as a table (too many rows or cells). */
export type TableRefusal = 413 | 422;

export type TableRead = { ok: true; rows: TableRow[] } | { ok: false; line: number; problem: string; status?: TableRefusal };

/** What one upload may hold; each importer sets its own. */
export interface TableLimits extends UnpackLimits {
  maxFileBytes: number;
}

/** A file larger than this is refused before parsing: about 200,000 rows of a typical roster. */
export const MAX_ROSTER_FILE_BYTES = 16 * 1024 * 1024;

const MB = 1024 * 1024;

/** The roster's bounds: a whole district's roster in one file, and not a byte more than that needs. */
export const ROSTER_TABLE_LIMITS: TableLimits = { maxFileBytes: MAX_ROSTER_FILE_BYTES, maxUnpackedBytes: 128 * MB, maxRows: 200_000, maxCells: 2_000_000 };

/** Bounds for reading a pasted or uploaded CSV whose caller set none (the CLI's unit and response imports). */
const NO_ROW_LIMITS = { maxRows: Infinity, maxCells: Infinity };

function tooLarge(limits: TableLimits, unpacked: boolean): TableRead {
  const mb = (unpacked ? limits.maxUnpackedBytes : limits.maxFileBytes) / MB;
  const problem = unpacked ? `文件解压后超过 ${mb} MB，可能已损坏或被特意构造，请检查文件或分批导入` : `文件过大（超过 ${mb} MB），请分批导入`;
  return { ok: false, line: 1, problem, status: 413 };
}

function tooMany(limits: Pick<TableLimits, 'maxRows' | 'maxCells'>, what: 'rows' | 'cells'): TableRead {
  const problem = what === 'rows'
    ? `文件行数超过上限（最多 ${limits.maxRows} 行），请分批导入`
    : `文件单元格数超过上限（最多 ${limits.maxCells} 个），请删去多余的列或分批导入`;
  return { ok: false, line: 1, problem, status: 422 };
}

/** Thrown from a parser's callback to stop it at the first row over the limit. */
class OverLimit extends Error {
  constructor(readonly what: 'rows' | 'cells') {
    super(what);
  }
}

/** Counts rows and cells as they are read; throws OverLimit past either bound. */
function rowCounter(limits: Pick<TableLimits, 'maxRows' | 'maxCells'>): (cells: number) => void {
  let rows = 0;
  let total = 0;
  return (cells) => {
    rows += 1;
    total += cells;
    if (rows > limits.maxRows) throw new OverLimit('rows');
    if (total > limits.maxCells) throw new OverLimit('cells');
  };
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLD_EXCEL_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const NOT_UTF8 = '文件不是 UTF-8 编码（可能是 GBK）。在 Excel 中请选择“另存为 → CSV UTF-8（逗号分隔）”，或直接上传 .xlsx 文件';

export function isXlsx(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).equals(ZIP_MAGIC);
}

export function readCsvRows(bytes: Buffer, limits: Pick<TableLimits, 'maxRows' | 'maxCells'> = NO_ROW_LIMITS): TableRead {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, line: 1, problem: NOT_UTF8 };
  }
  return readCsvText(text, limits);
}

/**
 * CSV text (a leading BOM is dropped) into its records, each with the line it starts on; empty lines skipped. Reading
 * stops at the first record past the row or cell limit.
 */
export function readCsvText(text: string, limits: Pick<TableLimits, 'maxRows' | 'maxCells'> = NO_ROW_LIMITS): TableRead {
  const count = rowCounter(limits);
  try {
    const rows: TableRow[] = [];
    // csv-parse's context.lines is where a record ends, and it counts every \r and \n inside a quoted field as a
    // line: a \r\n there counts twice where an editor or Excel shows one line break. The record starts its own
    // breaks before its end, less what was counted twice so far.
    let countedTwice = 0;
    parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        const counted = record.reduce((n, f) => n + (f.match(/[\r\n]/g)?.length ?? 0), 0);
        const breaks = record.reduce((n, f) => n + (f.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        countedTwice += counted - breaks;
        count(record.length);
        rows.push({ line: context.lines - countedTwice - breaks, cells: record });
        return null;
      },
    });
    return { ok: true, rows };
  } catch (err) {
    if (err instanceof OverLimit) return tooMany(limits, err.what);
    if (err instanceof CsvError) return { ok: false, line: typeof err.lines === 'number' ? err.lines : 1, problem: `CSV 格式错误：${err.message}` };
    throw err;
  }
}

/** The text a person sees in a cell: numbers as typed (no exponent), rich text joined, a formula's result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
  return '';
}

/** The first worksheet's rows, once the archive was checked against the limits (zip-limits.ts). */
export async function readXlsxRows(bytes: Buffer, limits: TableLimits = ROSTER_TABLE_LIMITS): Promise<TableRead> {
  const archive = checkXlsxArchive(bytes, limits);
  if (!archive.ok && archive.reason === 'too-large') return tooLarge(limits, true);
  if (!archive.ok && archive.reason !== 'unreadable') return tooMany(limits, archive.reason === 'too-many-rows' ? 'rows' : 'cells');
  const workbook = new ExcelJS.Workbook();
  try {
    if (!archive.ok) throw new Error('unreadable archive');
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, line: 1, problem: '无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, line: 1, problem: 'Excel 文件中没有工作表' };
  const rows: TableRow[] = [];
  const count = rowCounter(limits);
  try {
    sheet.eachRow({ includeEmpty: false }, (row, line) => {
      count(row.cellCount);
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
      if (cells.some((v) => v !== '')) rows.push({ line, cells });
    });
  } catch (err) {
    // A row's cell count runs to its last cell's column: `<c r="XFD1">` alone is 16,384 cells.
    if (err instanceof OverLimit) return tooMany(limits, err.what);
    throw err;
  }
  return { ok: true, rows };
}

/** Reads either kind of file by its content (not its name, which a browser or a person may get wrong). */
export async function readTableFile(bytes: Buffer, limits: TableLimits): Promise<TableRead> {
  if (bytes.length > limits.maxFileBytes) return tooLarge(limits, false);
  if (bytes.subarray(0, 4).equals(OLD_EXCEL_MAGIC)) return { ok: false, line: 1, problem: '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV UTF-8 后再导入' };
  return isXlsx(bytes) ? readXlsxRows(bytes, limits) : readCsvRows(bytes, limits);
}
