// An SPSS system file (.sav) of a data set, written by hand: the npm writers (sav-writer, @codious/sav-reader-writer)
// each have one release and cannot declare user-missing values, which the don't-know codes need.
//
// Format reference: GNU PSPP Developers Guide, "System File Format"
// (https://www.gnu.org/software/pspp/pspp-dev/html_node/System-File-Format.html): the file header, variable records
// (type 2), value labels (types 3 and 4), machine integer and floating-point info (7/3, 7/4), long variable names
// (7/13), very long strings (7/14), the character encoding (7/20) and the dictionary terminator (999), then the
// cases uncompressed, little-endian. Every text is UTF-8 and says so (7/3 character code 65001 and 7/20), which SPSS
// 16+ and PSPP read with Chinese labels intact. Checked by PSPP in test/outputs/data-files/sav-writer.test.ts.
import type { DataSet, DataValue, DataVariable } from './data-set.js';

const UNIT = 8;
const SEGMENT_DATA = 255;
const SEGMENT_WIDTH = 252;
const MAX_LABEL_BYTES = 255;
const MAX_VALUE_LABEL_BYTES = 120;
/** Seconds from SPSS's epoch (1582-10-14, the Gregorian calendar's first day) to 1970-01-01. */
const SPSS_EPOCH_OFFSET_S = 12_219_379_200;
const SYSMIS = -Number.MAX_VALUE;

/** Format codes (print and write formats): type << 16 | width << 8 | decimals. */
const FORMAT = { A: 1, F: 5, DATETIME: 22 } as const;

class Bytes {
  private readonly parts: Buffer[] = [];
  int(n: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    this.parts.push(b);
    return this;
  }
  double(n: number): this {
    const b = Buffer.alloc(8);
    b.writeDoubleLE(n);
    this.parts.push(b);
    return this;
  }
  raw(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  /** `text` in exactly `width` bytes, space-padded. */
  padded(text: string | Buffer, width: number): this {
    const b = Buffer.alloc(width, 0x20);
    (typeof text === 'string' ? Buffer.from(text, 'utf8') : text).copy(b, 0, 0, width);
    this.parts.push(b);
    return this;
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** The longest prefix of `text` whose UTF-8 form fits in `max` bytes (a character is never cut). */
export function utf8Prefix(text: string, max: number): Buffer {
  const b = Buffer.from(text, 'utf8');
  if (b.length <= max) return b;
  let end = max;
  while (end > 0 && (b[end] & 0xc0) === 0x80) end--;
  return b.subarray(0, end);
}

/** How one variable lies in the dictionary: its segments' widths (0 for a number). */
interface Layout {
  variable: DataVariable;
  segments: number[];
  /** 1-based index, in 8-byte units, of its first segment. */
  index: number;
  shortNames: string[];
}

function textWidth(rows: readonly DataValue[][], column: number): number {
  let width = 1;
  for (const row of rows) {
    const v = row[column];
    if (typeof v === 'string') width = Math.max(width, Buffer.byteLength(v, 'utf8'));
  }
  return width;
}

function segmentsOf(width: number): number[] {
  if (width <= 255) return [width];
  const n = Math.ceil(width / SEGMENT_WIDTH);
  return [...Array<number>(n - 1).fill(255), width - (n - 1) * SEGMENT_WIDTH];
}

const unitsOf = (segmentWidth: number) => (segmentWidth === 0 ? 1 : Math.ceil(segmentWidth / UNIT));

function layoutOf(data: DataSet): Layout[] {
  let index = 1;
  let shortName = 0;
  return data.variables.map((variable, column) => {
    const segments = variable.kind === 'text' ? segmentsOf(textWidth(data.rows, column)) : [0];
    const layout = { variable, segments, index, shortNames: segments.map(() => `V${++shortName}`) };
    index += segments.reduce((sum, w) => sum + unitsOf(w), 0);
    return layout;
  });
}

function formatOf(v: DataVariable, segmentWidth: number): number {
  if (v.kind === 'text') return (FORMAT.A << 16) | (segmentWidth << 8);
  if (v.kind === 'datetime') return (FORMAT.DATETIME << 16) | (20 << 8);
  const decimals = v.decimals ?? 2;
  return (FORMAT.F << 16) | (Math.min(40, 8 + decimals) << 8) | decimals;
}

function missingOf(v: DataVariable): { n: number; values: number[] } {
  const codes = [...(v.missing ?? [])].sort((a, b) => a - b);
  if (codes.length === 0 || v.kind !== 'number') return { n: 0, values: [] };
  if (codes.length <= 3) return { n: codes.length, values: codes };
  // More than three: a range, which the codes (consecutive from 98) fill exactly.
  return { n: -2, values: [codes[0], codes[codes.length - 1]] };
}

function variableRecords(out: Bytes, l: Layout): void {
  l.segments.forEach((width, s) => {
    const first = s === 0;
    const label = first ? utf8Prefix(l.variable.label, MAX_LABEL_BYTES) : Buffer.alloc(0);
    const missing = first ? missingOf(l.variable) : { n: 0, values: [] };
    const format = formatOf(l.variable, width);
    out.int(2).int(width).int(label.length > 0 ? 1 : 0).int(missing.n).int(format).int(format).padded(l.shortNames[s], 8);
    if (label.length > 0) out.int(label.length).padded(label, Math.ceil(label.length / 4) * 4);
    for (const m of missing.values) out.double(m);
    // A string wider than 8 bytes takes one continuation record for each further 8 bytes.
    for (let k = 1; k < unitsOf(width); k++) out.int(2).int(-1).int(0).int(0).int(0).int(0).padded('', 8);
  });
}

function valueLabelRecords(out: Bytes, l: Layout): void {
  const labels = l.variable.valueLabels ?? [];
  if (labels.length === 0 || l.variable.kind !== 'number') return;
  out.int(3).int(labels.length);
  for (const [value, text] of labels) {
    const label = utf8Prefix(text, MAX_VALUE_LABEL_BYTES);
    // The length byte and the label together fill a whole number of 8-byte units.
    out.double(value).raw(Buffer.from([label.length])).padded(label, Math.ceil((label.length + 1) / UNIT) * UNIT - 1);
  }
  out.int(4).int(1).int(l.index);
}

function textRecord(out: Bytes, subtype: number, text: string): void {
  const b = Buffer.from(text, 'utf8');
  out.int(7).int(subtype).int(1).int(b.length).raw(b);
}

function infoRecords(out: Bytes, layouts: readonly Layout[]): void {
  // Machine integer info: version 1.0.0, machine -1, IEEE 754, compression 1, little-endian, UTF-8 (code page 65001).
  out.int(7).int(3).int(4).int(8).int(1).int(0).int(0).int(-1).int(1).int(1).int(2).int(65001);
  // Floating-point info: system-missing, highest and lowest values.
  out.int(7).int(4).int(8).int(3).double(SYSMIS).double(Number.MAX_VALUE).raw(Buffer.from('feffffffffffefff', 'hex'));
  textRecord(out, 13, layouts.map((l) => `${l.shortNames[0]}=${l.variable.name}`).join('\t'));
  const veryLong = layouts.filter((l) => l.segments.length > 1);
  if (veryLong.length > 0) {
    const width = (l: Layout) => (l.segments.length - 1) * SEGMENT_WIDTH + l.segments[l.segments.length - 1];
    textRecord(out, 14, veryLong.map((l) => `${l.shortNames[0]}=${String(width(l)).padStart(5, '0')}\0\t`).join(''));
  }
  textRecord(out, 20, 'UTF-8');
}

function header(out: Bytes, data: DataSet, layouts: readonly Layout[], now: Date): void {
  const last = layouts[layouts.length - 1];
  const caseUnits = last ? last.index - 1 + last.segments.reduce((s, w) => s + unitsOf(w), 0) : 0;
  const weight = layouts.find((l) => l.variable.name === data.weight);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${two(now.getUTCDate())} ${months[now.getUTCMonth()]} ${two(now.getUTCFullYear() % 100)}`;
  const time = `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`;
  out.padded('$FL2', 4).padded('@(#) SPSS DATA FILE SafePoll', 60);
  out.int(2).int(caseUnits).int(0).int(weight?.index ?? 0).int(data.rows.length).double(100);
  out.padded(date, 9).padded(time, 8).padded(utf8Prefix(data.label, 64), 64).raw(Buffer.alloc(3));
}

function caseBytes(out: Bytes, layouts: readonly Layout[], row: readonly DataValue[]): void {
  layouts.forEach((l, column) => {
    const v = row[column];
    if (l.variable.kind === 'text') {
      const bytes = Buffer.from(typeof v === 'string' ? v : '', 'utf8');
      // A very long string's bytes are packed 255 to a segment; each segment fills its own 8-byte units.
      let at = 0;
      for (const width of l.segments) {
        const take = Math.min(width === 255 ? SEGMENT_DATA : width, Math.max(0, bytes.length - at));
        out.padded(bytes.subarray(at, at + take), unitsOf(width) * UNIT);
        at += take;
      }
      return;
    }
    if (typeof v !== 'number' || !Number.isFinite(v)) out.double(SYSMIS);
    else out.double(l.variable.kind === 'datetime' ? v / 1000 + SPSS_EPOCH_OFFSET_S : v);
  });
}

/** The .sav file of `data`. */
export function writeSav(data: DataSet, now = new Date()): Buffer {
  const layouts = layoutOf(data);
  const out = new Bytes();
  header(out, data, layouts, now);
  for (const l of layouts) variableRecords(out, l);
  for (const l of layouts) valueLabelRecords(out, l);
  infoRecords(out, layouts);
  out.int(999).int(0);
  for (const row of data.rows) caseBytes(out, layouts, row);
  return out.done();
}
