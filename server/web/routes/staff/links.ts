// A round's resident links: every grid in the user's scope with its link and QR code, and a printable A4 poster.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { periodLabel } from '../../../domain/rounds/period.js';
import type { Unit } from '../../../domain/units/unit.js';
import { GridNotFound } from '../../errors.js';
import { linkQrSvg } from '../../qr.js';
import { publicBaseOf } from '../../public-url.js';
import { GridLinkParams, LinksQuery, RoundParams } from '../../schemas/staff.js';
import { STAFF_LAYOUT, roundGridsInScope, roundInScope, residentLink, staffUser, unitInScope } from './context.js';

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
    // The townships and villages of those grids, for narrowing a long list down to the posters one office prints.
    const areas = new Map<string, { code: string; label: string }>();
    for (const grid of scoped) {
      for (const a of units.ancestors(grid.id)) {
        if (a.level !== 'township' && a.level !== 'village') continue;
        if (!areas.has(a.code)) areas.set(a.code, { code: a.code, label: a.level === 'village' ? `　${a.name}` : a.name });
      }
    }
    const filters = [...areas.values()]
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((f) => ({ ...f, selected: f.code === within?.code }));
    const rows = await Promise.all(
      grids.map(async (grid) => {
        const link = residentLink(base, grid.code);
        const parent = grid.parentId === null ? undefined : units.getById(grid.parentId);
        return { grid, parentName: parent?.name ?? '', link, qr: await linkQrSvg(link) };
      }),
    );
    return reply.view(
      'staff/links',
      {
        title: `群众填答链接 ${round.code}`,
        nav: 'rounds',
        round,
        period: periodLabel(round.period),
        within,
        rows,
        filters,
        publicUrlMissing: !configured,
        base,
      },
      STAFF_LAYOUT,
    );
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
    return reply.view(
      'staff/poster',
      {
        title: `${grid.name} 二维码海报`,
        nav: 'rounds',
        bodyClass: 'print-poster',
        round,
        grid,
        place,
        period: periodLabel(round.period),
        link,
        qr: await linkQrSvg(link),
        publicUrlMissing: !configured,
        base,
      },
      STAFF_LAYOUT,
    );
  });
};

export default linkRoutes;
