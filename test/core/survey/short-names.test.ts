// Short names (简称) of questions and indices: read from the questionnaire file, defaulted, refused when unusable, and
// present for every question the shipped questionnaires score.
import t from 'tap';
import { parseSurveyText } from '../../../server/core/survey/parse.js';
import { indexShortName, questionShortName } from '../../../server/core/survey/short-names.js';
import { loadSurveyDirectory } from '../../../server/features/surveys/survey-files.js';
import { paths } from '../../../server/paths.js';
import { miniSurveyFile, problemsOf } from '../../kit/mini-survey.js';

const FILE = miniSurveyFile(`
questions:
  - id: Q1
    shortName: 涉黑涉恶
    text: 您觉得本地涉黑涉恶、欺行霸市问题严重吗？
    type: single
    options:
      - { code: A, label: 没有, score: 100 }
      - { code: B, label: 严重, score: 0 }
  - id: Q2
    text: 您对公安机关的工作满意吗？
    type: single
    options:
      - { code: A, label: 满意, score: 100 }
      - { code: B, label: 不满意, score: 0 }
  - id: Q3
    text: 您对法院的工作满意吗？
    type: single
    options:
      - { code: A, label: 满意, score: 100 }
      - { code: B, label: 不满意, score: 0 }
indices:
  - { id: crime, name: 社会治安突出问题, kind: item, question: Q1 }
  - { id: police, name: 公安机关满意度, shortName: 公安, kind: item, question: Q2 }
  - { id: organs, name: 政法机关满意度, kind: mean, questions: [Q2, Q3] }
composite:
  name: 综合
  weights: { crime: 0.5, organs: 0.5 }
`);

t.test('a question’s own short name, else its single-question index’s, else its text', async (t) => {
  const s = parseSurveyText(FILE, 'surveys/mini.yaml');
  t.equal(s.questions[0].shortName, '涉黑涉恶');
  t.equal(questionShortName(s, 'Q1'), '涉黑涉恶', 'its own, not the index name');
  t.equal(questionShortName(s, 'Q2'), '公安', 'the item index’s short name');
  t.equal(questionShortName(s, 'Q3'), '您对法院的工作满意吗？', 'only in a mean index: its text');
  t.equal(questionShortName(s, 'nope'), 'nope');
  t.same(s.indices.map(indexShortName), ['社会治安突出问题', '公安', '政法机关满意度'], 'an index defaults to its name');
});

t.test('an empty or long short name is refused with the question it concerns', async (t) => {
  t.ok(problemsOf(FILE.replace('shortName: 涉黑涉恶', 'shortName: ""')).some((p) => /question Q1: "shortName" must be a non-empty text/.test(p)));
  const long = problemsOf(FILE.replace('shortName: 涉黑涉恶', 'shortName: 涉黑涉恶欺行霸市强买强卖问题严重'));
  t.ok(long.some((p) => /question Q1: "shortName" must be at most 12 characters/.test(p)), long.join(' | '));
  t.ok(problemsOf(FILE.replace('shortName: 公安,', 'shortName: [x],')).some((p) => /police: "shortName" must be a non-empty text/.test(p)));
});

t.test('every scored question of the shipped questionnaires has a short name of its own', async (t) => {
  for (const { survey } of loadSurveyDirectory(paths.surveys)) {
    for (const q of survey.questions.filter((q) => q.options.some((o) => o.score !== undefined))) {
      t.ok(q.shortName && [...q.shortName].length <= 12, `${survey.id} ${q.id}: ${q.shortName}`);
    }
  }
  const hunan = loadSurveyDirectory(paths.surveys).find((l) => l.survey.id === 'hunan-100')?.survey;
  t.same(['Q4', 'Q6'].map((id) => (hunan ? questionShortName(hunan, id) : '')), ['盗抢骗', '涉黑涉恶']);
});
