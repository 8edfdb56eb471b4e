// The shape the code keeps (STYLE.md, issue 6): no file in server/ over 300 lines, no function over 60 lines, and a
// domain that imports nothing from the layers above it and does no file I/O. Measured with the TypeScript compiler's
// own parser, so a function is whatever the language says is one (declarations, methods, constructors, accessors,
// arrow functions and function expressions), counted from its first to its last line.
import t from 'tap';
import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;
/** Modules the domain must not load: it does no file I/O (questionnaire files are read outside it). */
const IO_MODULES = new Set(['fs', 'fs/promises', 'path', 'node:fs', 'node:fs/promises', 'node:path']);

interface Source {
  /** Path from the repository root, with forward slashes. */
  path: string;
  file: ts.SourceFile;
}

function sourcesUnder(dir: string): Source[] {
  const out: Source[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourcesUnder(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      const text = readFileSync(join(ROOT, path), 'utf8');
      out.push({ path, file: ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS) });
    }
  }
  return out;
}

function lineOf(file: ts.SourceFile, pos: number): number {
  return file.getLineAndCharacterOfPosition(pos).line + 1;
}

/** Lines of text, a final newline not counting as the start of another line. */
function fileLines(file: ts.SourceFile): number {
  const text = file.getFullText();
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function isFunctionLike(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node)
  );
}

/** A readable name for a function: its own, or the variable, property or call it belongs to. */
function nameOf(node: ts.FunctionLikeDeclaration, file: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText(file);
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(file);
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText(file).slice(0, 40)})`;
  return '(anonymous)';
}

function longFunctions(source: Source): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) && node.body) {
      const first = lineOf(source.file, node.getStart(source.file));
      const lines = lineOf(source.file, node.getEnd()) - first + 1;
      if (lines > MAX_FUNCTION_LINES) found.push(`${source.path}:${first} ${nameOf(node, source.file)} has ${lines} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source.file);
  return found;
}

/** Every module a file loads: imports, re-exports, `import x = require()`, dynamic import() and require(). */
function moduleSpecifiers(file: ts.SourceFile): Array<{ spec: string; line: number }> {
  const found: Array<{ spec: string; line: number }> = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined): void => {
    if (spec && ts.isStringLiteralLike(spec)) found.push({ spec: spec.text, line: lineOf(file, node.getStart(file)) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || node.expression.getText(file) === 'require')) {
      add(node, node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Why an import in a domain file is not allowed, or null when it is. */
function domainImportProblem(fromPath: string, spec: string): string | null {
  if (IO_MODULES.has(spec)) return `loads ${spec} (the domain does no file I/O)`;
  if (!spec.startsWith('.')) return null;
  const target = posix.normalize(posix.join(posix.dirname(fromPath), spec));
  return target.startsWith('server/domain/') ? null : `imports ${target} from outside the domain`;
}

const server = sourcesUnder('server');

t.test('the shape is measured over the whole server tree', async (t) => {
  t.ok(server.length > 50, `${server.length} files read`);
  t.ok(server.some((s) => s.path === 'server/domain/rounds/round-rules.ts'), 'paths are relative to the repository');
});

t.test(`no file in server/ has more than ${MAX_FILE_LINES} lines`, async (t) => {
  const long = server.filter((s) => fileLines(s.file) > MAX_FILE_LINES).map((s) => `${s.path} has ${fileLines(s.file)} lines`);
  t.same(long, [], `${long.length} too long`);
});

t.test(`no function in server/ has more than ${MAX_FUNCTION_LINES} lines`, async (t) => {
  const long = server.flatMap(longFunctions);
  t.same(long, [], `${long.length} too long`);
});

t.test('the domain imports nothing from storage/, services/, web/, cli/, paths.ts, nor node:fs or node:path', async (t) => {
  const bad = server
    .filter((s) => s.path.startsWith('server/domain/'))
    .flatMap((s) =>
      moduleSpecifiers(s.file).flatMap(({ spec, line }) => {
        const problem = domainImportProblem(s.path, spec);
        return problem === null ? [] : [`${s.path}:${line} ${problem}`];
      }),
    );
  t.same(bad, [], `${bad.length} imports across the layers`);
});

t.test('the measures themselves: lines, functions and imports are found as the language defines them', async (t) => {
  const sample = ts.createSourceFile(
    'server/domain/x/sample.ts',
    [
      "import { a } from '../../storage/db.js';",
      "import { b } from '../y/ok.js';",
      "export { c } from 'node:fs';",
      'const arrow = () => {',
      ...Array.from({ length: 60 }, (_, i) => `  const v${i} = ${i};`),
      '};',
      'class K { method() { return 1; } }',
      "const later = await import('../../web/app.js');",
      '',
    ].join('\n'),
    ts.ScriptTarget.ES2022,
    true,
    ts.ScriptKind.TS,
  );
  const source = { path: 'server/domain/x/sample.ts', file: sample };
  t.equal(fileLines(sample), 67);
  t.same(longFunctions(source), ['server/domain/x/sample.ts:4 arrow has 62 lines']);
  const problems = moduleSpecifiers(sample).map(({ spec }) => domainImportProblem(source.path, spec));
  t.same(problems, [
    'imports server/storage/db.js from outside the domain',
    null,
    'loads node:fs (the domain does no file I/O)',
    'imports server/web/app.js from outside the domain',
  ]);
});
