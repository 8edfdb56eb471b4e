// The "通报" entry of the navigation: the rounds of the user's scope, newest first, each with its bulletin.
// The bulletin pages themselves are served by ../bulletin.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { roundTouchesScope } from '../../../core/auth/scope.js';
import { periodLabel } from '../../../core/time/period.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';
import { ROUND_KIND_LABELS, ROUND_STATE_LABELS } from '../../../core/rounds/round.js';

const bulletinIndexRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/bulletins', { schema: { hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const rounds = app.repos.rounds
      .list()
      .filter((r) => r.state !== 'draft' && roundTouchesScope(user, r.unitIds, app.repos.units))
      .map((round) => ({ round, period: periodLabel(round.period), kindName: ROUND_KIND_LABELS[round.kind], stateName: ROUND_STATE_LABELS[round.state] }));
    return reply.view('staff/bulletins', { title: '通报', nav: 'bulletins', rounds }, STAFF_LAYOUT);
  });
};

export default bulletinIndexRoutes;
