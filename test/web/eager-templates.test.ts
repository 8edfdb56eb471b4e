// Templates compiled at start (server/web/eager-templates.ts): after the views plugin has compiled them, rendering a
// page parses nothing (the parse and code generation were the first bulletin page's 70–90 ms block), and every
// template renders exactly what Handlebars' own lazy compile renders for the same source.
import t from 'tap';
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { compileTemplatesAhead } from '../../server/web/eager-templates.js';
import { registerViewHelpers } from '../../server/web/view-helpers.js';
import { paths } from '../../server/paths.js';

function templates(dir: string, out: Record<string, string> = {}): Record<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) templates(full, out);
    else if (entry.name.endsWith('.hbs')) out[relative(paths.views, full).replace(/\.hbs$/, '')] = readFileSync(full, 'utf8');
  }
  return out;
}

/** A Handlebars instance as the server sets it up, with every partial registered by the instance's compile. */
function engine(ahead: boolean): typeof Handlebars {
  const hbs = Handlebars.create();
  registerViewHelpers(hbs);
  if (ahead) compileTemplatesAhead(hbs, paths.views);
  for (const [name, source] of Object.entries(templates(join(paths.views, 'partials')))) hbs.registerPartial(name.replace(/^partials\//, ''), hbs.compile(source));
  return hbs;
}

t.test('compiled ahead: rendering parses nothing, and renders what the lazy compile renders', async (t) => {
  const ahead = engine(true);
  const lazy = engine(false);
  let parsed = 0;
  const parse = ahead.parse.bind(ahead);
  ahead.parse = ((...args: Parameters<typeof parse>) => {
    parsed += 1;
    return parse(...args);
  }) as typeof parse;
  const context = { title: '标题', message: '消息', status: 404, user: { displayName: '测试', role: 'committee' }, rows: [{ name: '甲' }] };
  let compared = 0;
  for (const [name, source] of Object.entries(templates(paths.views))) {
    let expected: string;
    try {
      expected = lazy.compile(source)(context);
    } catch {
      continue; // a template that needs its own page's data: the ones that render here are compared
    }
    t.equal(ahead.compile(source)(context), expected, name);
    compared += 1;
  }
  t.ok(compared >= 20, `${compared} templates compared`);
  t.equal(parsed, 0, 'no template was parsed while rendering');
});

t.test('a source that was not under views/ still compiles, on first use as before', async (t) => {
  const ahead = engine(true);
  t.equal(ahead.compile('<b>{{x}}</b>')({ x: '<甲>' }), '<b>&lt;甲&gt;</b>');
});
