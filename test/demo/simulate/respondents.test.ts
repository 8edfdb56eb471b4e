// Simulated respondents: always valid for the questionnaire (the same check as a web submission), reproducible for
// a seed, and with the spread real polls show — don't-knows, screen-outs, conditional answers, knowledge that
// follows awareness, scores that follow the grid's level, and a few suggestions.
import t from 'tap';
import { paths } from '../../../server/paths.js';
import { loadSurveyDirectory } from '../../../server/features/surveys/survey-files.js';
import { parseSurveyText } from '../../../server/core/survey/parse.js';
import { checkAnswers, visibleQuestions } from '../../../server/core/survey/answers.js';
import type { Survey } from '../../../server/core/survey/model.js';
import { createRng } from '../../../server/core/stats/rng.js';
import { simulateRespondent, type RespondentContext, type SimulatedRespondent } from '../../../server/demo/simulate/respondents.js';

const shipped = loadSurveyDirectory(paths.surveys).map((l) => l.survey);

function crowd(survey: Survey, ctx: RespondentContext, n: number, seed = 1): SimulatedRespondent[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => simulateRespondent(survey, ctx, rng));
}

function codesOf(r: SimulatedRespondent, id: string): string[] {
  const a = r.answers[id];
  return a && a.kind === 'choice' ? a.codes : [];
}

function dontKnowShare(survey: Survey, people: SimulatedRespondent[], only?: (text: string) => boolean): number {
  let asked = 0;
  let dk = 0;
  for (const r of people.filter((p) => p.status === 'complete')) {
    for (const q of survey.questions) {
      if (!q.options.some((o) => o.excluded) || (only && !only(q.text)) || !r.answers[q.id]) continue;
      asked++;
      if (codesOf(r, q.id).some((c) => q.options.find((o) => o.code === c)?.excluded)) dk++;
    }
  }
  return dk / asked;
}

function meanScore(survey: Survey, people: SimulatedRespondent[]): number {
  const scores: number[] = [];
  for (const r of people) {
    for (const q of survey.questions) {
      for (const c of codesOf(r, q.id)) {
        const o = q.options.find((x) => x.code === c);
        if (o && typeof o.score === 'number' && !o.excluded && q.type === 'single') scores.push(o.score);
      }
    }
  }
  return scores.reduce((s, x) => s + x, 0) / scores.length;
}

t.test('both shipped questionnaires are present', async (t) => {
  t.same(shipped.map((s) => s.id).sort(), ['hunan-100', 'shaanxi-9rates']);
});

for (const survey of shipped) {
  t.test(`${survey.id}: 2,000 respondents, every one valid, with realistic shares`, async (t) => {
    const people = crowd(survey, { level: 0.85 }, 2000);
    let invalid = 0;
    let missingShown = 0;
    for (const r of people) {
      const check = checkAnswers(survey, r.answers);
      if (check.errors.length > 0 || (check.screenedOut ? 'screened_out' : 'complete') !== r.status) invalid++;
      if (r.status !== 'complete') continue;
      // Every required question that is shown (conditional ones included) is answered.
      for (const q of visibleQuestions(survey, r.answers)) if (q.required && !r.answers[q.id]) missingShown++;
    }
    t.equal(invalid, 0, 'every respondent passes checkAnswers');
    t.equal(missingShown, 0, 'every shown required question is answered');

    const out = people.filter((p) => p.status === 'screened_out').length / people.length;
    t.ok(out >= 0.03 && out <= 0.08, `screen-out share ${out.toFixed(3)} near 5%`);
    const screened = people.filter((p) => p.status === 'screened_out');
    t.ok(screened.every((p) => Object.keys(p.answers).every((id) => survey.screening.some((q) => q.id === id))), 'screened-out people answer only screening');

    const dk = dontKnowShare(survey, people);
    t.ok(dk >= 0.05 && dk <= 0.15, `don't-know share ${dk.toFixed(3)} in 5–15%`);
    const remote = /检察|法院|司法行政/;
    const dkRemote = dontKnowShare(survey, people, (text) => remote.test(text));
    const dkOther = dontKnowShare(survey, people, (text) => !remote.test(text));
    t.ok(dkRemote > dkOther + 0.05, `more don't-knows about procuratorate/courts/justice (${dkRemote.toFixed(3)}) than elsewhere (${dkOther.toFixed(3)})`);

    const textQuestion = survey.questions.find((q) => q.type === 'text');
    const complete = people.filter((p) => p.status === 'complete');
    const suggestions = complete.filter((p) => textQuestion && p.answers[textQuestion.id]).length / complete.length;
    t.ok(suggestions >= 0.08 && suggestions <= 0.18, `suggestion share ${suggestions.toFixed(3)} near 12%`);
  });

  t.test(`${survey.id}: the same seed gives the same respondents`, async (t) => {
    t.same(crowd(survey, { level: 0.8 }, 50, 9), crowd(survey, { level: 0.8 }, 50, 9));
    t.not(JSON.stringify(crowd(survey, { level: 0.8 }, 50, 9)), JSON.stringify(crowd(survey, { level: 0.8 }, 50, 10)));
  });

  t.test(`${survey.id}: scores follow the level, knowledge follows awareness`, async (t) => {
    const low = meanScore(survey, crowd(survey, { level: 0.65 }, 800));
    const high = meanScore(survey, crowd(survey, { level: 0.92 }, 800));
    t.ok(high - low > 12, `mean item score ${low.toFixed(1)} at level 0.65, ${high.toFixed(1)} at 0.92`);
    t.ok(low > 55 && high < 97, 'scores stay in a realistic band');
    const knowledge = survey.questions.filter((q) => q.knowledge);
    const correctShare = (awareness: number): number => {
      const people = crowd(survey, { level: 0.85, awareness }, 800).filter((p) => p.status === 'complete');
      let right = 0;
      for (const p of people) for (const q of knowledge) if (codesOf(p, q.id).every((c) => q.options.find((o) => o.code === c)?.correct)) right++;
      return right / (people.length * knowledge.length);
    };
    const unaware = correctShare(0.3);
    const aware = correctShare(0.95);
    t.ok(aware - unaware > 0.25, `应知应会 correct ${unaware.toFixed(2)} at awareness 0.3, ${aware.toFixed(2)} at 0.95`);
  });

  t.test(`${survey.id}: an item shifted down for a unit scores lower there`, async (t) => {
    const item = survey.questions.find((q) => q.type === 'single' && q.options.filter((o) => typeof o.score === 'number').length >= 3);
    if (!item) throw new Error('no scored item');
    const score = (people: SimulatedRespondent[]) => meanScore({ ...survey, questions: [item] }, people);
    const plain = score(crowd(survey, { level: 0.85 }, 600));
    const weak = score(crowd(survey, { level: 0.85, itemShifts: { [item.id]: -0.15 } }, 600));
    t.ok(plain - weak > 5, `${item.id}: ${plain.toFixed(1)} → ${weak.toFixed(1)}`);
  });
}

t.test('conditional questions are answered exactly when shown', async (t) => {
  const survey = shipped.find((s) => s.id === 'hunan-100');
  if (!survey) throw new Error('hunan-100 missing');
  const conditional = survey.questions.filter((q) => q.showIf);
  t.ok(conditional.length > 0);
  const people = crowd(survey, { level: 0.55 }, 1500).filter((p) => p.status === 'complete');
  for (const q of conditional) {
    const cond = q.showIf;
    if (!cond) continue;
    const shown = people.filter((p) => codesOf(p, cond.question).some((c) => cond.anyOf.includes(c)));
    t.ok(shown.length > 20, `${q.id} is shown to some (${shown.length}) at a low level`);
    t.ok(shown.every((p) => codesOf(p, q.id).length >= 1 && codesOf(p, q.id).length <= Math.min(3, q.maxChoices ?? 3)), `${q.id} answered with 1–3 picks within its limits`);
    t.ok(people.filter((p) => !shown.includes(p)).every((p) => p.answers[q.id] === undefined), `${q.id} absent when hidden`);
  }
});

t.test('works for a questionnaire with other ids, types and rules', async (t) => {
  const survey = parseSurveyText(
    `
id: odd-test
title: 测试问卷
intro: 您好
screenOutMessage: 谢谢
thankYou: 谢谢
screening:
  - id: AGE
    text: 您满 18 周岁了吗？
    type: yesno
    options:
      - { code: Y, label: 满 }
      - { code: N, label: 未满, screenOut: true }
questions:
  - id: safe
    text: 安全吗？
    type: single
    options:
      - { code: "1", label: 安全, score: 100 }
      - { code: "2", label: 不安全, score: 0, followUp: true }
      - { code: "9", label: 说不清, excluded: true }
  - id: why
    text: 为什么？
    type: multiple
    maxChoices: 2
    showIf: { question: safe, anyOf: ["2"] }
    options:
      - { code: a, label: 偷盗 }
      - { code: b, label: 打架 }
      - { code: c, label: 其他 }
      - { code: z, label: 说不清, excluded: true }
  - id: where
    text: 您住在哪里？
    type: single
    required: false
    options:
      - { code: u, label: 城区 }
      - { code: r, label: 农村 }
  - id: hotline
    text: 反诈专线？
    type: multiple
    knowledge: true
    options:
      - { code: a, label: "96110", correct: true }
      - { code: b, label: "110", correct: true }
      - { code: c, label: "12345" }
  - id: say
    text: 请写下您的意见
    type: text
    required: true
    maxLength: 10
indices:
  - { id: s, name: 安全, kind: item, question: safe }
composite:
  name: 综合
  weights: { s: 1 }
`,
    'odd-test.yaml',
  );
  const people = crowd(survey, { level: 0.4 }, 1000);
  t.ok(people.every((p) => checkAnswers(survey, p.answers).errors.length === 0), 'every respondent is valid');
  const complete = people.filter((p) => p.status === 'complete');
  t.ok(complete.every((p) => p.answers.say?.kind === 'text' && [...p.answers.say.text].length <= 10), 'required text answered within maxLength');
  t.ok(complete.some((p) => p.answers.why !== undefined), 'the conditional multiple choice is answered');
  t.ok(complete.some((p) => p.answers.where === undefined) && complete.some((p) => p.answers.where !== undefined), 'optional question sometimes skipped');
  t.ok(complete.some((p) => codesOf(p, 'hotline').length === 2), 'a multiple knowledge question answered with all correct codes');
});
