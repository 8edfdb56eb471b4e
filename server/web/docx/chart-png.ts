// The bulletin's SVG charts as PNG pictures for the Word file. resvg draws text only with the fonts it is given, so
// the CJK font file is passed explicitly (without it every Chinese label is an empty box). A shared rasteriser for
// the ranking image is planned in server/web; this one can give way to it (same signature).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const CJK_FONTS = [
  process.env.SAFEPOLL_CJK_FONT,
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
];

let fontFile: string | null | undefined;

function cjkFont(): string | null {
  fontFile ??= CJK_FONTS.find((f): f is string => f !== undefined && f !== '' && existsSync(f)) ?? null;
  return fontFile;
}

/** The SVG's own size from its viewBox (the charts of domain/charts always carry one). */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*"/.exec(svg);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 640, height: 360 };
}

/**
 * resvg lays out WenQuanYi's glyphs slowly (about 2 ms each, against a tenth of that for a Latin font), so digits and
 * Latin letters are drawn with DejaVu Sans when it is installed and only Chinese falls back to WenQuanYi.
 */
const LATIN_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FAMILIES = 'DejaVu Sans, WenQuanYi Micro Hei, sans-serif';

/**
 * Drawn charts by SVG text and width: a closed round's charts never change, and the same bulletin is downloaded
 * again and again (each township its own, the committee every level). Small: a chart's PNG is tens of KiB.
 */
const drawn = new Map<string, Buffer>();
const DRAWN_MAX = 64;

function remember(key: string, png: Buffer): Buffer {
  if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value ?? '');
  drawn.set(key, png);
  return png;
}

/** The SVG drawn `widthPx` wide on white, with the CJK font; the height follows the viewBox. */
export function svgToPng(svg: string, widthPx: number): Buffer {
  const key = `${Math.round(widthPx)}:${createHash('sha256').update(svg).digest('base64')}`;
  const known = drawn.get(key);
  if (known) return known;
  const font = cjkFont();
  const files = [...(existsSync(LATIN_FONT) ? [LATIN_FONT] : []), ...(font ? [font] : [])];
  const resvg = new Resvg(svg.replace(/font-family="[^"]*"/g, `font-family="${FAMILIES}"`), {
    fitTo: { mode: 'width', value: Math.round(widthPx) },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: files, defaultFontFamily: 'WenQuanYi Micro Hei' },
    logLevel: 'off',
  });
  return remember(key, resvg.render().asPng());
}
