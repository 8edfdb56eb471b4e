// CSV as Excel on a Chinese-language PC opens it: UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting, and
// text that a spreadsheet would take for a formula (= + - @, or a leading tab or carriage return) neutralised.

export const BOM = '\uFEFF';
export const CRLF = '\r\n';

export type Cell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text that would start a formula gets a leading apostrophe, which spreadsheets show as text and never evaluate
 * (OWASP "CSV injection"). Numbers are numbers, never neutralised.
 */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: numbers as written, text neutralised and quoted when it holds a comma, quote or line break. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly Cell[]): string {
  return cells.map(csvField).join(',') + CRLF;
}

/** A whole file: BOM, then one CRLF-terminated line per row. */
export function toCsv(rows: ReadonlyArray<readonly Cell[]>): string {
  return BOM + rows.map(csvRow).join('');
}
