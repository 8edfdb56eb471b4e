// What the roster page shows, built from plain values: the scope's grids, the counts table, the list rows (masked
// numbers only) and the filter choices.
import type { StaffUser } from '../../../core/auth/staff.js';
import { seesEverything } from '../../../core/auth/scope.js';
import type { UnitTreeIndex } from '../../../core/units/tree.js';
import {
  CONTACT_STATUSES, CONTACT_STATUS_LABELS, DEFAULT_CONTACT_CATEGORIES, NO_CATEGORY_LABEL, type Contact,
} from '../../../core/calls/contact.js';
import type { RosterImportError } from '../core/import.js';
import { describeRosterError } from '../core/import.js';
import type { CategoryCount } from '../contacts-repo.js';
import type { RosterQuery } from '../schemas.js';

/** The grids a user's roster pages cover: every grid for the committee, the grids below (or at) the user's unit. */
export function scopeGridIds(user: StaffUser, tree: UnitTreeIndex): number[] {
  if (seesEverything(user)) return tree.all().filter((u) => u.level === 'grid').map((u) => u.id);
  if (user.unitId === null) return [];
  const own = tree.byId(user.unitId);
  if (!own) return [];
  return own.level === 'grid' ? [own.id] : tree.descendants(own.id, 'grid').map((g) => g.id);
}

/** What a roster search looked for and how it went (roster-search.ts). */
export interface RosterSearchResult {
  /** "号码 138****1234" or "姓名含“张”"; empty after a problem. */
  label: string;
  /** What the search box shows again (a name; never a number). */
  typed: string;
  problem?: string;
  /** More matched than are shown. */
  more?: boolean;
}

export interface RosterPageInput {
  user: StaffUser;
  query: RosterQuery;
  contacts: Contact[];
  counts: CategoryCount[];
  total: number;
  page: number;
  pages: number;
  prev?: string;
  next?: string;
  /** This page's query string, for the status forms to come back to. */
  here: string;
  canEdit: boolean;
  /** Problems of a refused import, shown above the form. */
  importErrors?: RosterImportError[];
  /** The pasted CSV of a refused import, back in its box to be fixed. */
  pastedCsv?: string;
  /** The list shows a search's results instead of a page. */
  search?: RosterSearchResult;
  /** The contact whose status was just set from a search's results. */
  marked?: Contact;
}

const MAX_ERRORS_SHOWN = 200;

function countsTable(counts: CategoryCount[]) {
  const byCategory = new Map<string, Map<string, number>>();
  for (const c of counts) {
    const key = c.category ?? NO_CATEGORY_LABEL;
    const row = byCategory.get(key) ?? new Map<string, number>();
    row.set(c.status, (row.get(c.status) ?? 0) + c.n);
    byCategory.set(key, row);
  }
  const rows = [...byCategory].map(([category, row]) => ({
    category,
    cells: CONTACT_STATUSES.map((s) => row.get(s) ?? 0),
    total: [...row.values()].reduce((a, b) => a + b, 0),
  }));
  const totals = CONTACT_STATUSES.map((_, i) => rows.reduce((a, r) => a + r.cells[i], 0));
  return { rows, totals, total: totals.reduce((a, b) => a + b, 0) };
}

export function rosterPage(tree: UnitTreeIndex, input: RosterPageInput) {
  const { user, query, counts } = input;
  const gridOf = (id: number) => {
    const unit = tree.byId(id);
    return { code: unit?.code ?? '', name: unit?.name ?? String(id) };
  };
  const grids = scopeGridIds(user, tree).map(gridOf);
  const categories = [...new Set([...DEFAULT_CONTACT_CATEGORIES, ...counts.flatMap((c) => (c.category === null ? [] : [c.category]))])];
  const rows = input.contacts.map((c) => ({
    contact: c,
    grid: gridOf(c.gridId),
    categoryName: c.category ?? NO_CATEGORY_LABEL,
    statusName: CONTACT_STATUS_LABELS[c.status],
    otherStatuses: CONTACT_STATUSES.filter((s) => s !== c.status).map((s) => ({ value: s, label: CONTACT_STATUS_LABELS[s] })),
  }));
  const errors = input.importErrors ?? [];
  return {
    filter: { grid: query.grid ?? '', category: query.category ?? '', status: query.status ?? '' },
    grids,
    categories,
    statuses: CONTACT_STATUSES.map((s) => ({ value: s, label: CONTACT_STATUS_LABELS[s] })),
    statusLabels: CONTACT_STATUSES.map((s) => CONTACT_STATUS_LABELS[s]),
    table: countsTable(counts),
    rows,
    total: input.total,
    page: input.page,
    pages: input.pages,
    prev: input.prev,
    next: input.next,
    here: input.here,
    canEdit: input.canEdit,
    imported: query.imported,
    importErrors: errors.slice(0, MAX_ERRORS_SHOWN).map(describeRosterError),
    importErrorCount: errors.length,
    moreErrors: Math.max(0, errors.length - MAX_ERRORS_SHOWN),
    pastedCsv: input.pastedCsv ?? '',
    defaultCategories: DEFAULT_CONTACT_CATEGORIES,
    search: input.search,
    marked: input.marked ? { masked: input.marked.masked, statusName: CONTACT_STATUS_LABELS[input.marked.status] } : undefined,
  };
}
