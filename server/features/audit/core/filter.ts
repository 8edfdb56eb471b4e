// The audit page's filter (docs/rules.md#audit-log): by action or group, by account, by a date range in China time
// and by round. Parsed here from what the query string says, with Chinese messages for what cannot be used.
import { chinaDayStart } from '../../../core/time/china-time.js';

export interface AuditFilter {
  /** Exact action, or a prefix ending in '.' (a group), or undefined for all. */
  action?: string;
  userId?: number;
  /** Inclusive lower bound, an ISO instant. */
  fromIso?: string;
  /** Exclusive upper bound, an ISO instant (the start of the day after the last day asked for). */
  toIso?: string;
  /** The round's code and id: entries name rounds by code (round.*) or by id (receipt.*). */
  round?: { code: string; id: number };
}

export interface AuditFilterInput {
  action?: string;
  user?: string;
  from?: string;
  to?: string;
}

export interface ParsedAuditFilter {
  filter: AuditFilter;
  errors: string[];
}

/** The filter the query asks for; a bad date is left out of the filter and named in `errors`. */
export function parseAuditFilter(input: AuditFilterInput): ParsedAuditFilter {
  const filter: AuditFilter = {};
  const errors: string[] = [];
  if (input.action) filter.action = input.action;
  if (input.user && /^\d+$/.test(input.user)) filter.userId = Number(input.user);
  if (input.from) {
    filter.fromIso = chinaDayStart(input.from);
    if (!filter.fromIso) errors.push(`起始日期无效：${input.from}（格式为 年-月-日，如 2026-01-31）`);
  }
  if (input.to) {
    filter.toIso = chinaDayStart(input.to, 1);
    if (!filter.toIso) errors.push(`截止日期无效：${input.to}（格式为 年-月-日，如 2026-01-31）`);
  }
  if (filter.fromIso && filter.toIso && filter.fromIso >= filter.toIso) {
    errors.push('起始日期不能晚于截止日期');
    delete filter.toIso;
  }
  return { filter, errors };
}
