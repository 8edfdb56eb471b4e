// Finding one resident in the roster: a POST, so that a whole number typed into the box never sits in a
// URL, a browser history or an access log. The number is matched by its keyed hash and shown masked; a name is
// matched in part. Contacts outside the user's scope read as not found. The results are the list's rows, with the
// same status forms, so staff can mark 拒绝再访 at once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import type { Contact } from '../../../core/calls/contact.js';
import { readRosterSearch } from '../core/search.js';
import { RosterSearchBody } from '../schemas.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';
import { renderRoster } from './roster-page.js';
import { scopeGridIds, type RosterSearchResult } from './roster-view.js';

/** At most this many contacts by name: a search finds a resident, it does not list a village. */
const MAX_FOUND = 50;

function search(app: FastifyInstance, user: StaffUser, typed: string): { result: RosterSearchResult; contacts: Contact[] } {
  const read = readRosterSearch(typed);
  const gridIds = scopeGridIds(user, app.repos.units.tree());
  // What was typed comes back in the box, unless it holds digits: part of a number is not shown again either.
  if (read.kind === 'problem') return { result: { label: '', typed: /[\d\uFF10-\uFF19]/.test(typed) ? '' : typed, problem: read.message }, contacts: [] };
  if (read.kind === 'number') {
    const contact = app.repos.contacts.findByNumber(read.phone.canonical);
    const inScope = contact !== undefined && gridIds.includes(contact.gridId);
    // The box is left empty: the page never shows the whole number, not even the one just typed.
    return { result: { label: `号码 ${read.phone.masked}`, typed: '' }, contacts: inScope ? [contact] : [] };
  }
  const contacts = app.repos.contacts.findByName(gridIds, read.text, MAX_FOUND);
  return { result: { label: `姓名含“${read.text}”`, typed: read.text, more: contacts.length >= MAX_FOUND }, contacts };
}

const rosterSearchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/roster/search', { schema: { body: RosterSearchBody, hide: true } }, async (request, reply) => {
    const { result, contacts } = search(app, staffUser(request), request.body.q);
    const data = await renderRoster(app, request, {}, { search: result, found: contacts });
    reply.header('cache-control', 'no-store');
    return reply.code(result.problem ? 422 : 200).view('staff/roster', { title: '民调数据库', nav: 'roster', ...data }, STAFF_LAYOUT);
  });
};

export default rosterSearchRoutes;
