// Answers sent through the JSON API, including the text of a chosen 其他（请注明） option ("Q1a.other").
import t from 'tap';
import { answersFromJson } from '../../../server/core/survey/json-answers.js';
import { OTHER_MAX_LENGTH } from '../../../server/core/survey/other-text.js';
import { loadSurveyFile } from '../../../server/features/surveys/survey-files.js';
import { paths } from '../../../server/paths.js';

const hunan = loadSurveyFile(`${paths.surveys}/hunan-100.yaml`).survey;

t.test('"Q1a.other" gives the text of the chosen 其他 option, cleaned like the form\'s box', async (t) => {
  const read = answersFromJson(hunan, { Q1a: ['A', 'G'], 'Q1a.other': '  广场舞  噪音\t扰民 ' });
  t.same(read.errors, []);
  t.same(read.answers.Q1a, { kind: 'choice', codes: ['A', 'G'], other: '广场舞 噪音 扰民' });
});

t.test('other text for an option not chosen is dropped; for a question without one, or not text, it is an error', async (t) => {
  t.same(answersFromJson(hunan, { Q1a: ['A'], 'Q1a.other': '广场舞' }), { answers: { Q1a: { kind: 'choice', codes: ['A'] } }, errors: [] });
  t.same(answersFromJson(hunan, { Q2: 'A', 'Q2.other': '说明' }).errors, [{ questionId: 'Q2.other', message: '这道题没有“其他（请注明）”选项' }]);
  t.same(answersFromJson(hunan, { 'NOPE.other': '说明' }).errors, [{ questionId: 'NOPE.other', message: '这道题没有“其他（请注明）”选项' }]);
  t.same(answersFromJson(hunan, { Q1a: ['G'], 'Q1a.other': ['a'] }).errors, [{ questionId: 'Q1a.other', message: '这道题需要填写文字，而不是选项' }]);
  const long = answersFromJson(hunan, { Q1a: ['G'], 'Q1a.other': '长'.repeat(OTHER_MAX_LENGTH + 1) });
  t.equal(long.errors.length, 1);
  t.match(long.errors[0], { questionId: 'Q1a', message: `最多 ${OTHER_MAX_LENGTH} 字` });
});
