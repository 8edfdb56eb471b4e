// How a questionnaire presents itself: fixed numbers (follow-ups as sub-questions), its size up front, the public
// title, and the 其他（请注明） text: parsed, checked, required by the resident form's rule, masked when held.
import t from 'tap';
import { parseSurveyText } from '../../../server/core/survey/parse.js';
import { SurveyFileError } from '../../../server/core/survey/validate.js';
import { answersFromForm, checkAnswers } from '../../../server/core/survey/answers.js';
import { questionNumbers, surveySize } from '../../../server/core/survey/numbering.js';
import { missingOtherTexts, OTHER_MAX_LENGTH } from '../../../server/core/survey/other-text.js';
import { maskedAnswers, storedAnswers } from '../../../server/features/review/core/held.js';
import { loadSurveyFile } from '../../../server/features/surveys/survey-files.js';
import { paths } from '../../../server/paths.js';
import { miniSurveyFile } from '../../kit/mini-survey.js';

const MINI = miniSurveyFile(`
questions:
  - id: Q1
    section: 一、安全感
    text: 安全吗？
    type: single
    options:
      - { code: A, label: 安全, score: 100 }
      - { code: B, label: 不安全, score: 0, followUp: true }
  - id: Q1a
    text: 为什么？
    type: multiple
    showIf: { question: Q1, anyOf: [B] }
    options:
      - { code: A, label: 偷盗 }
      - { code: Z, label: 其他（请注明）, other: true }
  - id: Q1b
    text: 多久了？
    type: single
    showIf: { question: Q1, anyOf: [B] }
    options:
      - { code: A, label: 一年内 }
      - { code: B, label: 更久 }
  - id: Q2
    section: 二、建议
    text: 建议
    type: text
    required: false
indices:
  - { id: safety, name: 安全感, kind: item, question: Q1 }
composite:
  name: 综合
  weights: { safety: 1 }
`, { title: '小问卷（模拟民调）', publicTitle: '小区安全感调查' });

const survey = parseSurveyText(MINI, 'surveys/mini.yaml');
const choice = (codes: string[], other?: string) => (other === undefined ? { kind: 'choice' as const, codes } : { kind: 'choice' as const, codes, other });

t.test('follow-ups are numbered under their question, so no later number shifts', async (t) => {
  t.same([...questionNumbers(survey)], [['S1', '1'], ['Q1', '2'], ['Q1a', '2.1'], ['Q1b', '2.2'], ['Q2', '3']]);
  const hunan = loadSurveyFile(`${paths.surveys}/hunan-100.yaml`).survey;
  const numbers = questionNumbers(hunan);
  t.equal(numbers.get('Q1a'), '3.1');
  t.equal(numbers.get('Q2'), '4');
  t.equal(numbers.get('Q15'), '19', 'the last question keeps its number whatever was answered');
});

t.test('the size said up front counts the questions everyone is asked', async (t) => {
  // S1, Q1 and Q2: two choices at 9 s and one text at 30 s = 48 s, about one minute.
  t.same(surveySize(survey), { questions: 3, sections: ['一、安全感', '二、建议'], minutes: 1 });
  const hunan = surveySize(loadSurveyFile(`${paths.surveys}/hunan-100.yaml`).survey);
  // 18 choices (9 s) and one text (30 s): 192 s, about 3 minutes, as its opening statement says.
  t.same(hunan, { questions: 19, sections: hunan.sections, minutes: 3 });
  t.equal(hunan.sections.length, 6);
});

t.test('the public title is parsed; the internal title stays for staff', async (t) => {
  t.equal(survey.publicTitle, '小区安全感调查');
  t.equal(survey.title, '小问卷（模拟民调）');
});

t.test('the other option: at most one per question, a flag only', async (t) => {
  const two = MINI.replace('{ code: A, label: 偷盗 }', '{ code: A, label: 偷盗, other: true }');
  t.throws(() => parseSurveyText(two, 'surveys/mini.yaml'), SurveyFileError);
  const wrong = MINI.replace('other: true', 'other: yes please');
  t.throws(() => parseSurveyText(wrong, 'surveys/mini.yaml'), /"other" must be true or false/);
});

t.test('the other text rides on its choice answer, checked for length, dropped when its option is not chosen', async (t) => {
  const base = { S1: choice(['1']), Q1: choice(['B']), Q1b: choice(['A']) };
  const fromForm = answersFromForm(survey, { q_S1: '1', q_Q1: 'B', q_Q1a: ['A', 'Z'], o_Q1a: '  狗\n叫  ', q_Q1b: 'A' });
  t.same(fromForm.Q1a, choice(['A', 'Z'], '  狗\n叫  '));
  const checked = checkAnswers(survey, fromForm);
  t.same(checked.errors, []);
  t.same(checked.answers.Q1a, choice(['A', 'Z'], '狗 叫'), 'kept on one line, trimmed');

  const long = checkAnswers(survey, { ...base, Q1a: choice(['Z'], '长'.repeat(OTHER_MAX_LENGTH + 1)) });
  t.same(long.errors, [{ questionId: 'Q1a', message: `“其他（请注明）”的说明过长（最多 ${OTHER_MAX_LENGTH} 字）` }]);
  t.same(checkAnswers(survey, { ...base, Q1a: choice(['Z'], '长'.repeat(OTHER_MAX_LENGTH)) }).errors, [], 'exactly the limit is fine');

  const notChosen = checkAnswers(survey, { ...base, Q1a: choice(['A'], '打错了') });
  t.same(notChosen.answers.Q1a, choice(['A']), 'text for an option not chosen is dropped');
});

t.test('the resident form requires the text when its option is chosen; other channels need not', async (t) => {
  const base = { S1: choice(['1']), Q1: choice(['B']), Q1b: choice(['A']) };
  const without = checkAnswers(survey, { ...base, Q1a: choice(['Z']) });
  t.same(without.errors, [], 'an interviewer or a paper form may have nothing to copy');
  t.same(missingOtherTexts(survey, without.answers), [{ questionId: 'Q1a', message: '您选了“其他（请注明）”，请注明具体内容' }]);
  const blank = checkAnswers(survey, { ...base, Q1a: choice(['Z'], '   ') });
  t.equal(missingOtherTexts(survey, blank.answers).length, 1, 'spaces are no text');
  t.same(missingOtherTexts(survey, checkAnswers(survey, { ...base, Q1a: choice(['A']) }).answers), []);
});

t.test('a held response keeps its other text, masked on the review copy', async (t) => {
  const answers = { Q1a: choice(['Z'], '打 13812345678 找我') };
  const masked = maskedAnswers(answers);
  t.same(masked.Q1a, choice(['Z'], '打 138****5678 找我'));
  t.same(storedAnswers(JSON.stringify(answers)), answers, 'read back as stored');
});
