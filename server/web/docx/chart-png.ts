// The bulletin's SVG charts as PNG pictures for the Word file. resvg draws text only with the fonts it is given, so
// the CJK font file is passed explicitly (without it every Chinese label is an empty box). A shared rasteriser for
// the ranking image is planned in server/web; this one can give way to it (same signature).
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

/** The SVG drawn `widthPx` wide on white, with the CJK font; the height follows the viewBox. */
export function svgToPng(svg: string, widthPx: number): Buffer {
  const font = cjkFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(widthPx) },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: font ? [font] : [], defaultFontFamily: 'WenQuanYi Micro Hei' },
    logLevel: 'off',
  });
  return resvg.render().asPng();
}
