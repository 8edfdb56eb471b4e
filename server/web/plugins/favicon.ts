// The site icon. Browsers ask for /favicon.ico on every site whatever the page links, so it is served there (an ICO
// holding one PNG, drawn once at startup from views/public/favicon.svg) with a long cache, instead of a 404 page per
// visit; pages may link /static/favicon.svg directly.
import fp from 'fastify-plugin';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { paths } from '../../paths.js';

/** Width and height of the icon in the ICO, in pixels. */
const ICON_SIZE = 32;
/** The icon changes with a release at most: browsers may keep it for 30 days. */
export const FAVICON_CACHE = 'public, max-age=2592000';

/** An ICO file holding one PNG image (supported by every browser since Windows Vista's format change). */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // where the image starts
  return Buffer.concat([header, png]);
}

export function renderFavicon(): Buffer {
  const svg = readFileSync(join(paths.publicAssets, 'favicon.svg'));
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: ICON_SIZE } }).render().asPng();
  return icoOf(png, ICON_SIZE);
}

export default fp(
  async (app) => {
    const ico = renderFavicon();
    app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('image/x-icon').header('cache-control', FAVICON_CACHE).send(ico));
  },
  { name: 'safepoll-favicon' },
);
