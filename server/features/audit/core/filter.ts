// The audit page's filter (docs/rules.md#audit-log): by action or group, by account, by a date range in China time
// and by round. Parsed here from what the query string says, with Chinese messages for what cannot be used.

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

const CHINA_OFFSET = '+08:00';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The ISO instant at which a China-time calendar day starts, or undefined for a date that does not exist. */
export function chinaDayStart(date: string, plusDays = 0): string | undefined {
  if (!DATE.test(date)) return undefined;
  const d = new Date(`${date}T00:00:00${CHINA_OFFSET}`);
  if (Number.isNaN(d.getTime())) return undefined;
  // 2026-02-30 parses to March 2nd: only a date that survives the round trip is real.
  const back = new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  if (back !== date) return undefined;
  return new Date(d.getTime() + plusDays * 86_400_000).toISOString();
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

/** "2026-01-31 09:05:00" in China time, as the page and the export print an entry's time. */
export function chinaTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
