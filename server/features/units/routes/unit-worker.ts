// A grid's worker (name and work phone) for its posters: set from the grid's page by anyone whose scope holds the
// grid, the grid worker included. A refused form comes back with what was typed; the phone never reaches a log.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { checkGridWorker } from '../../../core/units/grid-worker.js';
import { BadRequest } from '../../../web/errors.js';
import { UnitParams } from '../../../web/staff/schemas.js';
import { GridWorkerBody } from '../../posters/schemas.js';
import { actorOf, staffUser, unitInScope } from '../../../web/staff/context.js';
import { renderUnitPage } from './units.js';
import { setGridWorker } from '../../posters/posters-service.js';

const unitWorkerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/units/:code/worker', { schema: { params: UnitParams, body: GridWorkerBody, hide: true } }, async (request, reply) => {
    const unit = unitInScope(app, staffUser(request), request.params.code);
    if (unit.level !== 'grid') throw new BadRequest('只有网格可以登记网格员');
    const input = { name: request.body.workerName, phone: request.body.workerPhone };
    const checked = checkGridWorker(input);
    if (!checked.ok) {
      reply.code(400);
      return renderUnitPage(app, request, reply, unit, { ...input, problems: checked.problems });
    }
    setGridWorker(app.repos, unit, checked.worker, actorOf(request));
    return reply.redirect(`/units/${encodeURIComponent(unit.code)}#worker`, 303);
  });
};

export default unitWorkerRoutes;
