// Handlebars templates compiled when the server starts, not in the first request that renders them. Handlebars'
// compile() only wraps the source: the parse and code generation run on the template's first use, and @fastify/view
// registers every partial that way — so the first bulletin page compiled its page and partials on the event loop,
// a 68–87 ms block (bench/event-loop.ts, first bulletin page, demo district, 2026-12-07); the first half-year summary
// 11–13 ms. Compiling every .hbs under views/ before the server listens takes about a third of a second, once.
import type Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Engine = typeof Handlebars;
type Template = ReturnType<Engine['compile']>;

type TemplateSpecification = Parameters<Engine['template']>[0];

/** The parts of Handlebars that compile() uses inside (untyped in its declarations). */
interface CompilerParts {
  parse(source: string, options: object): unknown;
  Compiler: new () => { compile(ast: unknown, options: object): unknown };
  JavaScriptCompiler: new () => { compile(environment: unknown, options: object, context: undefined, asObject: true): TemplateSpecification };
}

/** What Handlebars' own compile() does on first use (compiler.js: parse, compile, generate), done now. */
function compileNow(hbs: Engine, source: string): Template {
  const parts = hbs as unknown as CompilerParts;
  const options = { data: true };
  const environment = new parts.Compiler().compile(parts.parse(source, options), options);
  // asObject: functions rather than source text, as compile() asks.
  return hbs.template(new parts.JavaScriptCompiler().compile(environment, options, undefined, true));
}

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) sources(full, out);
    else if (entry.name.endsWith('.hbs')) out.push(readFileSync(full, 'utf8'));
  }
  return out;
}

/**
 * Compiles every template under `viewsDir` now, and makes `hbs.compile` hand back those compiled templates by their
 * source text (how @fastify/view asks for a page or a partial); any other source, or one with options, compiles as
 * before. The output is Handlebars' own for the same source and options.
 */
export function compileTemplatesAhead(hbs: Engine, viewsDir: string): void {
  const compiled = new Map<string, Template>();
  for (const source of sources(viewsDir)) if (!compiled.has(source)) compiled.set(source, compileNow(hbs, source));
  const lazy = hbs.compile.bind(hbs);
  hbs.compile = ((source: unknown, options?: CompileOptions) => {
    const ready = typeof source === 'string' && (options === undefined || Object.keys(options).length === 0) ? compiled.get(source) : undefined;
    return ready ?? lazy(source as string, options);
  }) as Engine['compile'];
}

type CompileOptions = Parameters<Engine['compile']>[1];
