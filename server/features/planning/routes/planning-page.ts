// GET /planning — the sample planner page (抽样设计建议, docs/statistics.md#planner-page): pick a closed round and a
// level; the district's model figures, the reliability and size of the user's own units, the table and the paragraph.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Forbidden } from '../../../web/errors.js';
import { STAFF_LAYOUT, roundInScope, staffUser } from '../../../web/staff/context.js';
import { canUsePlanner } from '../core/access.js';
import { plannerPage } from '../planning-service.js';
import { plannerPageOf } from '../view-models/planning.js';
import { PlanningPageQuery } from '../schemas.js';

const planningPageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/planning', { schema: { querystring: PlanningPageQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    if (!canUsePlanner(user)) throw new Forbidden();
    const { round, level = 'grid' } = request.query;
    // A round typed into the address: 404 when unknown, 403 outside the user's scope (as every round page).
    if (round) roundInScope(app, user, round);
    const view = plannerPageOf(plannerPage(app.repos, user, level, round || undefined), level);
    return reply.view('staff/planning', { title: '抽样设计建议', nav: 'planning', ...view }, STAFF_LAYOUT);
  });
};

export default planningPageRoutes;
