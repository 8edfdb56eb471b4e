// GET /forecast — the official poll's forecast (docs/statistics.md#forecast): expected score, its 80% and 95% ranges at the
// official sample size, the chance of each rank among the peers, what it would take to reach a target, the strongest
// levers, the back-test against past official results, and what the forecast ignores. Committee and administrators.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canUseForecast } from '../core/access.js';
import { checkTarget } from '../core/target.js';
import { CAVEATS } from '../core/forecast.js';
import { computeForecast } from '../forecast.js';
import { DEFAULT_WANTED, defaultTarget, forecastBacktest, forecastLevers, forecastPlan, targetProblem } from '../forecast-plan.js';
import { forecastPageOf } from '../view-models/forecast.js';
import { ForecastQuery } from '../schemas.js';
import { Forbidden } from '../../../web/errors.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';

const forecastRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/forecast', { schema: { querystring: ForecastQuery, hide: true } }, async (request, reply) => {
    if (!canUseForecast(staffUser(request))) throw new Forbidden();
    const state = computeForecast(app.repos);
    const page = { title: '正式民调预测', nav: 'forecast' };
    if (!state.ok) return reply.view('staff/forecast', { ...page, reason: state.reason, caveats: CAVEATS }, STAFF_LAYOUT);
    const fallback = defaultTarget(state);
    const q = request.query;
    const asked = checkTarget(q, fallback, DEFAULT_WANTED);
    const targetError = asked.ok ? targetProblem(state, asked.target) : asked.message;
    const choice = asked.ok && targetError === null ? asked : { target: fallback, wanted: DEFAULT_WANTED };
    const plan = forecastPlan(app.repos, state, choice.target, choice.wanted);
    const view = forecastPageOf(state, plan, forecastLevers(state), forecastBacktest(app.repos));
    const form = {
      kind: choice.target.kind,
      score: q.score ?? (choice.target.kind === 'score' ? String(choice.target.score) : ''),
      rank: q.rank ?? (choice.target.kind === 'rank' ? String(choice.target.rank) : ''),
      p: q.p ?? String(Math.round(choice.wanted * 100)),
    };
    return reply.code(targetError ? 400 : 200).view('staff/forecast', { ...page, ...view, form, targetError, hasPeers: state.peers.length > 0 }, STAFF_LAYOUT);
  });
};

export default forecastRoutes;
