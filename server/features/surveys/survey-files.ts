// Reads questionnaire files (YAML) from disk and validates them. A file with a problem is refused whole.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { paths } from '../../paths.js';
import type { Survey } from '../../core/survey/model.js';
import { parseSurveyText, surveyHash } from '../../core/survey/parse.js';
import { SurveyFileError } from '../../core/survey/validate.js';

export interface LoadedSurvey {
  file: string;
  survey: Survey;
  contentHash: string;
}

function displayName(path: string): string {
  const rel = relative(paths.root, path);
  return rel.startsWith('..') ? path : rel;
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

