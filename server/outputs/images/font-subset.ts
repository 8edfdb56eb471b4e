// A TrueType subset holding only the characters one picture draws. resvg reads its font file from disk again for
// every glyph it outlines, so with a 5 MB CJK font a ranking of 50 villages spent seconds reading the same file; a
// subset of a few dozen kilobytes makes that cost vanish. Only TrueType outlines (glyf) are subset; a CFF font
// (.otf, Noto CJK) gets null and is used whole.

interface Table {
  offset: number;
  length: number;
}

/** The table directory of the first face of a .ttf or .ttc. */
function tablesOf(font: Buffer): Map<string, Table> {
  const face = font.toString('latin1', 0, 4) === 'ttcf' ? font.readUInt32BE(12) : 0;
  const count = font.readUInt16BE(face + 4);
  const tables = new Map<string, Table>();
  for (let i = 0; i < count; i += 1) {
    const at = face + 12 + 16 * i;
    tables.set(font.toString('latin1', at, at + 4), { offset: font.readUInt32BE(at + 8), length: font.readUInt32BE(at + 12) });
  }
  return tables;
}

/** Glyph of a code point through a format 4 (BMP) or format 12 (full Unicode) cmap subtable; 0 when unmapped. */
function cmapLookup(font: Buffer, cmap: Table): (cp: number) => number {
  const subtables = font.readUInt16BE(cmap.offset + 2);
  let best: { format: number; at: number } | null = null;
  for (let i = 0; i < subtables; i += 1) {
    const rec = cmap.offset + 4 + 8 * i;
    const at = cmap.offset + font.readUInt32BE(rec + 4);
    const format = font.readUInt16BE(at);
    if (format === 12 || (format === 4 && best === null)) best = { format, at };
  }
  if (best === null) return () => 0;
  const { format, at } = best;
  if (format === 12) {
    const groups = font.readUInt32BE(at + 12);
    return (cp) => {
      for (let g = 0; g < groups; g += 1) {
        const rec = at + 16 + 12 * g;
        const start = font.readUInt32BE(rec);
        if (cp >= start && cp <= font.readUInt32BE(rec + 4)) return font.readUInt32BE(rec + 8) + cp - start;
      }
      return 0;
    };
  }
  const segX2 = font.readUInt16BE(at + 6);
  const ends = at + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  return (cp) => {
    for (let s = 0; s < segX2; s += 2) {
      if (cp > font.readUInt16BE(ends + s)) continue;
      const start = font.readUInt16BE(starts + s);
      if (cp < start) return 0;
      const delta = font.readInt16BE(deltas + s);
      const rangeOffset = font.readUInt16BE(ranges + s);
      if (rangeOffset === 0) return (cp + delta) & 0xffff;
      const glyph = font.readUInt16BE(ranges + s + rangeOffset + 2 * (cp - start));
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}

/** A glyph's bytes in glyf, from loca (short or long offsets as head says). */
function glyphReader(font: Buffer, t: Map<string, Table>): (gid: number) => Buffer {
  const [head, loca, glyf] = [t.get('head'), t.get('loca'), t.get('glyf')];
  if (!head || !loca || !glyf) throw new Error('not a TrueType font');
  const long = font.readInt16BE(head.offset + 50) === 1;
  const offsetOf = (gid: number): number => (long ? font.readUInt32BE(loca.offset + 4 * gid) : 2 * font.readUInt16BE(loca.offset + 2 * gid));
  return (gid) => font.subarray(glyf.offset + offsetOf(gid), glyf.offset + offsetOf(gid + 1));
}

/** Component glyphs of a composite glyph: [byte position of the glyph index, glyph index]. */
function components(glyph: Buffer): Array<[number, number]> {
  if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return [];
  const out: Array<[number, number]> = [];
  let at = 10;
  for (let more = true; more; ) {
    const flags = glyph.readUInt16BE(at);
    out.push([at + 2, glyph.readUInt16BE(at + 2)]);
    at += 4 + (flags & 0x1 ? 4 : 2) + (flags & 0x8 ? 2 : flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
    more = (flags & 0x20) !== 0;
  }
  return out;
}

function checksum(data: Buffer): number {
  let sum = 0;
  const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** A font file of the given tables (sorted by tag, 4-byte aligned, with their checksums). */
function fontFile(tables: Map<string, Buffer>): Buffer {
  const tags = [...tables.keys()].sort();
  const header = Buffer.alloc(12 + 16 * tags.length);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(tags.length, 4);
  const power = 2 ** Math.floor(Math.log2(tags.length));
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(tags.length * 16 - power * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag) ?? Buffer.alloc(0);
    header.write(tag, 12 + 16 * i, 'latin1');
    header.writeUInt32BE(checksum(data), 16 + 16 * i);
    header.writeUInt32BE(offset, 20 + 16 * i);
    header.writeUInt32BE(data.length, 24 + 16 * i);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

/** A format 4 cmap of the kept characters: new glyph ids follow code point order, so each run of code points is one segment. */
function cmapTable(mapped: Array<[number, number]>): Buffer {
  const segments: Array<[number, number, number]> = [];
  for (const [cp, gid] of mapped) {
    const last = segments[segments.length - 1];
    if (last && cp === last[1] + 1 && gid - cp === last[2]) last[1] = cp;
    else segments.push([cp, cp, gid - cp]);
  }
  segments.push([0xffff, 0xffff, 1]);
  const n = segments.length;
  const sub = Buffer.alloc(16 + 8 * n);
  sub.writeUInt16BE(4, 0);
  sub.writeUInt16BE(sub.length, 2);
  sub.writeUInt16BE(2 * n, 6);
  const power = 2 ** Math.floor(Math.log2(n));
  sub.writeUInt16BE(2 * power, 8);
  sub.writeUInt16BE(Math.log2(power), 10);
  sub.writeUInt16BE(2 * n - 2 * power, 12);
  segments.forEach(([start, end, delta], i) => {
    sub.writeUInt16BE(end, 14 + 2 * i);
    sub.writeUInt16BE(start, 16 + 2 * n + 2 * i);
    sub.writeUInt16BE(delta & 0xffff, 16 + 4 * n + 2 * i);
  });
  const head = Buffer.alloc(12);
  head.writeUInt16BE(1, 2);
  head.writeUInt16BE(3, 4);
  head.writeUInt16BE(1, 6);
  head.writeUInt32BE(12, 8);
  return Buffer.concat([head, sub]);
}

/** Old glyph ids to keep, in new-id order: .notdef, the characters' glyphs, then the components they use. */
function keptGlyphs(mapped: Array<[number, number]>, glyph: (gid: number) => Buffer): number[] {
  const kept = [0];
  const seen = new Set([0]);
  const add = (gid: number): void => {
    if (seen.has(gid)) return;
    seen.add(gid);
    kept.push(gid);
  };
  for (const [, gid] of mapped) add(gid);
  for (let i = 0; i < kept.length; i += 1) for (const [, part] of components(glyph(kept[i]))) add(part);
  return kept;
}

function copyTable(font: Buffer, t: Map<string, Table>, tag: string): Buffer {
  const table = t.get(tag);
  if (!table) throw new Error(`font has no ${tag} table`);
  return Buffer.from(font.subarray(table.offset, table.offset + table.length));
}

/**
 * The subset font: only the glyphs of `text`'s characters (renumbered), with their advances, outlines and a new
 * cmap; no hinting, kerning or glyph names. Null when the font has no TrueType outlines or none of the characters.
 */
export function subsetTrueType(font: Buffer, text: string): Buffer | null {
  const t = tablesOf(font);
  const [cmap, hhea, hmtx] = [t.get('cmap'), t.get('hhea'), t.get('hmtx')];
  if (!cmap || !hhea || !hmtx || !t.has('glyf') || !t.has('loca')) return null;
  const lookup = cmapLookup(font, cmap);
  const codePoints = [...new Set([...text].map((ch) => ch.codePointAt(0) ?? 0))].filter((cp) => cp > 0 && cp <= 0xffff).sort((a, b) => a - b);
  const found = codePoints.map((cp): [number, number] => [cp, lookup(cp)]).filter(([, gid]) => gid !== 0);
  if (found.length === 0) return null;
  const glyph = glyphReader(font, t);
  const kept = keptGlyphs(found, glyph);
  const newId = new Map(kept.map((old, i) => [old, i]));
  const metrics = font.readUInt16BE(hhea.offset + 34);
  const glyphs: Buffer[] = [];
  const loca = Buffer.alloc(4 * (kept.length + 1));
  const hmtxOut = Buffer.alloc(4 * kept.length);
  let at = 0;
  kept.forEach((old, i) => {
    const g = Buffer.from(glyph(old));
    for (const [pos, part] of components(g)) g.writeUInt16BE(newId.get(part) ?? 0, pos);
    const padded = Buffer.concat([g, Buffer.alloc(g.length % 2)]);
    glyphs.push(padded);
    loca.writeUInt32BE(at, 4 * i);
    at += padded.length;
    hmtxOut.writeUInt16BE(font.readUInt16BE(hmtx.offset + 4 * Math.min(old, metrics - 1)), 4 * i);
    const lsb = old < metrics ? hmtx.offset + 4 * old + 2 : hmtx.offset + 4 * metrics + 2 * (old - metrics);
    hmtxOut.writeInt16BE(font.readInt16BE(lsb), 4 * i + 2);
  });
  loca.writeUInt32BE(at, 4 * kept.length);
  const head = copyTable(font, t, 'head');
  head.writeUInt32BE(0, 8);
  head.writeInt16BE(1, 50);
  const hheaOut = copyTable(font, t, 'hhea');
  hheaOut.writeUInt16BE(kept.length, 34);
  const maxp = copyTable(font, t, 'maxp');
  maxp.writeUInt16BE(kept.length, 4);
  const post = copyTable(font, t, 'post').subarray(0, 32);
  post.writeUInt32BE(0x00030000, 0);
  const tables = new Map<string, Buffer>([
    ['cmap', cmapTable(found.map(([cp, gid]) => [cp, newId.get(gid) ?? 0]))],
    ['glyf', Buffer.concat(glyphs)],
    ['head', head],
    ['hhea', hheaOut],
    ['hmtx', hmtxOut],
    ['loca', loca],
    ['maxp', maxp],
    ['post', post],
  ]);
  for (const tag of ['OS/2', 'name']) if (t.has(tag)) tables.set(tag, copyTable(font, t, tag));
  return fontFile(tables);
}
