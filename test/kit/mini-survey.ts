// The head every small test questionnaire shares (id, texts, one screening question that can end the interview),
// so a test file writes only the questions, indices and composite it is about; and the problems a file is refused for.
import { parseSurveyText } from '../../server/core/survey/parse.js';
import { SurveyFileError } from '../../server/core/survey/validate.js';

/** A questionnaire file: the shared head with `title` (and a `publicTitle` line when given), then `body`. */
export function miniSurveyFile(body: string, head: { title?: string; publicTitle?: string } = {}): string {
  const publicTitle = head.publicTitle ? `\npublicTitle: ${head.publicTitle}` : '';
  return `
id: mini
title: ${head.title ?? '小问卷'}${publicTitle}
intro: 您好
screenOutMessage: 谢谢
thankYou: 谢谢参与
screening:
  - id: S1
    text: 住满一年吗？
    type: single
    options:
      - { code: "1", label: 是 }
      - { code: "2", label: 否, screenOut: true }
${body.replace(/^\n/, '')}`;
}

/** The problems the validator finds in a questionnaire file, one per line (none: it loads). */
export function problemsOf(text: string): string[] {
  try {
    parseSurveyText(text, 'surveys/mini.yaml');
  } catch (err) {
    if (err instanceof SurveyFileError) return err.message.split('\n');
    throw err;
  }
  return [];
}
