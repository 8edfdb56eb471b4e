// Server-rendered pages: @fastify/view with Handlebars, layouts and partials from views/.
import fp from 'fastify-plugin';
import view from '@fastify/view';
import Handlebars from 'handlebars';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { paths } from '../../paths.js';
import { registerViewHelpers } from '../view-helpers.js';
import { compileTemplatesAhead } from '../eager-templates.js';

/** Every .hbs under views/partials, registered by its path without extension (e.g. "resident/question"). */
function collectPartials(dir: string, base = dir): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, collectPartials(full, base));
    // @fastify/view reads partials relative to its root, so the path must be relative to views/.
    else if (entry.name.endsWith('.hbs')) out[relative(base, full).replace(/\.hbs$/, '')] = relative(paths.views, full);
  }
  return out;
}

export default fp(
  async (app) => {
    const hbs = Handlebars.create();
    registerViewHelpers(hbs);
    // Not while developing the views, which are read again on every render.
    if (process.env.NODE_ENV !== 'development') compileTemplatesAhead(hbs, paths.views);
    await app.register(view, {
      engine: { handlebars: hbs },
      root: paths.views,
      viewExt: 'hbs',
      options: { partials: collectPartials(join(paths.views, 'partials')) },
      // Templates are compiled once and cached unless developing the views.
      production: process.env.NODE_ENV !== 'development',
    });
  },
  { name: 'safepoll-views' },
);
