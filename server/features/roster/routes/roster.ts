// The roster (民调数据库) of the user's scope: counts per category and status, the list with masked numbers only,
// filters and paging, and marking a number 空号/停机/拒绝再访/正常. Imports: roster-import.ts; search: roster-search.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { canSeeUnit } from '../../../core/auth/scope.js';
import { canEditRoster } from '../core/access.js';
import { contactStatusOf } from '../../../core/calls/contact.js';
import { RosterConflict } from '../contacts-repo.js';
import { ContactParams, ContactStatusBody, RosterQuery } from '../schemas.js';
import { BadRequest, Conflict, ContactNotFound, Forbidden } from '../../../web/errors.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';
import { FILTER_KEYS, renderRoster, rosterQueryString } from './roster-page.js';
import rosterImportRoutes from './roster-import.js';
import rosterSearchRoutes from './roster-search.js';

/** Where to go back to after a status change: the same list page, filters kept (never another site). */
function backTo(back: string | undefined): string {
  const params = new URLSearchParams(back?.startsWith('?') ? back.slice(1) : '');
  return `/roster${rosterQueryString(Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])))}`;
}

const rosterRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/roster', { schema: { querystring: RosterQuery, hide: true } }, async (request, reply) => {
    const data = await renderRoster(app, request, request.query);
    return reply.view('staff/roster', { title: '民调数据库', nav: 'roster', ...data }, STAFF_LAYOUT);
  });

  app.post('/roster/:id/status', { schema: { params: ContactParams, body: ContactStatusBody, hide: true } }, async (request, reply) => {
    const user = staffUser(request);
    if (!canEditRoster(user)) throw new Forbidden();
    const contact = app.repos.contacts.getById(request.params.id);
    // A contact outside the user's scope reads as absent: its existence is not theirs to learn.
    if (!contact || !canSeeUnit(user, contact.gridId, app.repos.units.tree())) throw new ContactNotFound();
    const from = contactStatusOf(request.body.from);
    const to = contactStatusOf(request.body.to);
    if (!from || !to) throw new BadRequest('号码状态无效');
    try {
      app.repos.contacts.setStatus(contact.id, from, to, user.id);
    } catch (err) {
      if (err instanceof RosterConflict) throw new Conflict(err.message);
      throw err;
    }
    return reply.redirect(request.body.found === '1' ? `/roster?marked=${contact.id}` : backTo(request.body.back), 303);
  });

  await app.register(rosterImportRoutes);
  await app.register(rosterSearchRoutes);
};

export default rosterRoutes;
