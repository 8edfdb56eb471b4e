// The frame of a Chinese official notice (公文, GB/T 9704-2012) as a Word file: A4 with the standard margins, the red
// issuing-body mark (发文机关标志), the document number over a red rule, the title, the body in 仿宋 3号 with 黑体
// headings, tables and charts, the signature and date of issue, and page numbers "— 1 —" outside on each page. The
// bulletin and the half-year summary fill it with their own blocks (bulletin-docx.ts, summary-docx.ts).
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
} from 'docx';
import type { DocumentMark } from '../../features/documents/core/official-notice.js';
import { PREVIEW_LABEL, correctionSentence, noticeTitle, pageNumberText } from '../../features/documents/core/official-notice.js';
import { predraw, svgSize, svgToPng } from './chart-png.js';

/** Font names as 公文 templates use them; fontTable.xml (below) names the usual substitutes for each. */
export const FONTS = { body: '仿宋_GB2312', heading: '黑体', title: '方正小标宋简体', number: 'Times New Roman' } as const;

const FONT_TABLE_SUBSTITUTES: Array<[string, string]> = [
  [FONTS.body, '仿宋'],
  [FONTS.heading, 'SimHei'],
  [FONTS.title, '宋体'],
];

/** Half-points: 二号 22pt, 三号 16pt, 四号 14pt, 五号 10.5pt. */
const SIZE = { mark: 52, title: 44, body: 32, footer: 28, table: 21 } as const;
const RED = 'C00000';
const MM = 56.7;
/** 28 pt lines: 22 lines of 28 characters on the A4 type area (GB/T 9704 §5.2.2). */
const BODY_LINE = 560;
/** The type area: 210 mm less 28 + 26 mm, in pixels at 96 dpi (the unit docx sizes pictures in). */
const TEXT_WIDTH_PX = Math.round(((210 - 28 - 26) / 25.4) * 96);
const TEXT_WIDTH_TWIPS = Math.round((210 - 28 - 26) * MM);

function run(text: string, options: { font?: string; size?: number; bold?: boolean; color?: string } = {}): TextRun {
  const font = options.font ?? FONTS.body;
  return new TextRun({
    text,
    font: { ascii: FONTS.number, hAnsi: FONTS.number, eastAsia: font, cs: font },
    size: options.size ?? SIZE.body,
    bold: options.bold,
    color: options.color,
  });
}

/**
 * A body paragraph: two characters' first-line indent, 28 pt lines. Left-aligned: justified lines with a long run of
 * numbers (各月依次为 83.50、83.63、…) were spread a character apart, which reads worse than a ragged right edge.
 */
export function bodyParagraph(text: string): Paragraph {
  return new Paragraph({
    children: [run(text)],
    indent: { firstLine: 640 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
    alignment: AlignmentType.LEFT,
  });
}

/** A first-level heading (一、…) in 黑体, kept with what follows it. */
export function heading(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, { font: FONTS.heading })],
    indent: { firstLine: 640 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT },
    keepNext: true,
  });
}

/**
 * A small note under a table or chart (五号). `keepNext`: kept on the page of what follows — the reading notes at the
 * end keep the closing and signature company, so the signature never stands alone on a last page.
 */
export function note(text: string, keepNext = false): Paragraph {
  return new Paragraph({ children: [run(text, { size: SIZE.table })], spacing: { before: 60, after: 120 }, keepNext, keepLines: keepNext });
}

function cell(text: string, header: boolean, align: 'left' | 'right', width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [
      new Paragraph({
        children: [run(text, { size: SIZE.table, font: header ? FONTS.heading : FONTS.body })],
        alignment: header ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
      }),
    ],
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
  });
}

/**
 * A table of formatted strings, header row repeated on every page. `numeric[i]`: column i holds numbers (right
 * aligned). A row is never split across pages.
 */
export function table(headers: string[], rows: string[][], numeric: boolean[] = []): Table {
  const align = (i: number): 'left' | 'right' => (numeric[i] ? 'right' : 'left');
  const widths = columnWidths(headers, rows);
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, true, 'left', widths[i])) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, false, align(i), widths[i])) })),
    ],
  });
}

/** Ems a text takes in 五号: CJK characters one, digits and Latin letters about a half. */
function ems(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.55;
  return width;
}

/**
 * Column widths (twips) that fit the type area: each column gets what its longest value needs (numbers and
 * intervals never wrap), headers may wrap to two lines, and long text columns share what is left.
 */
function columnWidths(headers: string[], rows: string[][]): number[] {
  const padding = 0.8;
  const need = headers.map((h, i) => Math.max(ems(h) / 2, ...rows.map((r) => ems(r[i] ?? ''))) + padding);
  const total = need.reduce((a, b) => a + b, 0);
  const emTwips = (SIZE.table / 2) * 20;
  if (total * emTwips <= TEXT_WIDTH_TWIPS) return need.map((n) => Math.floor((n / total) * TEXT_WIDTH_TWIPS));
  // Too wide: the widest columns (long names, question texts) give way, the narrow ones keep their room.
  const cap = TEXT_WIDTH_TWIPS / emTwips;
  const narrow = need.map((n) => Math.min(n, 9));
  const spare = Math.max(cap - narrow.reduce((a, b) => a + b, 0), 0);
  const extra = need.map((n, i) => n - narrow[i]);
  const extraTotal = extra.reduce((a, b) => a + b, 0) || 1;
  const fitted = narrow.map((n, i) => n + (extra[i] / extraTotal) * spare);
  const sum = fitted.reduce((a, b) => a + b, 0);
  return fitted.map((n) => Math.floor((n / sum) * TEXT_WIDTH_TWIPS));
}

/** Draws charts for chart() ahead, off the event loop (a route awaits this before building its document). */
export function predrawCharts(svgs: string[]): Promise<void> {
  return predraw(svgs, TEXT_WIDTH_PX * 2);
}

/** A chart (the page's SVG) as a picture the width of the type area, drawn at twice that for print. */
export function chart(svg: string, caption: string): Paragraph[] {
  const { width, height } = svgSize(svg);
  const shownHeight = Math.round((TEXT_WIDTH_PX * height) / width);
  const png = svgToPng(svg, TEXT_WIDTH_PX * 2);
  return [
    new Paragraph({
      children: [new ImageRun({ type: 'png', data: png, transformation: { width: TEXT_WIDTH_PX, height: shownHeight } })],
      alignment: AlignmentType.CENTER,
      keepNext: true,
    }),
    note(caption),
  ];
}

/** A long title breaks before its bracketed period (通报（2026年10月）), the way 公文 titles are set in lines. */
function titleLines(title: string): string[] {
  const at = title.lastIndexOf('（');
  return title.length > 18 && at > 0 ? [title.slice(0, at), title.slice(at)] : [title];
}

/**
 * The line under the issuing body: the document number of an issued notice, or 征求意见稿 on a preview (no number
 * before 发文: docs/rules.md#issuing-notices); a township's own notice has neither.
 */
function numberLine(mark: DocumentMark, rule: object): Paragraph[] {
  if (mark.number !== '') return [new Paragraph({ children: [run(mark.number)], alignment: AlignmentType.CENTER, spacing: { after: 120 }, border: rule })];
  if (mark.preview) return [new Paragraph({ children: [run(PREVIEW_LABEL, { font: FONTS.heading, color: RED })], alignment: AlignmentType.CENTER, spacing: { after: 120 }, border: rule })];
  return [];
}

/** 版头: the red issuing-body mark, the document number (or 征求意见稿), the red rule; then the title and the addressees. */
function head(mark: DocumentMark, title: string, addressees: string): Paragraph[] {
  const rule = { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 } };
  // A notice without a number line (a township's own) has the red rule under its body.
  const numbered = mark.number !== '' || mark.preview === true;
  return [
    new Paragraph({
      children: [run(mark.issuingBody, { font: FONTS.title, size: SIZE.mark, color: RED })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: numbered ? 560 : 120 },
      ...(numbered ? {} : { border: rule }),
    }),
    ...numberLine(mark, rule),
    new Paragraph({
      children: titleLines(noticeTitle(title, mark.corrects)).map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, font: { ascii: FONTS.number, hAnsi: FONTS.number, eastAsia: FONTS.title }, size: SIZE.title })),
      alignment: AlignmentType.CENTER,
      spacing: { before: 560, after: 560, line: 640, lineRule: LineRuleType.EXACT },
    }),
    ...(addressees ? [new Paragraph({ children: [run(addressees)], spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT } })] : []),
    ...(mark.corrects ? [bodyParagraph(correctionSentence(mark.corrects))] : []),
  ];
}

/**
 * The closing sentence, 署名 and 成文日期 (right-aligned, four characters in from the right), kept on one page so the
 * signature never stands alone on a last page (GB/T 9704 §7.3.5).
 */
function signature(mark: DocumentMark, closing: string): Paragraph[] {
  const line = (text: string, before: number, keepNext: boolean) =>
    new Paragraph({ children: [run(text)], alignment: AlignmentType.RIGHT, indent: { right: 1280 }, keepNext, spacing: { before, line: BODY_LINE, lineRule: LineRuleType.EXACT } });
  const close = new Paragraph({ children: [run(closing)], indent: { firstLine: 640 }, keepNext: true, spacing: { before: 240, line: BODY_LINE, lineRule: LineRuleType.EXACT } });
  return [close, line(mark.issuingBody, 1120, true), line(mark.issuedOn, 0, false)];
}

/** Page numbers 4号 in the footer: odd pages on the right, even on the left, one character in (GB/T 9704 §7.5). */
function pageFooter(alignment: 'left' | 'right'): Footer {
  const [before, after] = pageNumberText('#').split('#');
  return new Footer({
    children: [
      new Paragraph({
        alignment: alignment === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: alignment === 'right' ? { right: 280 } : { left: 280 },
        children: [
          new TextRun({ children: [before, PageNumber.CURRENT, after], font: { ascii: '宋体', hAnsi: '宋体', eastAsia: '宋体' }, size: SIZE.footer }),
        ],
      }),
    ],
  });
}

/** fontTable.xml naming each 公文 font's usual substitute (w:altName), for a computer without the GB2312 fonts. */
function fontTable(): string {
  const fonts = FONT_TABLE_SUBSTITUTES.map(
    ([name, alt]) => `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}` +
    `<w:font w:name="${FONTS.number}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`
  );
}

export interface NoticeInput {
  mark: DocumentMark;
  title: string;
  /** 主送机关, e.g. "各乡镇（街道）：" ('' for none). */
  addressees: string;
  body: FileChild[];
  /** The closing sentence before the signature, e.g. 特此通报。 */
  closing: string;
  /** Appendices (附表) after the signature, each starting on a new page; none by default. */
  appendix?: FileChild[];
}

export async function noticeDocx(input: NoticeInput): Promise<Buffer> {
  const doc = new Document({
    creator: input.mark.issuingBody,
    title: noticeTitle(input.title, input.mark.corrects),
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { ascii: FONTS.number, hAnsi: FONTS.number, eastAsia: FONTS.body }, size: SIZE.body } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: Math.round(37 * MM), bottom: Math.round(35 * MM), left: Math.round(28 * MM), right: Math.round(26 * MM), footer: Math.round(24 * MM) },
            pageNumbers: { start: 1 },
          },
        },
        footers: { default: pageFooter('right'), even: pageFooter('left') },
        children: [...head(input.mark, input.title, input.addressees), ...input.body, ...signature(input.mark, input.closing), ...(input.appendix ?? [])],
      },
    ],
  });
  return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTable() }]);
}
