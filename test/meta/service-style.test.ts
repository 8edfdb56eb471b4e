// One service style (docs/architecture.md#service-style). Repositories store and fetch; the decisions are the
// services'. The review repository used to run the accept workflow itself (opening receipts by their
// rules and writing the response through the responses' repository), and the rounds repository validated a new round
// and its changes of state: those live in review-service.ts and rounds-service.ts now. And what a service keeps in
// memory for a database belongs to that database's repositories (platform/service-memos.ts), not to a module-level
// WeakMap keyed by one of them.
import t from 'tap';
import ts from 'typescript';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The names a file imports as values (type-only imports left out), with the module each comes from. */
function valueImports(path: string): Array<{ name: string; from: string }> {
  const file = ts.createSourceFile(path, readFileSync(join(ROOT, path), 'utf8'), ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const out: Array<{ name: string; from: string }> = [];
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const from = statement.moduleSpecifier.text;
    if (clause.name) out.push({ name: clause.name.text, from });
    const named = clause.namedBindings;
    if (named && ts.isNamedImports(named)) for (const e of named.elements) if (!e.isTypeOnly) out.push({ name: e.name.text, from });
  }
  return out;
}

/** Rules that decide something about a held response or a round: they belong to a service, not a repository. */
const DECISIONS = new Set(['receiptsFor', 'checkNewRound', 'transitionProblem']);

for (const path of ['server/features/review/review-repo.ts', 'server/features/rounds/rounds-repo.ts']) {
  t.test(`${path} stores and fetches; it decides nothing`, async (t) => {
    const imports = valueImports(path);
    t.same(imports.filter((i) => DECISIONS.has(i.name)).map((i) => i.name), [], 'no rule that decides');
    t.same(imports.filter((i) => /(-repo|-service)\.js$/.test(i.from) && !i.from.startsWith('./')).map((i) => i.from), [], 'no other repository or service');
  });
}

/** Files of the capabilities outside their pure `core/` rules: services, repositories, routes, view-models. */
function serviceSideFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'core') out.push(...serviceSideFiles(path));
    } else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

t.test('no capability keeps service state in a module-level WeakMap', async (t) => {
  const found = serviceSideFiles('server/features').filter((path) => /\bnew WeakMap\b/.test(readFileSync(join(ROOT, path), 'utf8')));
  t.same(found, [], 'state a service keeps for a database lives in repos.memos');
});
