// What the results computation takes from a questionnaire: here, which questions the weakest items come from.
import t from 'tap';
import { paths } from '../../../server/paths.js';
import { loadSurveyFile } from '../../../server/features/surveys/survey-files.js';
import { resultsPlan } from '../../../server/core/results/plan.js';

t.test('the weakest items are chosen among the questions that move the composite', async (t) => {
  const { survey } = loadSurveyFile(`${paths.surveys}/hunan-100.yaml`);
  const plan = resultsPlan(survey);
  // 知晓 (Q13) and 参与 (Q14) are reported as rates of their own but carry no composite weight in hunan-100.
  t.same(plan.scored.map((q) => q.id).filter((id) => id === 'Q13' || id === 'Q14'), ['Q13', 'Q14'], 'they are scored');
  t.same(
    plan.weakCandidates.map((q) => q.id),
    ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7', 'Q8', 'Q9', 'Q10', 'Q11', 'Q12'],
    'but only the composite\'s questions are candidates',
  );
});

t.test('九率一度: every one of the ten rated questions carries weight, so all are candidates', async (t) => {
  const { survey } = loadSurveyFile(`${paths.surveys}/shaanxi-9rates.yaml`);
  t.same(
    resultsPlan(survey).weakCandidates.map((q) => q.id),
    ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10'],
  );
});
