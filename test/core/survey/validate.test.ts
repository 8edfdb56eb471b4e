import t from 'tap';
import { loadSurveyDirectory } from '../../../server/features/surveys/survey-files.js';
import { parseSurveyText } from '../../../server/core/survey/parse.js';
import { paths } from '../../../server/paths.js';
import { miniSurveyFile, problemsOf } from '../../kit/mini-survey.js';

const BASE = miniSurveyFile(`
questions:
  - id: Q1
    text: 安全吗？
    type: single
    options:
      - { code: A, label: 安全, score: 100 }
      - { code: B, label: 不安全, score: 0, followUp: true }
      - { code: X, label: 说不清, excluded: true }
  - id: Q2
    text: 为什么？
    type: multiple
    showIf: { question: Q1, anyOf: [B] }
    options:
      - { code: A, label: 偷盗 }
      - { code: B, label: 照明 }
  - id: Q3
    text: 建议
    type: text
    required: false
    receipt: true
indices:
  - { id: safety, name: 安全感, kind: item, question: Q1 }
  - { id: safe_rate, name: 安全率, kind: rate, question: Q1, options: [A] }
composite:
  name: 综合
  weights: { safety: 1 }
`);

t.test('both shipped questionnaires load and validate', async (t) => {
  const loaded = loadSurveyDirectory(paths.surveys);
  const ids = loaded.map((l) => l.survey.id).sort();
  t.same(ids, ['hunan-100', 'shaanxi-9rates']);
  const hunan = loaded.find((l) => l.survey.id === 'hunan-100');
  t.ok(hunan);
  if (!hunan) return;
  const q1 = hunan.survey.questions.find((q) => q.id === 'Q1');
  t.same(q1?.options.map((o) => o.score ?? null), [100, 80, 50, 20, 0, null], 'Hunan safety scale is 10/8/5/2/0 scaled to 100');
  t.equal(q1?.options.find((o) => o.code === 'X')?.excluded, true);
  const sum = Object.values(hunan.survey.composite.weights).reduce((a, b) => a + b, 0);
  t.ok(Math.abs(sum - 1) < 1e-9, 'composite weights sum to 1');
  t.match(hunan.file, /^surveys\/hunan-100\.yaml$/);
});

t.test('a good minimal file parses with defaults applied', async (t) => {
  const s = parseSurveyText(BASE, 'surveys/mini.yaml');
  t.equal(s.questions[0].required, true, 'choice questions are required by default');
  t.equal(s.questions[2].required, false);
  t.equal(s.questions[2].maxLength, 500, 'text questions default to 500 characters');
  const yesno = parseSurveyText(BASE.replace('type: multiple\n    showIf', 'type: multiple\n    showIf'), 'x');
  t.ok(yesno);
});

t.test('yes/no questions get 是/否 options when none are given', async (t) => {
  const text = BASE.replace('  - id: Q3\n', '  - id: Q4\n    text: 知道吗？\n    type: yesno\n  - id: Q3\n');
  const s = parseSurveyText(text, 'surveys/mini.yaml');
  t.same(s.questions.find((q) => q.id === 'Q4')?.options.map((o) => o.label), ['是', '否']);
});

const cases: Array<[string, (s: string) => string, RegExp]> = [
  ['score out of range', (s) => s.replace('score: 100 }', 'score: 120 }'), /surveys\/mini\.yaml: question Q1: option "A" has score 120 \(must be 0–100\)/],
  ['excluded option with a score', (s) => s.replace('excluded: true }', 'excluded: true, score: 5 }'), /question Q1: option "X" is excluded and must not have a score/],
  ['duplicate question id', (s) => s.replace('id: Q2', 'id: Q1'), /question Q1: question id is used twice/],
  ['duplicate option code', (s) => s.replace('{ code: B, label: 照明 }', '{ code: A, label: 照明 }'), /question Q2: option code "A" is used twice/],
  ['unknown type', (s) => s.replace('type: multiple', 'type: slider'), /question Q2: type "slider" is not one of/],
  ['scores on multiple choice', (s) => s.replace('{ code: A, label: 偷盗 }', '{ code: A, label: 偷盗, score: 5 }'), /question Q2: options of a multiple-choice question carry no score/],
  ['showIf to a later question', (s) => s.replace('showIf: { question: Q1', 'showIf: { question: Q3'), /question Q2: showIf refers to "Q3", which is not an earlier question/],
  ['showIf with an unknown code', (s) => s.replace('anyOf: [B]', 'anyOf: [Z]'), /question Q2: showIf code "Z" is not an option of Q1/],
  ['weights not summing to 1', (s) => s.replace('weights: { safety: 1 }', 'weights: { safety: 0.7 }'), /composite weights sum to 0\.7, not 1/],
  ['weight on an unknown index', (s) => s.replace('weights: { safety: 1 }', 'weights: { safety: 0.5, nope: 0.5 }'), /composite weight refers to unknown index "nope"/],
  ['rate over a missing option', (s) => s.replace('options: [A] }', 'options: [Q] }'), /rate "safe_rate" counts option "Q", which the question does not have/],
  ['item index on an unscored question', (s) => s.replace('question: Q1 }\n  - { id: safe_rate', 'question: Q2 }\n  - { id: safe_rate'), /question Q2: index "safety" needs a single\/yes-no question with a score/],
  ['receipt on a choice question', (s) => s.replace('type: multiple', 'type: multiple\n    receipt: true'), /question Q2: "receipt" applies to text questions only/],
  ['screening without screenOut', (s) => s.replace(', screenOut: true', ''), /screening questions need at least one option marked screenOut/],
  ['missing title', (s) => s.replace('title: 小问卷\n', ''), /"title" must be a non-empty text/],
  ['YAML syntax error', (s) => s.replace('title: 小问卷', 'title: [unclosed'), /YAML syntax error/],
  ['knowledge question without a correct option', (s) => s.replace('type: multiple', 'type: multiple\n    knowledge: true'), /question Q2: a knowledge question needs at least one option marked correct/],
];

for (const [name, mutate, expected] of cases) {
  t.test(`refuses a file with ${name}`, async (t) => {
    const problems = problemsOf(mutate(BASE));
    t.ok(problems.length > 0, 'the file is refused');
    t.ok(problems.some((p) => expected.test(p)), `a problem matches ${expected}: ${problems.join(' | ')}`);
  });
}

t.test('all problems of a file are reported at once', async (t) => {
  const text = BASE.replace('score: 100 }', 'score: 120 }').replace('weights: { safety: 1 }', 'weights: { safety: 0.5 }');
  const problems = problemsOf(text);
  t.ok(problems.some((p) => /score 120/.test(p)), 'the score problem is listed');
  t.ok(problems.some((p) => /sum to 0\.5, not 1/.test(p)), 'and the weights problem too');
});
