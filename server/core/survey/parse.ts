// Questionnaire text (YAML) to a validated Survey, and the hash that tells versions apart. Pure: the files are read by
// features/surveys/survey-files.ts.
import { createHash } from 'node:crypto';
import { parseDocument } from 'yaml';
import type { Survey } from './model.js';
import { SurveyFileError, validateSurvey } from './validate.js';

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
