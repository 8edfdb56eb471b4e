// the forecast never rescales window weights silently. Weights that add to 100% are used as typed; when
// fewer closed rounds exist than the window names (or weights were saved before they had to add to 100%), the
// shares are rescaled and the forecast says so.
import t from 'tap';
import { testDb } from '../../../kit/app.js';
import { R_DATA, answerGrids, smallRound } from '../../../kit/results-domain.js';
import { computeForecast } from '../../../../server/features/forecast/forecast.js';
import { forecastPageOf } from '../../../../server/features/forecast/view-models/forecast.js';
import { forecastLevers, forecastPlan, defaultTarget, forecastBacktest, DEFAULT_WANTED } from '../../../../server/features/forecast/forecast-plan.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

t.test('a window that names more rounds than are closed is rescaled, and says so', async (t) => {
  const { repos } = testDb(t);
  const s = smallRound(repos, t);
  answerGrids(repos, s, R_DATA);
  closeRoundById(repos, s.round.id);
  const by = { userId: null, client: null };
  repos.forecast.saveSettings({ surveyKey: 'test-small', sampleSize: 200, windowWeights: [1] }, by);
  const exact = computeForecast(repos);
  if (!exact.ok) throw new Error(exact.reason);
  t.equal(exact.basis.rescaled, false, 'weights that add to 1 are used as set');
  repos.forecast.saveSettings({ surveyKey: 'test-small', sampleSize: 200, windowWeights: [0.5, 0.3, 0.2] }, by);
  const short = computeForecast(repos);
  if (!short.ok) throw new Error(short.reason);
  t.same(short.basis.rounds.map((r) => r.share), [1], 'one closed round carries the whole window');
  t.equal(short.basis.rescaled, true, 'and the forecast knows it was rescaled');
  const page = forecastPageOf(short, forecastPlan(repos, short, defaultTarget(short), DEFAULT_WANTED), forecastLevers(short), forecastBacktest(repos));
  t.equal(page.basis.rescaled, true, 'the page is told, to say so');
});
