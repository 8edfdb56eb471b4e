// The bulletin workbook: an overview sheet, one sheet per level (frozen header row, column widths, numbers stored as
// numbers with the formats the bulletins print: scores 0.00, rates 0.0%), and the AAPOR sheet. Text is written as
// typed text (a string cell, never a formula): a name starting with "=" is shown as written and never evaluated, so
// unlike the CSV it needs no apostrophe (which a spreadsheet would show in an XLSX cell).
import ExcelJS from 'exceljs';
import type { BulletinContent } from '../../features/bulletin/core/content-types.js';
import { aaporRows, overviewRows, type ColumnKind, type Table, type TableValue } from './result-tables.js';

const FORMATS: Record<ColumnKind, string | undefined> = { text: undefined, int: '0', score: '0.00', rate: '0.0%' };


function header(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
}

function pairsSheet(wb: ExcelJS.Workbook, name: string, title: [string, string], rows: Array<[string, TableValue, ColumnKind]>): void {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: title[0], width: 22 },
    { header: title[1], width: 48 },
  ];
  for (const [label, value, kind] of rows) {
    const row = sheet.addRow([label, value]);
    const format = FORMATS[kind];
    if (format) row.getCell(2).numFmt = format;
  }
  header(sheet);
}

/** A sheet of a table: frozen header row, numbers with the printed formats (also the half-year summary's). */
export function tableSheet(wb: ExcelJS.Workbook, name: string, table: Table): void {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c) => ({ header: c.header, width: c.width, style: FORMATS[c.kind] ? { numFmt: FORMATS[c.kind] } : {} }));
  // A plain string value is a text cell in exceljs (a formula needs { formula }), so nothing here is ever evaluated.
  for (const values of table.rows) sheet.addRow(values);
  header(sheet);
}

export async function workbook(content: BulletinContent, sheets: Array<{ name: string; table: Table }>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SafePoll 平安民调';
  wb.created = new Date(content.computedAt);
  pairsSheet(wb, '概况', ['项目', '内容'], overviewRows(content));
  for (const s of sheets) tableSheet(wb, s.name, s.table);
  pairsSheet(wb, 'AAPOR', ['指标', '数值'], aaporRows(content.aapor));
  const data = await wb.xlsx.writeBuffer();
  return Buffer.from(data);
}
