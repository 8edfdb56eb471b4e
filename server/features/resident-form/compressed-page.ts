// A cached resident page compressed once, when it is cached, instead of once per request.
//
// gzip: the page's text parts (around its per-request holes, see page-holes.ts) are each deflated once on their own,
// each ending on a byte boundary (a sync flush); a request's values go between them as "stored" (uncompressed) deflate
// blocks of a few bytes. Each part was compressed alone, so no back-reference crosses into a value: the pieces make
// one valid deflate stream, wrapped in a gzip header and a trailer with the whole page's CRC-32 and length.
// br: brotli keeps state across its blocks (the last distances, the literal context), so a stream cannot be spliced
// this way. A page whose holes take only a few values (the text size: thank-you, "already submitted") is kept in
// brotli too, once per value; a page with a per-request value (the blank form's one-time key) is offered in gzip,
// which every browser that accepts br also accepts.
import { brotliCompressSync, constants, crc32, deflateRawSync } from 'node:zlib';
import type { ContentCoding } from '../../web/content-coding.js';
import type { PageWithHoles } from './page-holes.js';

/** How many times a page was compressed: once per page per cache entry (the tests count it). */
export const pageCompressions = { count: 0 };

/** gzip member header: deflate, no name or flags, no time (the page is the same whenever it is sent), OS unknown. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** Largest payload of one stored deflate block. */
const STORED_MAX = 0xffff;

/** `data` as stored deflate blocks; the stream is byte-aligned before them (sync flush) and after them. */
function storedBlocks(data: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  for (let at = 0; at < data.length; at += STORED_MAX) {
    const chunk = data.subarray(at, at + STORED_MAX);
    const header = Buffer.alloc(5);
    // BFINAL=0 and BTYPE=00 (stored) in the first byte's low bits, the rest padding; then LEN and its complement.
    header.writeUInt16LE(chunk.length, 1);
    header.writeUInt16LE(~chunk.length & 0xffff, 3);
    blocks.push(header, chunk);
  }
  return blocks;
}

function gzipTrailer(plain: Buffer): Buffer {
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(plain) >>> 0, 0);
  trailer.writeUInt32LE(plain.length >>> 0, 4);
  return trailer;
}

export class CompressedPage {
  private constructor(
    private readonly holes: PageWithHoles,
    /** Each text part deflated alone; all but the last end with a sync flush, the last with the final block. */
    private readonly deflated: readonly Buffer[],
    /** Whether every hole takes one of a few values: then the page is kept whole per set of values, br and gzip. */
    private readonly fewValues: boolean,
  ) {}

  /** Whole pages by their holes' values (at most one per text size), compressed the first time they are asked for. */
  private readonly whole = new Map<string, { gzip: Buffer; br: Buffer }>();

  /** `variantHoles`: holes that take one of a few values (the text size), never a per-request one. */
  static of(page: PageWithHoles, variantHoles: readonly string[] = []): CompressedPage {
    pageCompressions.count += 1;
    const last = page.parts.length - 1;
    const deflated = page.parts.map((part, i) =>
      deflateRawSync(part, { level: 9, memLevel: 9, finishFlush: i < last ? constants.Z_SYNC_FLUSH : constants.Z_FINISH }));
    return new CompressedPage(page, deflated, page.names.every((name) => variantHoles.includes(name)));
  }

  /** The codings this page is kept in, best first. */
  get codings(): readonly ContentCoding[] {
    return this.fewValues ? ['br', 'gzip'] : ['gzip'];
  }

  /** The page for one request: its holes filled with `values`, in `coding` (one of `codings`) or plain. */
  bytes(coding: ContentCoding | null, values?: Readonly<Record<string, string>>): Buffer {
    if (coding === null) return this.holes.fill(values);
    if (this.fewValues) return this.wholePage(values)[coding];
    if (coding === 'br') throw new Error('a page with a per-request value is not kept in brotli');
    const pieces = this.holes.pieces(values);
    const chunks: Buffer[] = [GZIP_HEADER];
    pieces.forEach((piece, i) => chunks.push(...(i % 2 === 0 ? [this.deflated[i / 2]] : storedBlocks(piece))));
    chunks.push(gzipTrailer(Buffer.concat(pieces)));
    return Buffer.concat(chunks);
  }

  private wholePage(values?: Readonly<Record<string, string>>): { gzip: Buffer; br: Buffer } {
    const key = this.holes.names.map((name) => values?.[name] ?? '').join('\u0000');
    let kept = this.whole.get(key);
    if (!kept) {
      pageCompressions.count += 1;
      const plain = this.holes.fill(values);
      const br = brotliCompressSync(plain, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
        },
      });
      kept = { gzip: Buffer.concat([GZIP_HEADER, deflateRawSync(plain, { level: 9, memLevel: 9 }), gzipTrailer(plain)]), br };
      this.whole.set(key, kept);
    }
    return kept;
  }
}
