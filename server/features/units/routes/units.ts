// The unit tree (district → township → village → grid) of the user's scope, and one unit with its children.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canSeeUnit, scopeRootIds } from '../../../core/auth/scope.js';
import { buildUnitTree } from '../../../core/units/tree-summary.js';
import { LEVEL_LABELS } from '../../../core/units/unit.js';
import type { Unit } from '../../../core/units/unit.js';
import type { GridWorkerInput } from '../../../core/units/grid-worker.js';
import { UnitParams } from '../../../web/staff/schemas.js';
import { STAFF_LAYOUT, publicBase, residentLink, staffUser, unitInScope } from '../../../web/staff/context.js';
import { gridWorker } from '../../posters/posters-service.js';

/** The grid worker form as shown: the stored worker, or what was just typed with its problems. */
export interface GridWorkerForm extends GridWorkerInput {
  problems: string[];
  saved?: boolean;
}

/** A unit with its whole subtree, ready for buildUnitTree. */
function subtree(app: FastifyInstance, unit: Unit): Unit[] {
  return [unit, ...app.repos.units.descendants(unit.id)];
}

/** One unit's page; a grid's carries its worker form (`form` when re-shown after a refusal). */
export function renderUnitPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, unit: Unit, form?: GridWorkerForm) {
  const user = staffUser(request);
  const units = app.repos.units;
  const [node] = buildUnitTree(subtree(app, unit), [unit.id]);
  // Ancestors above the user's scope are shown as names only, without a link the user could not follow.
  const ancestors = units.ancestors(unit.id).map((a) => ({ unit: a, linked: canSeeUnit(user, a.id, units) }));
  const isGrid = unit.level === 'grid';
  const round = isGrid ? app.repos.rounds.openRoundForGrid(unit.id) : undefined;
  const worker = isGrid ? gridWorker(app.repos, unit.id) : undefined;
  return reply.view(
    'staff/unit',
    {
      title: unit.name,
      nav: 'units',
      node,
      levelName: LEVEL_LABELS[unit.level],
      ancestors,
      childLevelName: node.children[0]?.levelName ?? '下级单位',
      isGrid,
      openRound: round,
      link: round ? residentLink(publicBase(app, request), unit.code) : undefined,
      worker,
      workerForm: form ?? { name: worker?.name ?? '', phone: worker?.phone ?? '', problems: [] },
    },
    STAFF_LAYOUT,
  );
}

const unitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const units = app.repos.units;

  app.get('/units', { schema: { hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const rootIds = scopeRootIds(user, units.roots().map((u) => u.id));
    const roots = rootIds.map((id) => units.getById(id)).filter((u): u is Unit => u !== undefined);
    const tree = buildUnitTree(roots.flatMap((root) => subtree(app, root)), rootIds);
    return reply.view('staff/units', { title: '单位', nav: 'units', tree, unitCount: units.count() }, STAFF_LAYOUT);
  });

  app.get('/units/:code', { schema: { params: UnitParams, hide: true } }, async (request, reply) => {
    const unit = unitInScope(app, staffUser(request), request.params.code);
    return renderUnitPage(app, request, reply, unit);
  });
};

export default unitRoutes;
