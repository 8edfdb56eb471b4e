// SVG → PNG on the server, for pictures that leave the browser: the ranking image posted in work groups and the
// charts inside Word bulletins. resvg draws text only with the fonts it is given, so a CJK font is loaded explicitly
// (without fontconfig or system font scanning): without one every Chinese label would come out as empty boxes.
import { renderAsync, Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subsetTrueType } from './font-subset.js';

/** The variable that names a CJK font file (.ttf/.otf/.ttc) when none of the usual places has one. */
export const CJK_FONT_ENV = 'SAFEPOLL_CJK_FONT';

/** Where Debian/Ubuntu, Fedora, Arch, macOS and Windows keep a CJK sans font; the first that exists is used. */
export const CJK_FONT_CANDIDATES: readonly string[] = [
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf',
  '/System/Library/Fonts/PingFang.ttc',
  '/System/Library/Fonts/STHeiti Medium.ttc',
  'C:\\Windows\\Fonts\\msyh.ttc',
  'C:\\Windows\\Fonts\\simhei.ttf',
];

export class CjkFontMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CjkFontMissing';
  }
}

/**
 * The CJK font file to draw with: the file named by SAFEPOLL_CJK_FONT, else the first candidate that exists. A
 * variable naming a missing file is an error rather than a silent fallback, so a typo is noticed at once.
 */
export function resolveCjkFont(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
  candidates: readonly string[] = CJK_FONT_CANDIDATES,
): string {
  const named = env[CJK_FONT_ENV];
  if (named) {
    if (exists(named)) return named;
    throw new CjkFontMissing(`${CJK_FONT_ENV}=${named}: no such font file`);
  }
  const found = candidates.find((path) => exists(path));
  if (found) return found;
  throw new CjkFontMissing(
    `no CJK font found for server-side images: install fonts-wqy-microhei (Debian/Ubuntu) or set ${CJK_FONT_ENV} ` +
      `to a .ttf/.otf/.ttc file with Chinese glyphs (looked in: ${candidates.join(', ')})`,
  );
}

// Resolved and read once: the environment and the font files do not change while the server runs.
let cachedFont: { path: string; bytes: Buffer } | undefined;
let subsetDir: string | undefined;
let subsetCount = 0;

function cjkFont(): { path: string; bytes: Buffer } {
  if (!cachedFont) {
    const path = resolveCjkFont();
    cachedFont = { path, bytes: readFileSync(path) };
  }
  return cachedFont;
}

/** Every character the SVG may draw: its own characters, those written as &#…; references, and printable ASCII. */
function charactersOf(svg: string): string {
  const referenced = [...svg.matchAll(/&#(x[0-9a-f]+|[0-9]+);/gi)].map((m) => {
    const cp = m[1][0].toLowerCase() === 'x' ? parseInt(m[1].slice(1), 16) : Number(m[1]);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
  let ascii = '';
  for (let cp = 0x20; cp < 0x7f; cp += 1) ascii += String.fromCharCode(cp);
  return svg + referenced.join('') + ascii;
}

/** A font file to draw one SVG with, and how to let it go once the picture is drawn. */
interface DrawingFont {
  path: string;
  release(): void;
}

/**
 * The font file for an SVG: a subset with just its characters when the font has TrueType outlines (resvg re-reads
 * the file for every glyph, see font-subset.ts), else the whole font. A subset lives in a private temporary folder
 * only while its picture is drawn.
 */
function fontFor(svg: string): DrawingFont {
  const font = cjkFont();
  const subset = subsetTrueType(font.bytes, charactersOf(svg));
  if (!subset) return { path: font.path, release: () => undefined };
  if (!subsetDir) {
    const dir = mkdtempSync(join(tmpdir(), 'safepoll-fonts-'));
    subsetDir = dir;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  subsetCount += 1;
  const path = join(subsetDir, `subset-${process.pid}-${subsetCount}.ttf`);
  writeFileSync(path, subset);
  return { path, release: () => unlinkSync(path) };
}

function renderOptions(widthPx: number, fontPath: string): ResvgRenderOptions {
  if (!Number.isFinite(widthPx) || widthPx < 1) throw new RangeError(`svgToPng: width must be a positive number, got ${widthPx}`);
  return {
    fitTo: { mode: 'width', value: Math.round(widthPx) },
    background: '#ffffff',
    // System fonts are not scanned: faster, and the picture does not depend on what else the host has installed.
    font: { loadSystemFonts: false, fontFiles: [fontPath] },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  };
}

/**
 * Rasterises an SVG to a PNG `widthPx` pixels wide (height in proportion), on white, with the CJK font loaded.
 * Throws CjkFontMissing when no CJK font can be found. Synchronous: for scripts and exports built in one go; a
 * route answering while others wait should use svgToPngAsync.
 */
export function svgToPng(svg: string, widthPx: number): Buffer {
  const font = fontFor(svg);
  try {
    return new Resvg(svg, renderOptions(widthPx, font.path)).render().asPng();
  } finally {
    font.release();
  }
}

/** svgToPng with the layout and drawing on libuv's thread pool, so the event loop keeps serving other requests. */
export async function svgToPngAsync(svg: string, widthPx: number): Promise<Buffer> {
  const font = fontFor(svg);
  try {
    const image = await renderAsync(svg, renderOptions(widthPx, font.path));
    return image.asPng();
  } finally {
    font.release();
  }
}
