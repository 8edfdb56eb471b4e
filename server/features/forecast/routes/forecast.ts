// GET /forecast — the official poll's forecast (docs/statistics.md#forecast): expected score, its 80% and 95% ranges at the
// official sample size, the chance of each rank among the peers, what it would take to reach a target, the strongest
// levers, the back-test against past official results, and what the forecast ignores. Committee and administrators.
// Computed in the results worker (forecast-page.ts says why); in place when there is none (an in-memory database).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canUseForecast } from '../core/access.js';
import { forecastOffLoop } from '../../results/live-results.js';
import { ForecastQuery } from '../schemas.js';
import { Forbidden } from '../../../web/errors.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';

const forecastRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/forecast', { schema: { querystring: ForecastQuery, hide: true } }, async (request, reply) => {
    if (!canUseForecast(staffUser(request))) throw new Forbidden();
    const answer = await forecastOffLoop(app.repos, { view: 'page', query: request.query });
    if (answer.view !== 'page') throw new Error('the forecast worker answered another question');
    const { page } = answer;
    return reply.code(page.status).view('staff/forecast', { title: '正式民调预测', nav: 'forecast', ...page.data }, STAFF_LAYOUT);
  });
};

export default forecastRoutes;
