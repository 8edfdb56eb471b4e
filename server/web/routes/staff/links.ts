// A round's resident links: every grid in the user's scope with its link and QR code, and a printable A4 poster.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { periodLabel } from '../../../domain/rounds/period.js';
import type { Unit } from '../../../domain/units/unit.js';
import type { UnitsRepo } from '../../../storage/units-repo.js';
import { GridNotFound } from '../../errors.js';
import { linkQrSvg } from '../../qr.js';
import { publicBaseOf } from '../../public-url.js';
import { GridLinkParams, LinksQuery, RoundParams } from '../../schemas/staff.js';
import { STAFF_LAYOUT, roundGridsInScope, roundInScope, residentLink, staffUser, unitInScope } from './context.js';

/** The townships and villages of these grids, for narrowing a long list down to the posters one office prints. */
function areaFilters(units: UnitsRepo, grids: readonly Unit[], within: Unit | undefined) {
  const areas = new Map<string, { code: string; label: string }>();
  for (const grid of grids) {
    for (const a of units.ancestors(grid.id)) {
      if (a.level !== 'township' && a.level !== 'village') continue;
      if (!areas.has(a.code)) areas.set(a.code, { code: a.code, label: a.level === 'village' ? `　${a.name}` : a.name });
    }
  }
  return [...areas.values()]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((f) => ({ ...f, selected: f.code === within?.code }));
}

/** Each grid's link and QR code (none when the link is too long for one). */
function linkRows(units: UnitsRepo, grids: readonly Unit[], base: string) {
  return Promise.all(
    grids.map(async (grid) => {
      const link = residentLink(base, grid.code);
      const parent = grid.parentId === null ? undefined : units.getById(grid.parentId);
      return { grid, parentName: parent?.name ?? '', link, qr: await linkQrSvg(link) };
    }),
  );
}

const linkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const units = app.repos.units;

  app.get('/rounds/:code/links', { schema: { params: RoundParams, querystring: LinksQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const within = request.query.unit ? unitInScope(app, user, request.query.unit) : undefined;
    const { base, configured } = publicBaseOf(app, request);
    const scoped = roundGridsInScope(app, user, round)
      .map((id) => units.getById(id))
      .filter((g): g is Unit => g !== undefined)
      .sort((a, b) => a.code.localeCompare(b.code));
    const grids = within ? scoped.filter((g) => units.isWithin(g.id, within.id)) : scoped;
    const view = { nav: 'rounds', round, period: periodLabel(round.period), within, publicUrlMissing: !configured, base };
    const rows = await linkRows(units, grids, base);
    const filters = areaFilters(units, scoped, within);
    return reply.view('staff/links', { title: `群众填答链接 ${round.code}`, ...view, rows, filters }, STAFF_LAYOUT);
  });

  app.get('/rounds/:code/links/:gridCode/poster', { schema: { params: GridLinkParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const grid = unitInScope(app, user, request.params.gridCode);
    if (grid.level !== 'grid' || !app.repos.rounds.coversGrid(round, grid.id)) throw new GridNotFound(request.params.gridCode);
    const { base, configured } = publicBaseOf(app, request);
    const link = residentLink(base, grid.code);
    // The poster names the grid with its village and township so that residents recognise it.
    const place = [...units.ancestors(grid.id).filter((a) => a.level !== 'district'), grid].map((u) => u.name).join(' ');
    const view = { nav: 'rounds', bodyClass: 'print-poster', round, grid, place, period: periodLabel(round.period) };
    const qr = await linkQrSvg(link);
    return reply.view(
      'staff/poster',
      { title: `${grid.name} 二维码海报`, ...view, link, qr, publicUrlMissing: !configured, base },
      STAFF_LAYOUT,
    );
  });
};

export default linkRoutes;
