// Posters in bulk: every poster of a village, a township or the whole scope as one printable document (one, two or
// four to an A4 page), and the public URL every poster prints, set from the links page (the issuing body they print
// is set at /admin/documents).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { publicUrlProblem } from '../core/poster-rules.js';
import { Forbidden } from '../../../web/errors.js';
import { posterSheets, type PostersPerPage } from '../view-model.js';
import { RoundParams } from '../../../web/staff/schemas.js';
import { PosterSettingsBody, PostersQuery } from '../schemas.js';
import { STAFF_LAYOUT, actorOf, roundInScope, staffUser, unitInScope } from '../../../web/staff/context.js';
import { canEditPosterSettings, postersOf } from './poster-data.js';
import { renderLinksPage, roundGridsWithin } from '../../rounds/routes/links.js';

const PER_PAGE_CHOICES: readonly PostersPerPage[] = [1, 2, 4];

function perPageOf(text: string | undefined): PostersPerPage {
  return PER_PAGE_CHOICES.find((n) => String(n) === text) ?? 1;
}

const posterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/rounds/:code/posters', { schema: { params: RoundParams, querystring: PostersQuery, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    const round = roundInScope(app, user, request.params.code);
    const within = request.query.unit ? unitInScope(app, user, request.query.unit) : undefined;
    const per = perPageOf(request.query.per);
    const batch = await postersOf(app, request, user, round, roundGridsWithin(app, user, round, within));
    const unitPart = within ? `unit=${encodeURIComponent(within.code)}&` : '';
    const perChoices = PER_PAGE_CHOICES.map((n) => ({
      label: `${n} 张`,
      href: `/rounds/${encodeURIComponent(round.code)}/posters?${unitPart}per=${n}`,
      current: n === per,
    }));
    const view = {
      title: `${within?.name ?? '全部网格'} 二维码海报`,
      nav: 'rounds',
      bodyClass: 'print-poster',
      round,
      within,
      per,
      perChoices,
      posterCount: batch.posters.length,
      missingWorkers: batch.posters.filter((p) => !p.worker).length,
      sheets: posterSheets(batch.posters, per),
    };
    return reply.view('staff/posters', { ...batch, ...view }, STAFF_LAYOUT);
  });

  app.post('/rounds/:code/links/settings', { schema: { params: RoundParams, body: PosterSettingsBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    if (!canEditPosterSettings(user)) throw new Forbidden();
    const round = roundInScope(app, user, request.params.code);
    const publicUrl = request.body.publicUrl.trim().replace(/\/+$/, '');
    const problem = publicUrl === '' ? undefined : publicUrlProblem(publicUrl);
    if (problem !== undefined) {
      reply.code(400);
      return renderLinksPage(app, request, reply, { round, within: undefined }, { publicUrl, problems: [problem] });
    }
    app.repos.posters.setPublicUrl(publicUrl, actorOf(request));
    return reply.redirect(`/rounds/${encodeURIComponent(round.code)}/links#poster-settings`, 303);
  });
};

export default posterRoutes;
