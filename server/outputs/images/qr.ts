// QR codes drawn on the server as inline SVG: posters print sharply at any size and pages need no script or image.
import QRCode from 'qrcode';

/**
 * SVG markup of a QR code for `text`. The markup holds only shapes (the text is encoded in the path, never
 * written out), so it may be placed in a page unescaped.
 */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace('<svg ', '<svg role="img" aria-hidden="true" focusable="false" ').trim();
}

/** Links longer than this make a QR code too dense to scan from a printed A4 poster (and the library refuses past
 * ~2,300 bytes); the page shows a note instead of failing. */
export const LONGEST_QR_LINK = 600;

/** The QR code of a link, or undefined when the link is too long to be one: a page never fails for it. */
export async function linkQrSvg(link: string): Promise<string | undefined> {
  if (link.length > LONGEST_QR_LINK) return undefined;
  try {
    return await qrSvg(link);
  } catch {
    return undefined;
  }
}
