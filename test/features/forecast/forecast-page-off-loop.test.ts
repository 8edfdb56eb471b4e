// The /forecast page and the forecast API computed in the results worker (features/forecast/forecast-page.ts) answer
// what the main thread computes, field for field, on the demo district (the forecast, plan, levers and back-test of
// both answer pools), for the default target and for ones asked for; a target that cannot be used is refused by both.
import t from 'tap';
import { build, logIn } from '../../kit/app.js';
import { DEMO_PASSWORD } from '../../../server/demo/seed.js';
import { answerForecast, type ForecastAsk } from '../../../server/features/forecast/forecast-page.js';
import { forecastViewInWorker } from '../../../server/features/results/live-results.js';
import { demoDatabase } from '../../kit/demo-db.js';


t.test('the worker computes the page and the API answer the main thread computes', async (t) => {
  const { app, repos } = await build(t, { from: await demoDatabase() });
  const closed = repos.rounds.list().find((r) => r.state === 'closed' && r.kind === 'monthly');
  if (!closed) throw new Error('the demo has closed months');
  const queries = [{}, { target: 'score' as const, score: '92', p: '80' }, { target: 'rank' as const, rank: '1' }, { target: 'score' as const, score: '一百零一' }];
  const asks: ForecastAsk[] = queries.flatMap((query) => [
    { view: 'page' as const, query },
    { view: 'api' as const, query, roundCode: null },
    { view: 'api' as const, query, roundCode: closed.code },
  ]);
  for (const ask of asks) {
    const here = answerForecast(repos, ask);
    t.same(await forecastViewInWorker(repos, ask), here, `${JSON.stringify(ask)}: the same from the worker`);
  }
  const page = answerForecast(repos, { view: 'page', query: {} });
  t.ok(page.view === 'page' && page.page.status === 200 && page.page.data.backtest, 'the default page carries the back-test');
  const refused = answerForecast(repos, { view: 'api', query: { target: 'score', score: '一百零一' }, roundCode: null });
  t.ok(refused.view === 'api' && refused.answer.refusal && refused.answer.reply === null, 'a target that is not a number is refused');

  // Through the routes: what the committee opens and what the API answers are the worker's.
  const s = await logIn(app, 'weifa', DEMO_PASSWORD);
  const res = await s.get('/forecast');
  t.equal(res.statusCode, 200);
  t.match(res.body, '正式民调预测');
  t.equal((await s.get(`/forecast?target=score&score=${encodeURIComponent('一百零一')}`)).statusCode, 400, 'a bad target is a 400 with the page');
  const api = await s.get('/api/forecast?target=score&score=92');
  t.equal(api.statusCode, 200);
  const expected = answerForecast(repos, { view: 'api', query: { target: 'score', score: '92' }, roundCode: null });
  t.same(JSON.parse(api.body), expected.view === 'api' ? JSON.parse(JSON.stringify(expected.answer.reply)) : null, 'the API replies the computed answer');
  t.equal((await s.get('/api/forecast?target=score&score=abc')).statusCode, 400, 'the API refuses a bad target with 400');
});
