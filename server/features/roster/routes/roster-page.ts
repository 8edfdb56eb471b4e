// The roster list page's data for a request: the filters (inside the user's scope), one page of contacts and the
// scope's counts. Shared by the list route and the import routes, which re-show the page with a refused file's problems.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import { canEditRoster } from '../core/access.js';
import { contactStatusOf, type Contact, type ContactStatus } from '../../../core/calls/contact.js';
import type { ContactFilter } from '../contacts-repo.js';
import type { RosterQuery } from '../schemas.js';
import { BadRequest } from '../../../web/errors.js';
import { staffUser, unitInScope } from '../../../web/staff/context.js';
import { rosterPage, scopeGridIds, type RosterPageInput } from './roster-view.js';

const PAGE_SIZE = 50;
export const FILTER_KEYS = ['grid', 'category', 'status', 'page'] as const;

/** The list's filters as a query string (`?grid=…&page=2`), keeping only the keys the list knows. */
export function rosterQueryString(values: Partial<Record<(typeof FILTER_KEYS)[number], string | number | undefined>>): string {
  const p = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = values[key];
    if (v !== undefined && v !== '') p.set(key, String(v));
  }
  const text = p.toString();
  return text === '' ? '' : `?${text}`;
}

function statusFilter(text: string | undefined): ContactStatus | undefined {
  if (text === undefined || text === '') return undefined;
  const status = contactStatusOf(text);
  if (!status) throw new BadRequest(`未知的号码状态“${text}”`);
  return status;
}

/** The filter a page asks for, inside the user's scope (a grid or other unit outside it answers 403). */
function filterOf(app: FastifyInstance, user: StaffUser, query: RosterQuery): ContactFilter {
  const tree = app.repos.units.tree();
  let gridIds = scopeGridIds(user, tree);
  if (query.grid) {
    const unit = unitInScope(app, user, query.grid);
    gridIds = unit.level === 'grid' ? [unit.id] : tree.descendants(unit.id, 'grid').map((g) => g.id);
  }
  const category = query.category?.trim() ? query.category.trim() : undefined;
  return { gridIds, category, status: statusFilter(query.status) };
}

/** What the list shows: a search's results (one page, no paging), or the page of the filtered list asked for. */
function listOf(app: FastifyInstance, query: RosterQuery, filter: ContactFilter, found: Contact[] | undefined) {
  if (found) return { contacts: found, total: found.length, page: 1, pages: 1, prev: undefined, next: undefined };
  const total = app.repos.contacts.count(filter);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page ?? 1, pages);
  const link = (p: number) => `/roster${rosterQueryString({ ...query, page: p, imported: undefined } as Record<string, string | number | undefined>)}`;
  return {
    contacts: app.repos.contacts.list(filter, PAGE_SIZE, (page - 1) * PAGE_SIZE), total, page, pages,
    prev: page > 1 ? link(page - 1) : undefined,
    next: page < pages ? link(page + 1) : undefined,
  };
}

export async function renderRoster(app: FastifyInstance, request: FastifyRequest, query: RosterQuery, extra: Partial<RosterPageInput> & { found?: Contact[] } = {}) {
  const user = staffUser(request);
  const filter = filterOf(app, user, query);
  const scope: ContactFilter = { gridIds: scopeGridIds(user, app.repos.units.tree()) };
  const { found, ...rest } = extra;
  const list = listOf(app, query, filter, found);
  // The notice after a mark from the search results, for a contact the user may see.
  const marked = query.marked === undefined ? undefined : app.repos.contacts.getById(query.marked);
  return rosterPage(app.repos.units.tree(), {
    user, query, ...list,
    counts: app.repos.contacts.countsByCategory(scope),
    here: rosterQueryString({ ...query, page: list.page } as Record<string, string | number | undefined>),
    canEdit: canEditRoster(user),
    marked: marked && scope.gridIds.includes(marked.gridId) ? marked : undefined,
    ...rest,
  });
}
