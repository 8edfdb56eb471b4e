// Bounds on what an uploaded XLSX (a zip archive) may unpack to, checked before the workbook is parsed
// (docs/rules.md#upload-limits). A 1 MB file can hold hundreds of megabytes of worksheet: the archive's directory
// states each part's unpacked size, so a bomb that tells the truth is refused before anything is inflated; a directory
// can lie, so every part is then inflated here under a hard output limit (zlib's maxOutputLength), and the rows and
// cells of the worksheets are counted in the inflated text before a parser builds anything from them.
import { inflateRawSync } from 'node:zlib';

export interface UnpackLimits {
  /** Bytes all parts together may unpack to. */
  maxUnpackedBytes: number;
  /** Rows of all worksheets together. */
  maxRows: number;
  /** Cells of all worksheets together. */
  maxCells: number;
}

export type UnpackCheck =
  | { ok: true; rows: number; cells: number }
  | { ok: false; reason: 'too-large' | 'too-many-rows' | 'too-many-cells' | 'unreadable' };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Part {
  name: string;
  method: number;
  compressedSize: number;
  unpackedSize: number;
  localOffset: number;
}

/** The archive's directory, or undefined when it cannot be found or read (ZIP64 included: no roster needs it). */
function directoryOf(zip: Buffer): Part[] | undefined {
  const searchFrom = Math.max(0, zip.length - 22 - 0xffff);
  let end = -1;
  for (let i = zip.length - 22; i >= searchFrom; i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const parts: Part[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY) return undefined;
    const nameLength = zip.readUInt16LE(at + 28);
    const part = {
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      unpackedSize: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (part.unpackedSize === 0xffffffff || part.compressedSize === 0xffffffff) return undefined;
    parts.push(part);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts;
}

/** A part inflated with at most `budget` bytes of output; 'too-large' when it would give more. */
function unpack(zip: Buffer, part: Part, budget: number): Buffer | 'too-large' | 'unreadable' {
  const at = part.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL_HEADER) return 'unreadable';
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  const data = zip.subarray(start, start + part.compressedSize);
  if (part.method === STORED) return data.length > budget ? 'too-large' : data;
  if (part.method !== DEFLATED) return 'unreadable';
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
  } catch (err) {
    return err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'unreadable';
  }
}

/** Rows and cells of a worksheet's XML (`<row …>`, `<c …>`, with or without a namespace prefix). */
function countSheet(xml: Buffer): { rows: number; cells: number } {
  const text = xml.toString('latin1');
  return { rows: text.match(/<(?:\w+:)?row[\s>/]/g)?.length ?? 0, cells: text.match(/<(?:\w+:)?c[\s>/]/g)?.length ?? 0 };
}

/** Checks an XLSX archive against the limits, first by what its directory says, then by inflating every part. */
export function checkXlsxArchive(zip: Buffer, limits: UnpackLimits): UnpackCheck {
  const parts = directoryOf(zip);
  if (!parts) return { ok: false, reason: 'unreadable' };
  const stated = parts.reduce((sum, p) => sum + p.unpackedSize, 0);
  if (stated > limits.maxUnpackedBytes) return { ok: false, reason: 'too-large' };
  let unpacked = 0;
  let rows = 0;
  let cells = 0;
  for (const part of parts) {
    const content = unpack(zip, part, limits.maxUnpackedBytes - unpacked);
    if (typeof content === 'string') return { ok: false, reason: content };
    unpacked += content.length;
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(part.name)) continue;
    const counted = countSheet(content);
    rows += counted.rows;
    cells += counted.cells;
    if (rows > limits.maxRows) return { ok: false, reason: 'too-many-rows' };
    if (cells > limits.maxCells) return { ok: false, reason: 'too-many-cells' };
  }
  return { ok: true, rows, cells };
}
