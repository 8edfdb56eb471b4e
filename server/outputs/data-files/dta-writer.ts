// A Stata data file (.dta, format 118: Stata 14 and later, UTF-8) of a data set, written by hand.
//
// Format reference: Stata's "dta — Description of .dta file format" (help dta; https://www.stata.com/help.cgi?dta),
// release 118: a header, a map of section offsets, variable types, names, sort list, formats, value-label names,
// variable labels, characteristics, the data, strLs and value labels, little-endian. Numbers are written as doubles;
// texts as fixed-width str# (SafePoll's text answers are at most 500 characters, 1,500 bytes, inside str2045). Stata
// has no user-missing values: a don't-know code is written as an extended missing value (.a for 98, .b for 99, …)
// and keeps its label there, which is how Stata users mark "answered, but not substantively". Checked by readstat in
// test/outputs/data-files/dta-writer.test.ts.
import { FIRST_MISSING_CODE, type DataSet, type DataValue, type DataVariable } from './data-set.js';
import { utf8Prefix } from './sav-writer.js';

const TYPE_DOUBLE = 65526;
const MAX_STR = 2045;
const NAME_BYTES = 129;
const FORMAT_BYTES = 57;
const LABEL_BYTES = 321;
/** Milliseconds from Stata's epoch (1960-01-01) to 1970-01-01, for %tc. */
const STATA_EPOCH_OFFSET_MS = 315_619_200_000;
/** In a value-label table, `.` is 2,147,483,621 and `.a`, `.b`, … follow it. */
const LABEL_MISSING_BASE = 2_147_483_621;

class Out {
  private readonly parts: Buffer[] = [];
  length = 0;
  push(b: Buffer): this {
    this.parts.push(b);
    this.length += b.length;
    return this;
  }
  tag(text: string): this {
    return this.push(Buffer.from(text, 'latin1'));
  }
  u16(n: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(n);
    return this.push(b);
  }
  i32(n: number): this {
    const b = Buffer.alloc(4);
    b.writeInt32LE(n);
    return this.push(b);
  }
  u64(n: number): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    return this.push(b);
  }
  /** `text` in a zero-filled field of `width` bytes, leaving room for the terminating zero. */
  field(text: string | Buffer, width: number): this {
    const b = Buffer.alloc(width);
    (typeof text === 'string' ? utf8Prefix(text, width - 1) : text).copy(b, 0, 0, width - 1);
    return this.push(b);
  }
  done(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** The double Stata reads as the extended missing value `.a` + k (k = 0 for .a). */
function extendedMissing(k: number): number {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(0x7fe0000000000000n + (BigInt(k + 1) << 40n));
  return b.readDoubleLE(0);
}
const SYSTEM_MISSING = (() => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(0x7fe0000000000000n);
  return b.readDoubleLE(0);
})();

function stringWidth(rows: readonly DataValue[][], column: number): number {
  let width = 1;
  for (const row of rows) {
    const v = row[column];
    if (typeof v === 'string') width = Math.max(width, Math.min(MAX_STR, Buffer.byteLength(v, 'utf8')));
  }
  return width;
}

function formatOf(v: DataVariable, width: number): string {
  if (v.kind === 'text') return `%-${Math.min(width, 2045)}s`;
  if (v.kind === 'datetime') return '%tc';
  return v.decimals ? `%12.${v.decimals}f` : '%9.0g';
}

/** A user-missing code as Stata stores it (.a, .b, …), or the value itself. */
function numberOf(v: DataVariable, value: DataValue): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return SYSTEM_MISSING;
  if (v.kind === 'datetime') return value + STATA_EPOCH_OFFSET_MS;
  if (v.missing?.includes(value)) return extendedMissing(value - FIRST_MISSING_CODE);
  return value;
}

function valueLabelTable(v: DataVariable): Buffer {
  const entries = (v.valueLabels ?? []).map(([value, text]) => ({
    value: v.missing?.includes(value) ? LABEL_MISSING_BASE + 1 + (value - FIRST_MISSING_CODE) : value,
    text: Buffer.concat([utf8Prefix(text, 32_000), Buffer.from([0])]),
  }));
  entries.sort((a, b) => a.value - b.value);
  const txt = Buffer.concat(entries.map((e) => e.text));
  const table = Buffer.alloc(8 + entries.length * 8 + txt.length);
  table.writeInt32LE(entries.length, 0);
  table.writeInt32LE(txt.length, 4);
  let offset = 0;
  entries.forEach((e, i) => {
    table.writeInt32LE(offset, 8 + i * 4);
    table.writeInt32LE(e.value, 8 + entries.length * 4 + i * 4);
    offset += e.text.length;
  });
  txt.copy(table, 8 + entries.length * 8);
  return table;
}

function timestamp(now: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(now.getUTCDate())} ${months[now.getUTCMonth()]} ${now.getUTCFullYear()} ${two(now.getUTCHours())}:${two(now.getUTCMinutes())}`;
}

function dataRows(out: Out, data: DataSet, widths: readonly number[]): void {
  for (const row of data.rows) {
    data.variables.forEach((v, i) => {
      if (v.kind === 'text') {
        const b = Buffer.alloc(widths[i]);
        utf8Prefix(typeof row[i] === 'string' ? (row[i] as string) : '', widths[i]).copy(b);
        out.push(b);
      } else {
        const b = Buffer.alloc(8);
        b.writeDoubleLE(numberOf(v, row[i]));
        out.push(b);
      }
    });
  }
}

/** The .dta file of `data`. */
export function writeDta(data: DataSet, now = new Date()): Buffer {
  const vars = data.variables;
  const widths = vars.map((v, i) => (v.kind === 'text' ? stringWidth(data.rows, i) : 8));
  const labelled = vars.filter((v) => v.kind === 'number' && (v.valueLabels?.length ?? 0) > 0);
  const out = new Out();
  const offsets: number[] = [];
  const stamp = Buffer.from(timestamp(now), 'latin1');
  const label = utf8Prefix([...data.label].slice(0, 80).join(''), 320);
  out.tag('<stata_dta><header><release>118</release><byteorder>LSF</byteorder>');
  out.tag('<K>').u16(vars.length).tag('</K><N>').u64(data.rows.length).tag('</N>');
  out.tag('<label>').u16(label.length).push(label).tag('</label>');
  out.tag('<timestamp>').push(Buffer.from([stamp.length])).push(stamp).tag('</timestamp></header>');
  offsets.push(0, out.length);
  const mapAt = out.length;
  out.tag('<map>').push(Buffer.alloc(14 * 8)).tag('</map>');
  offsets.push(out.length);
  out.tag('<variable_types>');
  vars.forEach((v, i) => out.u16(v.kind === 'text' ? widths[i] : TYPE_DOUBLE));
  out.tag('</variable_types>');
  offsets.push(out.length);
  out.tag('<varnames>');
  for (const v of vars) out.field(v.name, NAME_BYTES);
  out.tag('</varnames>');
  offsets.push(out.length);
  out.tag('<sortlist>').push(Buffer.alloc(2 * (vars.length + 1))).tag('</sortlist>');
  offsets.push(out.length);
  out.tag('<formats>');
  vars.forEach((v, i) => out.field(formatOf(v, widths[i]), FORMAT_BYTES));
  out.tag('</formats>');
  offsets.push(out.length);
  out.tag('<value_label_names>');
  for (const v of vars) out.field(labelled.includes(v) ? v.name : '', NAME_BYTES);
  out.tag('</value_label_names>');
  offsets.push(out.length);
  out.tag('<variable_labels>');
  for (const v of vars) out.field(utf8Prefix([...v.label].slice(0, 80).join(''), LABEL_BYTES - 1), LABEL_BYTES);
  out.tag('</variable_labels>');
  offsets.push(out.length);
  out.tag('<characteristics></characteristics>');
  offsets.push(out.length);
  out.tag('<data>');
  dataRows(out, data, widths);
  out.tag('</data>');
  offsets.push(out.length);
  out.tag('<strls></strls>');
  offsets.push(out.length);
  out.tag('<value_labels>');
  for (const v of labelled) {
    const table = valueLabelTable(v);
    out.tag('<lbl>').i32(table.length).field(v.name, NAME_BYTES).push(Buffer.alloc(3)).push(table).tag('</lbl>');
  }
  out.tag('</value_labels>');
  offsets.push(out.length);
  out.tag('</stata_dta>');
  offsets.push(out.length);
  const file = out.done();
  offsets.forEach((offset, i) => file.writeBigUInt64LE(BigInt(offset), mapAt + 5 + i * 8));
  return file;
}
