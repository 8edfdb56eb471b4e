// The bulletin's SVG charts as PNG pictures for the Word file, drawn by the one server rasteriser (../raster.ts: the
// CJK font, found and subset there), and remembered: a closed round's charts never change, and the same bulletin is
// downloaded again and again (each township its own, the committee every level).
import { createHash } from 'node:crypto';
import { svgToPng as rasterise, svgToPngAsync } from '../images/raster.js';

/** The SVG's own size from its viewBox (the charts of outputs/charts always carry one). */
export function svgSize(svg: string): { width: number; height: number } {
  const m = /viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)\s*"/.exec(svg);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : { width: 640, height: 360 };
}

/** Drawn charts by SVG text and width. Small: a chart's PNG is tens of KiB. */
const drawn = new Map<string, Buffer>();
const DRAWN_MAX = 64;

function remember(key: string, png: Buffer): Buffer {
  if (drawn.size >= DRAWN_MAX) drawn.delete(drawn.keys().next().value ?? '');
  drawn.set(key, png);
  return png;
}

function keyOf(svg: string, widthPx: number): string {
  return `${Math.round(widthPx)}:${createHash('sha256').update(svg).digest('base64')}`;
}

/** The SVG drawn `widthPx` wide on white, with the CJK font; the height follows the viewBox. */
export function svgToPng(svg: string, widthPx: number): Buffer {
  const key = keyOf(svg, widthPx);
  return drawn.get(key) ?? remember(key, rasterise(svg, widthPx));
}

/**
 * Draws the charts not drawn yet on libuv's thread pool, so that the Word file's svgToPng then finds them drawn: a
 * bulletin's three charts drawn in the request held the event loop about 300 ms (demo district, 2 shared cores under
 * load, 2026-12-07).
 */
export async function predraw(svgs: string[], widthPx: number): Promise<void> {
  await Promise.all(
    svgs.map(async (svg) => {
      const key = keyOf(svg, widthPx);
      if (!drawn.has(key)) remember(key, await svgToPngAsync(svg, widthPx));
    }),
  );
}
