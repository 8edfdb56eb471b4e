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
