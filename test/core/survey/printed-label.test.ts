// A question named for people (receipts): its printed number and short name, the same number the resident form prints.
import t from 'tap';
import { join } from 'node:path';
import { printedQuestionLabel } from '../../../server/core/survey/numbering.js';
import { loadSurveyFile } from '../../../server/features/surveys/survey-files.js';
import { paths } from '../../../server/paths.js';

t.test('the Hunan questionnaire: screening counts, a follow-up is 3.1, the suggestion is 19', async (t) => {
  const hunan = loadSurveyFile(join(paths.surveys, 'hunan-100.yaml')).survey;
  t.equal(printedQuestionLabel(hunan, 'Q15'), '第 19 题 意见建议');
  t.equal(printedQuestionLabel(hunan, 'Q1'), '第 3 题 治安安全感');
  t.equal(printedQuestionLabel(hunan, 'Q1a'), '第 3.1 题 不安全原因');
  t.equal(printedQuestionLabel(hunan, 'Q8'), '第 10 题 公安执法');
  t.equal(printedQuestionLabel(hunan, 'NOPE'), 'NOPE', 'an id the questionnaire lacks is shown as it is');
});
