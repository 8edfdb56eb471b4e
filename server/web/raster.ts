// SVG → PNG on the server, for pictures that leave the browser: the ranking image posted in work groups and the
// charts inside Word bulletins. resvg draws text only with the fonts it is given, so a CJK font is loaded explicitly
// (without fontconfig or system font scanning): without one every Chinese label would come out as empty boxes.
import { Resvg } from '@resvg/resvg-js';
import { existsSync } from 'node:fs';

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

// Resolved once: the environment and the font files do not change while the server runs.
let cachedFont: string | undefined;

function cjkFont(): string {
  cachedFont ??= resolveCjkFont();
  return cachedFont;
}

/**
 * Rasterises an SVG to a PNG `widthPx` pixels wide (height in proportion), on white, with the CJK font loaded.
 * Throws CjkFontMissing when no CJK font can be found.
 */
export function svgToPng(svg: string, widthPx: number): Buffer {
  if (!Number.isFinite(widthPx) || widthPx < 1) throw new RangeError(`svgToPng: width must be a positive number, got ${widthPx}`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(widthPx) },
    background: '#ffffff',
    // System fonts are not scanned: faster, and the picture does not depend on what else the host has installed.
    font: { loadSystemFonts: false, fontFiles: [cjkFont()] },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
