// Reads just enough of a PDF for layout tests, without a PDF library: its pages, and how much each page draws (the
// text-showing operators of its content streams, inflated with zlib). A nearly empty page draws a few runs at most.
import { inflateSync } from 'node:zlib';

export interface PdfPage {
  /** Text-showing operators (Tj, TJ, ', ") in the page's content streams. */
  textRuns: number;
  /**
   * How much of the page body's height its text spans, 0–1 (Chromium's PDFs: the text inside the page body's clip,
   * so the page-number margin box does not count); null when the page has no such clip (other producers).
   */
  fill: number | null;
}

const BODY_CLIP = /([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+) re\s+W\*? n/g;

/** The span of the body's text lines over the body's height, from the text matrices (… Tm) after its clip. */
function bodyFill(stream: string): number | null {
  const clips = [...stream.matchAll(BODY_CLIP)].map((m) => ({ at: (m.index ?? 0) + m[0].length, height: Number(m[4]) }));
  const body = clips.sort((a, b) => b.height - a.height)[0];
  if (!body) return null;
  const rest = stream.slice(body.at);
  const scale = Number(/[\d.-]+ [\d.-]+ [\d.-]+ ([\d.-]+) [\d.-]+ [\d.-]+ cm/.exec(rest)?.[1] ?? '1');
  const ys = [...rest.matchAll(/1 0 0 -1 [\d.-]+ ([\d.-]+) Tm/g)].map((m) => Number(m[1]));
  if (ys.length === 0) return 0;
  return Math.min(1, ((Math.max(...ys) - Math.min(...ys)) * Math.abs(scale)) / body.height);
}

const OBJECT = /(\d+) 0 obj\b([\s\S]*?)\bendobj/g;

function objects(pdf: Buffer): Map<number, string> {
  const text = pdf.toString('latin1');
  const out = new Map<number, string>();
  for (const m of text.matchAll(OBJECT)) out.set(Number(m[1]), m[2]);
  return out;
}

function streamText(body: string): string {
  const start = body.search(/stream\r?\n/);
  const end = body.lastIndexOf('endstream');
  if (start < 0 || end < 0) return '';
  const header = body.slice(0, start);
  const raw = Buffer.from(body.slice(body.indexOf('\n', start) + 1, end).replace(/\r?\n$/, ''), 'latin1');
  if (!/\/FlateDecode/.test(header)) return raw.toString('latin1');
  try {
    return inflateSync(raw).toString('latin1');
  } catch {
    return '';
  }
}

/** The number of pages: the page objects (/Type /Page, not /Pages). */
export function pdfPageCount(pdf: Buffer): number {
  return [...pdf.toString('latin1').matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
}

/** Every page in document order (the order of the page tree's /Kids) with what it draws. */
export function pdfPages(pdf: Buffer): PdfPage[] {
  const objs = objects(pdf);
  const kidsOf = (id: number): number[] => {
    const body = objs.get(id) ?? '';
    if (/\/Type\s*\/Page(?![a-zA-Z])/.test(body)) return [id];
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
    return [...kids.matchAll(/(\d+) 0 R/g)].flatMap((k) => kidsOf(Number(k[1])));
  };
  const root = [...objs].find(([, body]) => /\/Type\s*\/Pages\b/.test(body) && !/\/Parent\s/.test(body));
  const pageIds = root ? kidsOf(root[0]) : [];
  return pageIds.map((id) => {
    const body = objs.get(id) ?? '';
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(body)?.[1] ?? '';
    const streams = [...contents.matchAll(/(\d+) 0 R/g)].map((r) => streamText(objs.get(Number(r[1])) ?? ''));
    const textRuns = streams.reduce((n, s) => n + [...s.matchAll(/(?:\)|>|\])\s*(?:Tj|TJ|'|")/g)].length, 0);
    const fills = streams.map(bodyFill).filter((f): f is number => f !== null);
    return { textRuns, fill: fills.length > 0 ? Math.max(...fills) : null };
  });
}
