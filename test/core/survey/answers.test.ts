import t from 'tap';
import { answersFromForm, checkAnswers, scoreOf, screensOut, visibleQuestions } from '../../../server/core/survey/answers.js';
import { loadSurveyFile } from '../../../server/features/surveys/survey-files.js';
import type { Answers } from '../../../server/core/survey/model.js';
import { paths } from '../../../server/paths.js';

const { survey } = loadSurveyFile(`${paths.surveys}/hunan-100.yaml`);
const choice = (...codes: string[]) => ({ kind: 'choice' as const, codes });

/** A complete, valid Hunan answer set with the safe answer to Q1 (so Q1a stays hidden). */
function complete(): Answers {
  const a: Answers = { S1: choice('1'), S2: choice('1') };
  for (const q of survey.questions) {
    if (q.showIf || q.type === 'text') continue;
    a[q.id] = choice(q.options[0].code);
  }
  return a;
}

t.test('a complete answer set passes and is kept', async (t) => {
  const r = checkAnswers(survey, complete());
  t.same(r.errors, []);
  t.equal(r.screenedOut, false);
  t.same(Object.keys(r.answers).sort(), Object.keys(complete()).sort());
});

t.test('an unsafe answer reveals the reasons question, which is then required', async (t) => {
  const a = complete();
  a.Q1 = choice('D');
  t.ok(visibleQuestions(survey, a).some((q) => q.id === 'Q1a'));
  const r = checkAnswers(survey, a);
  t.same(r.errors, [{ questionId: 'Q1a', message: '请回答此题' }]);
  a.Q1a = choice('A', 'C');
  t.same(checkAnswers(survey, a).errors, []);
});

t.test('an answer to a hidden question is an error', async (t) => {
  const a = complete();
  a.Q1a = choice('A');
  t.same(checkAnswers(survey, a).errors, [{ questionId: 'Q1a', message: '此题不应作答' }]);
});

t.test('screening out ends the check, whatever else is missing', async (t) => {
  const r = checkAnswers(survey, { S1: choice('2') });
  t.equal(r.screenedOut, true);
  t.same(r.errors, []);
  t.same(r.answers, { S1: choice('2') });
});

t.test('every kind of bad answer gets a Chinese message on its question', async (t) => {
  const a = complete();
  delete a.Q3;
  a.Q4 = choice('Z');
  a.Q5 = choice('A', 'B');
  a.Q1 = choice('D');
  a.Q1a = choice('A', 'B', 'C', 'D');
  a.Q15 = { kind: 'text', text: '长'.repeat(501) };
  a.NOPE = choice('A');
  const byQ = Object.fromEntries(checkAnswers(survey, a).errors.map((e) => [e.questionId, e.message]));
  t.same(byQ, {
    NOPE: '问卷中没有这道题（NOPE）',
    Q3: '请回答此题',
    Q4: '选项无效',
    Q5: '此题只能选一项',
    Q1a: '最多可选 3 项',
    Q15: '内容过长（最多 500 字）',
  });
});

t.test('text is trimmed and stripped of control characters; empty text is no answer', async (t) => {
  const a = complete();
  a.Q15 = { kind: 'text', text: '  路灯坏了\u0007\r\n请修  ' };
  t.same(checkAnswers(survey, a).answers.Q15, { kind: 'text', text: '路灯坏了\n请修' });
  a.Q15 = { kind: 'text', text: '   ' };
  const r = checkAnswers(survey, a);
  t.same(r.errors, []);
  t.notOk('Q15' in r.answers);
});

t.test('form fields become answers without throwing on odd input', async (t) => {
  const a = answersFromForm(survey, {
    q_S1: '1',
    q_Q1a: ['A', 'C'],
    q_Q15: '建议',
    q_Q2: { evil: true },
    q_Q3: 7,
    other: 'x',
    q_Q4: '',
  });
  t.same(a, { S1: choice('1'), Q1a: choice('A', 'C'), Q15: { kind: 'text', text: '建议' }, Q3: choice('7') });
});

t.test('the 其他 text of o_<id> rides on its choice; a text for no chosen answer is ignored', async (t) => {
  const a = answersFromForm(survey, { q_Q1a: ['A', 'G'], o_Q1a: ' 高空抛物 ', o_Q2: '没选' , q_Q3: ['A', ' ', 'B'], o_Q3: '  ' });
  t.same(a, { Q1a: { kind: 'choice', codes: ['A', 'G'], other: ' 高空抛物 ' }, Q3: choice('A', 'B') });
  const inherited = Object.create({ q_S1: '2' }) as Record<string, unknown>;
  inherited.q_S2 = '1';
  t.same(answersFromForm(survey, inherited), { S2: choice('1') }, 'only the body’s own fields count');
});

t.test('screensOut says what checkAnswers says about the screening, for every way of answering it', async (t) => {
  const cases: Answers[] = [
    {}, complete(), { S1: choice('2') }, { S1: choice('1'), S2: choice('2') }, { S1: choice('1', '2') },
    { S1: choice('Z'), S2: choice('2') }, { S1: { kind: 'text', text: '2' }, S2: choice('2') }, { S2: choice('2') },
    { ...complete(), S1: choice('2') },
  ];
  for (const a of cases) t.equal(screensOut(survey, a), checkAnswers(survey, a).screenedOut, JSON.stringify(a));
});

t.test('scores come from the option; excluded answers have none', async (t) => {
  const q1 = survey.questions[0];
  t.same(scoreOf(q1, 'B'), { score: 80, excluded: false });
  t.same(scoreOf(q1, 'X'), { score: null, excluded: true });
  t.same(scoreOf(q1, 'nope'), { score: null, excluded: false });
});
