// The receipts list page (回执单) for a query: one page of the user's receipts, the filter form, and the forms over a
// round (a village's waiting receipts handed on at once, the round's default days). A refused list form (a due date,
// a number of days) comes back here with its message and what was typed, rather than on an error page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { StaffUser } from '../../../core/auth/staff.js';
import { can } from '../../../core/auth/permissions.js';
import { assignableStaff } from '../../accounts/accounts-service.js';
import { DEFAULT_DUE_DAYS, dueDateRange } from '../core/deadline.js';
import type { ReceiptsQuery } from '../schemas.js';
import { receiptRow } from '../view-model.js';
import { STAFF_LAYOUT, staffUser } from '../../../web/staff/context.js';
import { lookupsOf } from './receipt-context.js';
import { filterChoices, filterQuery, readFilter, type ReadFilter } from './receipt-filters.js';

const PAGE_SIZE = 30;

/** The bulk form: offered to township staff and above when one village of one round is shown. */
function bulkForm(app: FastifyInstance, user: StaffUser, read: ReadFilter) {
  if (!can(user, 'receipt.assign').allowed || !read.round || read.unit?.level !== 'village') return undefined;
  const village = read.unit;
  const waiting = app.repos.receipts.search.page({ ...read.filter, state: 'open', overdue: false, assigneeId: null, text: null, questionId: null }, { offset: 0, limit: 0 }).total;
  const staff = assignableStaff(app.repos, { within: village.id }).map((u) => ({ value: `user:${u.id}`, label: u.displayName }));
  return { round: read.round.code, village: { code: village.code, name: village.name }, waiting, dueRange: dueDateRange(new Date()), choices: [{ value: `unit:${village.code}`, label: `${village.name}（村/社区）` }, ...staff] };
}

/** A list form sent back with its message and what was typed. */
export interface ReceiptListFormState {
  form: 'bulk' | 'dueDays';
  message: string;
  typed: Readonly<Record<string, string | undefined>>;
}

export function renderReceiptList(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, q: ReceiptsQuery, failed?: ReceiptListFormState, status = 200) {
  const user = staffUser(request);
  const read = readFilter(app, user, q);
  const now = new Date();
  const pageOf = (n: number) => app.repos.receipts.search.page(read.filter, { offset: (n - 1) * PAGE_SIZE, limit: PAGE_SIZE }, now);
  let page = q.page ?? 1;
  let found = pageOf(page);
  const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
  // A page past the end (the list shrank since the link was made) shows the last one.
  if (page > pages) found = pageOf((page = pages));
  const { total, receipts } = found;
  const look = lookupsOf(app);
  const typed = failed?.typed ?? {};
  const bulk = bulkForm(app, user, read);
  const days = read.round ? app.repos.receipts.dueDays(read.round.id) ?? DEFAULT_DUE_DAYS : DEFAULT_DUE_DAYS;
  return reply.code(status).view(
    'staff/receipts',
    {
      title: '回执单',
      nav: 'receipts',
      query: { ...q, overdue: q.overdue === '1' },
      choices: filterChoices(app, user, read.round),
      rows: receipts.map((r) => receiptRow(r, look, now)),
      total,
      page,
      pages,
      prev: page > 1 ? `/receipts${filterQuery(q, page - 1)}` : undefined,
      next: page < pages ? `/receipts${filterQuery(q, page + 1)}` : undefined,
      mine: user.role === 'grid' ? '/receipts?assignee=me' : undefined,
      bulk: bulk && {
        ...bulk,
        due: failed?.form === 'bulk' ? typed.due ?? '' : '',
        choices: bulk.choices.map((c) => ({ ...c, selected: failed?.form === 'bulk' && c.value === typed.assignee })),
      },
      dueDays: read.round && can(user, 'receipt.setDueDays').allowed ? { round: read.round.code, days: failed?.form === 'dueDays' ? typed.days ?? '' : days } : undefined,
      errors: failed ? { [failed.form]: failed.message } : {},
    },
    STAFF_LAYOUT,
  );
}
