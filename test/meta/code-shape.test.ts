// The shape the code keeps (docs/architecture.md): no file in server/ over 300 lines, no function over 60 lines, rules
// that import only the shared core, and no capability in another's repository. Measured with the TypeScript compiler's
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

/** The capability a path belongs to (`server/features/<capability>/…`), or null outside the capabilities. */
function capabilityOf(path: string): string | null {
  const match = /^server\/features\/([^/]+)\//.exec(path);
  return match ? match[1] : null;
}

/** Pure rules: the shared core and each capability's `core/` folder. No Fastify, no SQL, no I/O. */
function isRule(path: string): boolean {
  return path.startsWith('server/core/') || /^server\/features\/[^/]+\/core\//.test(path);
}

/** Packages pure rules must not load: a web framework or a database belongs to the routes and repositories. */
const FRAMEWORK_PACKAGE = /^(fastify|@fastify\/|fastify-plugin|better-sqlite3)/;

/**
 * Why an import in a rule file is not allowed, or null when it is. The shared core imports only the shared core; a
 * capability's rules import the shared core and their own capability's rules. A type-only import of another
 * capability's rules is allowed: the bulletin's content names the shape of the call-back and sweep figures it prints,
 * but runs none of their rules.
 */
function ruleImportProblem(fromPath: string, spec: string, typeOnly: boolean): string | null {
  if (IO_MODULES.has(spec)) return `loads ${spec} (rules do no file I/O)`;
  if (FRAMEWORK_PACKAGE.test(spec)) return `loads ${spec} (rules know no web framework and no database)`;
  if (!spec.startsWith('.')) return null;
  const target = posix.normalize(posix.join(posix.dirname(fromPath), spec));
  if (target.startsWith('server/core/')) return null;
  const own = capabilityOf(fromPath);
  if (own !== null && capabilityOf(target) === own && isRule(target)) return null;
  if (typeOnly && isRule(target)) return null;
  return fromPath.startsWith('server/core/')
    ? `imports ${target} (the shared core imports only the shared core)`
    : `imports ${target} (a capability's rules import only the shared core and their own rules)`;
}

/**
 * Which capability owns each repository of `app.repos` / `createRepos()`. A capability uses its own; another's data
 * comes through that capability's service. The shared ones every capability reads or writes: the unit tree, the
 * round and its questionnaire, the settings, and the audit trail each write records in its own transaction.
 */
const REPO_OWNER: Record<string, string> = {
  units: 'units', surveys: 'surveys', rounds: 'rounds', fieldwork: 'rounds', responses: 'responses', invites: 'responses',
  receipts: 'receipts', users: 'accounts', accounts: 'accounts', sessions: 'accounts', apiTokens: 'accounts',
  results: 'results', audit: 'audit', calls: 'phone-interviews', cati: 'phone-interviews', review: 'review',
  contacts: 'roster', callbacks: 'callbacks', posters: 'posters', documents: 'documents', forecast: 'forecast',
  settings: 'platform',
};
const SHARED_REPOS = new Set(['units', 'rounds', 'surveys', 'audit', 'settings']);

/** Every place a capability's code uses another capability's repository: `repos.<name>` or an import of its file. */
function repositoryReaches(source: Source): string[] {
  const own = capabilityOf(source.path);
  if (own === null) return [];
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) {
      const holder = node.expression;
      const holderName = ts.isPropertyAccessExpression(holder) ? holder.name.text : ts.isIdentifier(holder) ? holder.text : '';
      const owner = REPO_OWNER[node.name.text];
      if (holderName === 'repos' && owner !== undefined && owner !== own && !SHARED_REPOS.has(node.name.text)) {
        found.push(`${source.path}:${lineOf(source.file, node.getStart(source.file))} uses repos.${node.name.text} (of ${owner})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source.file);
  for (const { spec, line } of moduleSpecifiers(source.file)) {
    if (!spec.startsWith('.')) continue;
    const target = posix.normalize(posix.join(posix.dirname(source.path), spec));
    const owner = capabilityOf(target);
    if (owner !== null && owner !== own && /-repo\.js$/.test(target) && !target.endsWith('/audit-repo.js')) {
      found.push(`${source.path}:${line} imports ${target}`);
    }
  }
  return found;
}

/** Whether an import declaration brings in types only (`import type …`, or every named import marked `type`). */
function isTypeOnly(node: ts.Node): boolean {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false;
    if (clause.isTypeOnly) return true;
    const named = clause.namedBindings;
    return clause.name === undefined && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
  }
  if (ts.isExportDeclaration(node)) return node.isTypeOnly;
  return false;
}

/** The imports of a file with whether each brings in types only. */
function importsOf(file: ts.SourceFile): Array<{ spec: string; line: number; typeOnly: boolean }> {
  const typeOnlyLines = new Map<number, boolean>();
  for (const statement of file.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier) {
      typeOnlyLines.set(lineOf(file, statement.getStart(file)), isTypeOnly(statement));
    }
  }
  return moduleSpecifiers(file).map((m) => ({ ...m, typeOnly: typeOnlyLines.get(m.line) ?? false }));
}

const server = sourcesUnder('server');

t.test('the shape is measured over the whole server tree', async (t) => {
  t.ok(server.length > 50, `${server.length} files read`);
  t.ok(server.some((s) => s.path === 'server/features/rounds/core/round-rules.ts'), 'paths are relative to the repository');
});

t.test(`no file in server/ has more than ${MAX_FILE_LINES} lines`, async (t) => {
  const long = server.filter((s) => fileLines(s.file) > MAX_FILE_LINES).map((s) => `${s.path} has ${fileLines(s.file)} lines`);
  t.same(long, [], `${long.length} too long`);
});

t.test(`no function in server/ has more than ${MAX_FUNCTION_LINES} lines`, async (t) => {
  const long = server.flatMap(longFunctions);
  t.same(long, [], `${long.length} too long`);
});

t.test('rules import only the shared core and their own capability, and load no web framework, database or file I/O', async (t) => {
  const bad = server
    .filter((s) => isRule(s.path))
    .flatMap((s) =>
      importsOf(s.file).flatMap(({ spec, line, typeOnly }) => {
        const problem = ruleImportProblem(s.path, spec, typeOnly);
        return problem === null ? [] : [`${s.path}:${line} ${problem}`];
      }),
    );
  t.ok(server.filter((s) => isRule(s.path)).length > 100, 'the rules are found where the layout puts them');
  t.same(bad, [], `${bad.length} imports across the layout`);
});

t.test("no capability reaches into another capability's repository", async (t) => {
  const bad = server.flatMap(repositoryReaches);
  t.same(bad, [], `${bad.length} reaches`);
});

t.test('the measures themselves: lines, functions and imports are found as the language defines them', async (t) => {
  const sample = ts.createSourceFile(
    'server/features/x/core/sample.ts',
    [
      "import { a } from '../../../platform/db.js';",
      "import { b } from '../../../core/y/ok.js';",
      "export { c } from 'node:fs';",
      'const arrow = () => {',
      ...Array.from({ length: 60 }, (_, i) => `  const v${i} = ${i};`),
      '};',
      'class K { method() { return 1; } }',
      "const later = await import('../../y/core/rule.js');",
      "import type { Shape } from '../../y/core/shape.js';",
      "import { own } from './own.js';",
      "import { db } from 'better-sqlite3';",
      'const used = app.repos.receipts.list(); const shared = repos.units.tree();',
      "import { steps } from '../../y/y-repo.js';",
      '',
    ].join('\n'),
    ts.ScriptTarget.ES2022,
    true,
    ts.ScriptKind.TS,
  );
  const source = { path: 'server/features/x/core/sample.ts', file: sample };
  t.equal(fileLines(sample), 72);
  t.same(longFunctions(source), ['server/features/x/core/sample.ts:4 arrow has 62 lines']);
  const problems = importsOf(sample).map(({ spec, typeOnly }) => ruleImportProblem(source.path, spec, typeOnly));
  t.same(problems, [
    "imports server/platform/db.js (a capability's rules import only the shared core and their own rules)",
    null,
    'loads node:fs (rules do no file I/O)',
    "imports server/features/y/core/rule.js (a capability's rules import only the shared core and their own rules)",
    null,
    null,
    'loads better-sqlite3 (rules know no web framework and no database)',
    "imports server/features/y/y-repo.js (a capability's rules import only the shared core and their own rules)",
  ]);
  t.same(repositoryReaches(source), [
    'server/features/x/core/sample.ts:71 uses repos.receipts (of receipts)',
    'server/features/x/core/sample.ts:72 imports server/features/y/y-repo.js',
  ]);
});

/** The one file that opens transactions (BEGIN IMMEDIATE for writes); everything else asks it. */
const TRANSACTION_HOME = 'server/platform/write-transaction.ts';

/** Every `.transaction(…)` call outside the transaction home: a write there could read before taking the lock. */
function bareTransactions(source: Source): string[] {
  if (source.path === TRANSACTION_HOME) return [];
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'transaction') {
      found.push(`${source.path}:${lineOf(source.file, node.getStart(source.file))} calls ${node.expression.getText(source.file)}()`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source.file);
  return found;
}

t.test(`no transaction is opened outside ${TRANSACTION_HOME} (writeTransaction takes the write lock first)`, async (t) => {
  const bad = server.flatMap(bareTransactions);
  t.same(bad, [], `${bad.length} bare transactions`);
});

t.test('bare transactions are found however the call is written', async (t) => {
  const text = [
    'const a = db.transaction(() => 1)();',
    'this.db',
    '  .transaction(() => 2)',
    '  .immediate();',
    'const built = app.db.transaction((n: number) => n);',
    'writeTransaction(db, () => 3);',
    "const words = 'db.transaction(';",
    '',
  ].join('\n');
  const file = ts.createSourceFile('server/features/x/x-repo.ts', text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  t.same(bareTransactions({ path: 'server/features/x/x-repo.ts', file }), [
    'server/features/x/x-repo.ts:1 calls db.transaction()',
    'server/features/x/x-repo.ts:2 calls this.db\n  .transaction()',
    'server/features/x/x-repo.ts:5 calls app.db.transaction()',
  ]);
  t.same(bareTransactions({ path: TRANSACTION_HOME, file }), [], 'the home itself may');
});
