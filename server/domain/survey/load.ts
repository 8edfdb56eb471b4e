// Reads questionnaire files (YAML) from disk and validates them. A file with a problem is refused whole.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import { paths } from '../../paths.js';
import type { Survey } from './model.js';
import { SurveyFileError, validateSurvey } from './validate.js';

export interface LoadedSurvey {
  file: string;
  survey: Survey;
  contentHash: string;
}

function displayName(path: string): string {
  const rel = relative(paths.root, path);
  return rel.startsWith('..') ? path : rel;
}

/** A stable hash of the validated questionnaire: formatting and comments in the file do not make a new version. */
export function surveyHash(survey: Survey): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, canonical(x)]));
    }
    return v;
  };
  return createHash('sha256').update(JSON.stringify(canonical(survey))).digest('hex');
}

export function parseSurveyText(text: string, file: string): Survey {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SurveyFileError(
      file,
      doc.errors.map((e) => ({ problem: `YAML syntax error${e.linePos ? ` at line ${e.linePos[0].line}` : ''}: ${e.message.split('\n')[0]}` })),
    );
  }
  return validateSurvey(doc.toJS({ maxAliasCount: 1000 }), file);
}

export function loadSurveyFile(path: string): LoadedSurvey {
  const file = displayName(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new SurveyFileError(file, [{ problem: `cannot read the file: ${err instanceof Error ? err.message : String(err)}` }]);
  }
  const survey = parseSurveyText(text, file);
  return { file, survey, contentHash: surveyHash(survey) };
}

/** Every `*.yaml` / `*.yml` file of the folder, sorted by name; two files with the same survey id are refused. */
export function loadSurveyDirectory(dir: string): LoadedSurvey[] {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/i.test(f))
    .sort();
  const loaded = files.map((f) => loadSurveyFile(join(dir, f)));
  const byId = new Map<string, string>();
  for (const l of loaded) {
    const other = byId.get(l.survey.id);
    if (other) throw new SurveyFileError(l.file, [{ problem: `survey id "${l.survey.id}" is already used by ${other}` }]);
    byId.set(l.survey.id, l.file);
  }
  return loaded;
}

