// Reads an exported workbook back as the text of every cell, one per line, for tests that search exports for a value.
import ExcelJS from 'exceljs';

export async function xlsxText(payload: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const buffer = new ArrayBuffer(payload.length);
  new Uint8Array(buffer).set(payload);
  await wb.xlsx.load(buffer);
  const cells: string[] = [];
  wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
  return cells.join('\n');
}
