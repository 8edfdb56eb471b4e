// Reads a table a person uploads — CSV (UTF-8, with or without BOM) or XLSX (first worksheet) — into rows of text
// with their line numbers, so every import (units, responses, the roster, forecast peers) reports a problem on the
// line the person sees in the spreadsheet, whether it came from the web form, the CLI or a test. A CSV in GBK (Excel's
// default "CSV" on Chinese Windows) is refused with the way to save it right, never read as garbage.
import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse';
import ExcelJS from 'exceljs';

export interface TableRow {
  /** 1-based line (CSV) or row number (XLSX); the header is line 1. */
  line: number;
  cells: string[];
}

export type TableRead = { ok: true; rows: TableRow[] } | { ok: false; line: number; problem: string };

/** A file larger than this is refused before parsing: about 200,000 rows of a typical roster. */
export const MAX_ROSTER_FILE_BYTES = 16 * 1024 * 1024;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLD_EXCEL_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);
const NOT_UTF8 = '文件不是 UTF-8 编码（可能是 GBK）。在 Excel 中请选择“另存为 → CSV UTF-8（逗号分隔）”，或直接上传 .xlsx 文件';

export function isXlsx(bytes: Buffer): boolean {
  return bytes.subarray(0, 4).equals(ZIP_MAGIC);
}

export function readCsvRows(bytes: Buffer): TableRead {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, line: 1, problem: NOT_UTF8 };
  }
  return readCsvText(text);
}

/** CSV text (a leading BOM is dropped) into its records, each with the line it starts on; empty lines skipped. */
export function readCsvText(text: string): TableRead {
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
        rows.push({ line: context.lines - countedTwice - breaks, cells: record });
        return null;
      },
    });
    return { ok: true, rows };
  } catch (err) {
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

export async function readXlsxRows(bytes: Buffer): Promise<TableRead> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, line: 1, problem: '无法读取该 Excel 文件：文件已损坏或不是 .xlsx 格式' };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, line: 1, problem: 'Excel 文件中没有工作表' };
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).trim());
    if (cells.some((v) => v !== '')) rows.push({ line, cells });
  });
  return { ok: true, rows };
}

/** Reads either kind of file by its content (not its name, which a browser or a person may get wrong). */
export async function readRosterTable(bytes: Buffer): Promise<TableRead> {
  if (bytes.length > MAX_ROSTER_FILE_BYTES) return { ok: false, line: 1, problem: `文件过大（超过 ${MAX_ROSTER_FILE_BYTES / 1024 / 1024} MB），请分批导入` };
  if (bytes.subarray(0, 4).equals(OLD_EXCEL_MAGIC)) return { ok: false, line: 1, problem: '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV UTF-8 后再导入' };
  return isXlsx(bytes) ? readXlsxRows(bytes) : readCsvRows(bytes);
}
