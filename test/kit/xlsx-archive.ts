// Builds XLSX files byte by byte for the upload-limit tests: a minimal valid workbook with a given worksheet, and a
// zip bomb — a worksheet that unpacks to hundreds of megabytes from about a megabyte, made by repeating one
// independently compressed block (a full flush resets the compressor's window, so copies of it are valid deflate),
// so building it takes milliseconds. The bomb's directory can tell its true unpacked size or lie about it.
import { deflateRawSync, constants } from 'node:zlib';
import { createDeflateRaw } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ArchivePart {
  name: string;
  /** The deflated bytes, what the directory says they unpack to, and their checksum. */
  deflated: Buffer;
  size: number;
  crc: number;
  /** The zip method: 8 (deflated, the default), 0 (stored: `deflated` holds the bytes as they are), or another. */
  method?: number;
}

export function deflatedPart(name: string, content: string | Buffer): ArchivePart {
  const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  return { name, deflated: deflateRawSync(data), size: data.length, crc: crc32(data) };
}

/** A zip archive of the parts (deflated, no data descriptors). */
export function zipArchive(parts: ArchivePart[]): Buffer {
  const locals: Buffer[] = [];
  const entries: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.method ?? 8, 8);
    local.writeUInt32LE(p.crc, 14);
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(p.method ?? 8, 10);
    entry.writeUInt32LE(p.crc, 16);
    entry.writeUInt32LE(p.deflated.length, 20);
    entry.writeUInt32LE(p.size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, p.deflated);
    entries.push(entry, name);
    offset += 30 + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(entries);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

function workbookParts(): ArchivePart[] {
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return [
    deflatedPart('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
    deflatedPart('_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    deflatedPart('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${rel}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    deflatedPart('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
  ];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A1-style column letters (ExcelJS needs every cell's reference). */
function column(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** A valid XLSX whose first worksheet holds these rows (inline strings). */
export function xlsxOf(rows: ReadonlyArray<ReadonlyArray<string>>): Buffer {
  const body = rows
    .map((cells, r) => `<row r="${r + 1}">${cells.map((v, c) => `<c r="${column(c)}${r + 1}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`).join('')}</row>`)
    .join('');
  return zipArchive([...workbookParts(), deflatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD + body + SHEET_TAIL)]);
}

/** `block` repeated `times`, deflated as one stream by repeating one fully flushed compressed copy of it. */
async function repeatedDeflate(block: Buffer, times: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (c: Buffer) => chunks.push(c));
  deflate.write(block);
  await new Promise<void>((resolve) => deflate.flush(constants.Z_FULL_FLUSH, () => resolve()));
  deflate.destroy();
  const once = Buffer.concat(chunks);
  // The stream's end: an empty final block with fixed codes.
  return Buffer.concat([...Array<Buffer>(times).fill(once), Buffer.from([0x03, 0x00])]);
}

/**
 * An XLSX whose worksheet unpacks to about `megabytes` MB of rows. `statedSize` is what its directory claims (the
 * truth by default; a liar says a few kilobytes). The checksum is not computed: no reader gets that far.
 */
export async function zipBombXlsx(megabytes: number, statedSize?: number): Promise<Buffer> {
  const row = '<row><c t="inlineStr"><is><t>D01-T1-V1-G1</t></is></c><c t="inlineStr"><is><t>13812341234</t></is></c></row>';
  const block = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length)));
  const deflated = await repeatedDeflate(block, megabytes);
  const head = deflatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD);
  const size = statedSize ?? block.length * megabytes;
  return zipArchive([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', deflated, size, crc: 0 }, { ...head, name: 'xl/worksheets/zz.xml' }]);
}
