// The repository explains itself (docs/architecture.md#shape-rules): what the code cites from outside the code is in
// docs/, so a reader who has only the repository can follow every citation. This fails when a source file in server/,
// test/ or bench/, or a questionnaire file or its documentation in surveys/, cites the product brief or the style
// guide (files outside the repository), an issue by number (a tracker the reader may not have), or a bare section
// number; and when a `docs/<page>.md#<anchor>` it cites, a link between the docs pages, or a path a docs page names,
// does not exist. Shipped SQL migrations are not read: they are never edited, so their opening comments keep the words
// they shipped with.
import t from 'tap';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SOURCE_DIRS = ['server', 'test', 'bench', 'surveys'];
/** Source code, and in surveys/ the questionnaire files and their documentation. */
const READ = /\.(ts|md|ya?ml)$/;

interface Text {
  /** Path from the repository root, with forward slashes. */
  path: string;
  lines: string[];
}

function sourcesUnder(dir: string): Text[] {
  const out: Text[] = [];
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourcesUnder(path));
    else if (READ.test(entry.name)) out.push({ path, lines: readFileSync(join(ROOT, path), 'utf8').split('\n') });
  }
  return out;
}

/** Documents outside the repository, by name (built from parts so that this file does not cite them itself). */
const OUTSIDE_DOCUMENT = new RegExp(['PRODUCT', 'STYLE'].map((name) => `\\b${name}\\.md\\b`).join('|'), 'i');
/** An issue cited by its number, with or without "#", one issue or several. */
const ISSUE_NUMBER = /\bissues?\s+#?\d/i;
/** A standard's own section ("GB/T 9704 §7.5", "RFC 9110 §12.5.3") names where it is found; a bare section number does not. */
const NAMED_STANDARD = /(?:GB\/T|RFC|ISO)\s*[\d.-]+\s*$/;

/** Why a line cites something a reader of the repository does not have, or null. */
function outsideCitation(line: string): string | null {
  const document = OUTSIDE_DOCUMENT.exec(line);
  if (document) return `cites ${document[0]}, which is not in the repository`;
  const issue = ISSUE_NUMBER.exec(line);
  if (issue) return `cites "${issue[0]}": say what the rule is, or cite docs/`;
  for (const section of line.matchAll(/§\s*\d/g)) {
    if (!NAMED_STANDARD.test(line.slice(0, section.index))) return 'cites a bare section number: cite docs/<page>.md#<anchor>';
  }
  return null;
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
function slugOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of a markdown page: its headings (outside code blocks) and explicit `<a id|name="…">`. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) anchors.add(slugOf(heading[1]));
    for (const a of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(a[1]);
  }
  return anchors;
}

const pages = new Map<string, Set<string>>(
  readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => [name, anchorsOf(readFileSync(join(ROOT, 'docs', name), 'utf8'))]),
);

/** Why a cited page and anchor do not resolve, or null. `anchor` is empty when only the page is cited. */
function missingTarget(page: string, anchor: string): string | null {
  const anchors = pages.get(page);
  if (!anchors) return `docs/${page} does not exist`;
  if (anchor !== '' && !anchors.has(anchor)) return `docs/${page} has no section #${anchor}`;
  return null;
}

const sources = SOURCE_DIRS.flatMap(sourcesUnder);

t.test('the sources are read where the layout puts them', async (t) => {
  t.ok(sources.length > 300, `${sources.length} files read`);
  t.ok(sources.some((s) => s.path === 'server/core/stats/change.ts'), 'paths are relative to the repository');
  t.ok(pages.has('statistics.md') && pages.has('rules.md') && pages.has('architecture.md'), 'the docs pages are found');
});

t.test('no source cites a document, an issue or a section that is not in the repository', async (t) => {
  const bad = sources.flatMap((s) =>
    s.lines.flatMap((line, i) => {
      const problem = outsideCitation(line);
      return problem === null ? [] : [`${s.path}:${i + 1} ${problem}`];
    }),
  );
  t.same(bad, [], `${bad.length} citations a reader cannot follow`);
});

t.test('every docs page and section a source cites exists', async (t) => {
  let cited = 0;
  const bad = sources.flatMap((s) =>
    s.lines.flatMap((line, i) =>
      [...line.matchAll(/\bdocs\/([\w-]+\.md)(?:#([\p{L}\p{N}_-]+))?/gu)].flatMap((m) => {
        cited++;
        const problem = missingTarget(m[1], m[2] ?? '');
        return problem === null ? [] : [`${s.path}:${i + 1} ${problem}`];
      }),
    ),
  );
  t.ok(cited > 40, `${cited} citations of docs/ found`);
  t.same(bad, [], `${bad.length} citations that lead nowhere`);
});

t.test('the docs pages link only to sections and files that exist', async (t) => {
  const bad: string[] = [];
  for (const page of pages.keys()) {
    const text = readFileSync(join(ROOT, 'docs', page), 'utf8');
    for (const m of text.matchAll(/\]\(([\w-]+\.md)?(?:#([\p{L}\p{N}_-]+))?\)/gu)) {
      const problem = missingTarget(m[1] ?? page, m[2] ?? '');
      if (problem !== null) bad.push(`docs/${page}: link ${m[0]}: ${problem}`);
    }
    for (const m of text.matchAll(/`((?:server|test|bench|views|surveys|docs|scripts)\/[\w./-]*)(?:#([\p{L}\p{N}_-]+))?`/gu)) {
      const [, path, anchor] = m;
      if (!existsSync(join(ROOT, path))) bad.push(`docs/${page}: names ${path}, which does not exist`);
      else if (anchor !== undefined && path.startsWith('docs/')) {
        const problem = missingTarget(path.slice('docs/'.length), anchor);
        if (problem !== null) bad.push(`docs/${page}: ${problem}`);
      }
    }
  }
  t.same(bad, [], `${bad.length} links that lead nowhere`);
});

t.test('the checks themselves: what counts as a citation from outside, and which anchors a page has', async (t) => {
  const brief = 'PRODUCT' + '.md';
  t.match(outsideCitation(`// the weights (${brief}, section 6)`), /not in the repository/);
  t.match(outsideCitation('// see ' + 'STYLE' + '.md'), /not in the repository/);
  t.match(outsideCitation('// the forecast (iss' + 'ue 12)'), /say what the rule is/);
  t.match(outsideCitation("t.test('the demo (iss" + 'ues #3 and 9)'), /say what the rule is/);
  t.match(outsideCitation('// as everywhere in §' + '6'), /bare section number/);
  t.equal(outsideCitation('// A4 type area (GB/T 9704 §5.2.2); Accept-Encoding (RFC 9110 §12.5.3)'), null);
  t.equal(outsideCitation('// the date of issue, the issued notice, (docs/statistics.md#rank-ranges)'), null);
  t.equal(slugOf("Don't-know share"), 'dont-know-share');
  t.equal(slugOf('AAPOR outcome rates'), 'aapor-outcome-rates');
  t.equal(slugOf('回执单 Receipts'), '回执单-receipts');
  const anchors = anchorsOf('# Title\n\n## Rank ranges\n```\n## not a heading\n```\n<a id="kept"></a>\n');
  t.same([...anchors].sort(), ['kept', 'rank-ranges', 'title']);
});
