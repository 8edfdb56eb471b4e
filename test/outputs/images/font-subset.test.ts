// The font subset the rasteriser draws with: the same pixels as the whole CJK font (Chinese, Latin, digits, accented
// letters built from parts), in a file a small fraction of the font's size; nothing when there is nothing to keep.
import t from 'tap';
import { Resvg } from '@resvg/resvg-js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { subsetTrueType } from '../../../server/outputs/images/font-subset.js';
import { resolveCjkFont } from '../../../server/outputs/images/raster.js';
import { tempDir } from '../../kit/app.js';

const TEXT = '清河区平安办 各村（社区）排名 Ranking 12.34% 可能第2–9名… À½';
const svg =
  `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="120" font-family="sans-serif">` +
  `<text x="10" y="70" font-size="40">${TEXT}</text></svg>`;

function pixelsWith(fontPath: string): Buffer {
  return new Resvg(svg, { background: '#fff', font: { loadSystemFonts: false, fontFiles: [fontPath] } }).render().pixels;
}

t.test('the subset draws exactly what the whole font draws, and is a small file', async (t) => {
  const dir = tempDir(t, 'subset-test');
  const fontPath = resolveCjkFont();
  const font = readFileSync(fontPath);
  const subset = subsetTrueType(font, TEXT);
  if (!subset) throw new Error('the CJK font has TrueType outlines');
  t.ok(subset.length * 20 < font.length, `subset ${subset.length} bytes of ${font.length}`);
  writeFileSync(join(dir, 'subset.ttf'), subset);
  const whole = pixelsWith(fontPath);
  let ink = 0;
  for (let i = 0; i < whole.length; i += 4) if (whole[i] < 128) ink += 1;
  t.ok(ink > 3000, 'the text is drawn');
  t.ok(pixelsWith(join(dir, 'subset.ttf')).equals(whole), 'identical pixels');

  // A subset of the subset reads the subset's own (format 4) character map.
  const again = subsetTrueType(subset, TEXT);
  if (!again) throw new Error('subset of subset');
  writeFileSync(join(dir, 'again.ttf'), again);
  t.ok(pixelsWith(join(dir, 'again.ttf')).equals(whole), 'identical pixels from the subset of the subset');
});

t.test('nothing to keep: no TrueType outlines, or none of the characters', async (t) => {
  const noTables = Buffer.alloc(12);
  noTables.writeUInt32BE(0x00010000, 0);
  t.equal(subsetTrueType(noTables, '安'), null, 'a font without glyf (e.g. CFF outlines) is used whole');
  t.equal(subsetTrueType(readFileSync(resolveCjkFont()), '\u0378'), null, 'an unassigned character');
});
