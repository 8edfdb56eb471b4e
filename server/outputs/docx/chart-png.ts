// The bulletin's SVG charts as PNG pictures for the Word file, drawn by the one server rasteriser (../raster.ts: the
// CJK font, found and subset there), and remembered: a closed round's charts never change, and the same bulletin is
// downloaded again and again (each township its own, the committee every level).
import { createHash } from 'node:crypto';
import { svgToPng as rasterise } from '../images/raster.js';

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

/** The SVG drawn `widthPx` wide on white, with the CJK font; the height follows the viewBox. */
export function svgToPng(svg: string, widthPx: number): Buffer {
  const key = `${Math.round(widthPx)}:${createHash('sha256').update(svg).digest('base64')}`;
  return drawn.get(key) ?? remember(key, rasterise(svg, widthPx));
}
