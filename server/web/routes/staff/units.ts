// The unit tree (district → township → village → grid) of the user's scope, and one unit with its children.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canSeeUnit, scopeRootIds } from '../../../domain/auth/scope.js';
import { buildUnitTree } from '../../../domain/units/tree-summary.js';
import { LEVEL_LABELS } from '../../../domain/units/unit.js';
import type { Unit } from '../../../domain/units/unit.js';
import { UnitParams } from '../../schemas/staff.js';
import { STAFF_LAYOUT, publicBase, residentLink, staffUser, unitInScope } from './context.js';

const unitRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const units = app.repos.units;

  /** A unit with its whole subtree, ready for buildUnitTree. */
  const subtree = (unit: Unit): Unit[] => [unit, ...units.descendants(unit.id)];

  app.get('/units', { schema: { hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const rootIds = scopeRootIds(user, units.roots().map((u) => u.id));
    const roots = rootIds.map((id) => units.getById(id)).filter((u): u is Unit => u !== undefined);
    const tree = buildUnitTree(roots.flatMap(subtree), rootIds);
    return reply.view('staff/units', { title: '单位', nav: 'units', tree, unitCount: units.count() }, STAFF_LAYOUT);
  });

  app.get('/units/:code', { schema: { params: UnitParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const unit = unitInScope(app, user, request.params.code);
    const [node] = buildUnitTree(subtree(unit), [unit.id]);
    // Ancestors above the user's scope are shown as names only, without a link the user could not follow.
    const ancestors = units.ancestors(unit.id).map((a) => ({ unit: a, linked: canSeeUnit(user, a.id, units) }));
    const round = unit.level === 'grid' ? app.repos.rounds.openRoundForGrid(unit.id) : undefined;
    return reply.view(
      'staff/unit',
      {
        title: unit.name,
        nav: 'units',
        node,
        levelName: LEVEL_LABELS[unit.level],
        ancestors,
        childLevelName: node.children[0]?.levelName ?? '下级单位',
        isGrid: unit.level === 'grid',
        openRound: round,
        link: round ? residentLink(publicBase(app, request), unit.code) : undefined,
      },
      STAFF_LAYOUT,
    );
  });
};

export default unitRoutes;
