// The server-side rasteriser: a PNG of the asked width, and Chinese drawn as Chinese (not blank, not tofu boxes).
import t from 'tap';
import { CJK_FONT_CANDIDATES, CjkFontMissing, resolveCjkFont, svgToPng, svgToPngAsync } from '../../../server/outputs/images/raster.js';
import { decodePng, inkInBox, pngSize, PNG_SIGNATURE } from '../../kit/png.js';

const glyph = (ch: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200" font-family="sans-serif">` +
  `<text x="100" y="170" font-size="160" text-anchor="middle">${ch}</text></svg>`;

t.test('the PNG has the signature and the asked width, height in proportion', async (t) => {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150"><rect x="10" y="10" width="100" height="50" fill="#c00"/></svg>';
  const png = svgToPng(svg, 1080);
  t.ok(png.subarray(0, 8).equals(PNG_SIGNATURE));
  t.same(pngSize(png), { width: 1080, height: 540 });
  t.throws(() => svgToPng(svg, 0), RangeError);
  t.ok((await svgToPngAsync(svg, 1080)).equals(png), 'the asynchronous one draws the same picture');
  await t.rejects(svgToPngAsync(svg, Number.NaN), RangeError);
});

t.test('a Chinese character is drawn: ink where the glyph is, and two characters differ (tofu boxes would not)', async (t) => {
  const an = decodePng(svgToPng(glyph('安'), 200));
  const guo = decodePng(svgToPng(glyph('国'), 200));
  const blank = decodePng(svgToPng(glyph(''), 200));
  const glyphBox = { x: 20, y: 30, width: 160, height: 160 };
  t.equal(inkInBox(blank, glyphBox), 0, 'an empty text leaves the area white');
  // A 160 px glyph covers thousands of pixels; a missing font draws nothing at all.
  t.ok(inkInBox(an, glyphBox) > 2000, `安 has ink (${inkInBox(an, glyphBox)} px)`);
  t.ok(inkInBox(guo, glyphBox) > 2000, `国 has ink (${inkInBox(guo, glyphBox)} px)`);
  let differing = 0;
  for (let i = 0; i < an.pixels.length; i += 4) if (Math.abs(an.pixels[i] - guo.pixels[i]) > 100) differing += 1;
  t.ok(differing > 1000, `安 and 国 are different shapes (${differing} px differ)`);
});

t.test('the CJK font: the variable wins, a missing named file is an error, else the first existing candidate', async (t) => {
  const has = (paths: string[]) => (p: string) => paths.includes(p);
  t.equal(resolveCjkFont({ SAFEPOLL_CJK_FONT: '/opt/f.ttf' }, has(['/opt/f.ttf', CJK_FONT_CANDIDATES[0]])), '/opt/f.ttf');
  t.throws(() => resolveCjkFont({ SAFEPOLL_CJK_FONT: '/opt/none.ttf' }, has([CJK_FONT_CANDIDATES[0]])), CjkFontMissing);
  t.equal(resolveCjkFont({}, has([CJK_FONT_CANDIDATES[3], CJK_FONT_CANDIDATES[5]])), CJK_FONT_CANDIDATES[3]);
  t.throws(() => resolveCjkFont({}, has([])), { name: 'CjkFontMissing', message: /SAFEPOLL_CJK_FONT/ });
});
