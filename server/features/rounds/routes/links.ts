// A round's resident links: every grid in the user's scope with its link and QR code, grouped by village, and the
// posters' shared settings (the public URL; the issuing body is shown, set at /admin/documents). One grid's poster is here too; batches are in posters.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { periodLabel } from '../../../core/time/period.js';
import { linkNotice } from '../core/link-ownership.js';
import type { Round } from '../../../core/rounds/round.js';
import type { Unit } from '../../../core/units/unit.js';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Repos } from '../../../platform/repos.js';
import { GridNotFound } from '../../../web/errors.js';
import { linkQrSvg } from '../../../outputs/images/qr.js';
import { publicBaseOf } from '../../../web/public-url.js';
import { groupLinksByVillage } from '../view-models/link-groups.js';
import { posterSheets } from '../../posters/view-model.js';
import { GridLinkParams, LinksQuery, RoundParams } from '../../../web/staff/schemas.js';
import { STAFF_LAYOUT, roundGridsInScope, roundInScope, residentLink, staffUser, unitInScope } from '../../../web/staff/context.js';
import { canEditPosterSettings, posterIssuingBody, postersOf } from '../../posters/routes/poster-data.js';

/** The townships and villages of these grids, for narrowing a long list down to the posters one office prints. */
function areaFilters(units: Repos['units'], grids: readonly Unit[], within: Unit | undefined) {
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
function linkRows(grids: readonly Unit[], base: string) {
  return Promise.all(
    grids.map(async (grid) => {
      const link = residentLink(base, grid.code);
      return { grid, link, qr: await linkQrSvg(link) };
    }),
  );
}

/** The grids of the round in the user's scope, in code order, narrowed to `within` when given. */
export function roundGridsWithin(app: FastifyInstance, user: StaffUser, round: Round, within: Unit | undefined): Unit[] {
  const units = app.repos.units;
  const scoped = roundGridsInScope(app, user, round)
    .map((id) => units.getById(id))
    .filter((g): g is Unit => g !== undefined)
    .sort((a, b) => a.code.localeCompare(b.code));
  return within ? scoped.filter((g) => units.isWithin(g.id, within.id)) : scoped;
}

/** What the poster settings form shows: the stored value, or what was just typed with its problems. */
export interface PosterSettingsForm {
  publicUrl: string;
  problems: string[];
}

export async function renderLinksPage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  place: { round: Round; within: Unit | undefined },
  form?: PosterSettingsForm,
) {
  const user = staffUser(request);
  const { round, within } = place;
  const units = app.repos.units;
  const { base, configured } = publicBaseOf(app, request);
  const grids = roundGridsWithin(app, user, round, within);
  const groups = groupLinksByVillage(await linkRows(grids, base), (g) => units.ancestors(g.id));
  for (const group of groups) if (within && group.parent?.code === within.code) group.open = true;
  const view = {
    title: `群众填答链接 ${round.code}`,
    nav: 'rounds',
    round,
    period: periodLabel(round.period),
    within,
    publicUrlMissing: !configured,
    // Whose answers these links collect when not this round's (another round holds them, or no web channel).
    linkNotice: round.state === 'closed' ? null : linkNotice(round, app.repos.rounds.webLinkHolder(round)),
    base,
    groups,
    gridCount: grids.length,
    filters: areaFilters(units, roundGridsWithin(app, user, round, undefined), within),
    issuingBody: posterIssuingBody(app),
    canEditSettings: canEditPosterSettings(user),
    settingsForm: form ?? { publicUrl: app.repos.settings.storedPublicUrl() ?? '', problems: [] },
    envPublicUrl: app.config.publicUrl,
  };
  return reply.view('staff/links', view, STAFF_LAYOUT);
}

const linkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/links', { schema: { params: RoundParams, querystring: LinksQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const within = request.query.unit ? unitInScope(app, user, request.query.unit) : undefined;
    return renderLinksPage(app, request, reply, { round, within });
  });

  app.get('/rounds/:code/links/:gridCode/poster', { schema: { params: GridLinkParams, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const grid = unitInScope(app, user, request.params.gridCode);
    if (grid.level !== 'grid' || !app.repos.rounds.coversGrid(round, grid.id)) throw new GridNotFound(request.params.gridCode);
    const batch = await postersOf(app, request, user, round, [grid]);
    const [poster] = batch.posters;
    const view = { title: `${grid.name} 二维码海报`, nav: 'rounds', bodyClass: 'print-poster', round, grid, poster };
    return reply.view('staff/poster', { ...view, ...batch, sheets: posterSheets(batch.posters, 1) }, STAFF_LAYOUT);
  });
};

export default linkRoutes;
