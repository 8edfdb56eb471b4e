// An audit entry's detail (stored as JSON) as a line a clerk reads: "名称：值" pairs with Chinese names for keys and
// codes (labels.ts), a round by its code and title, a unit by its name, an account by its name — never an internal id
// where the database can name it — every instant in Beijing time, nested values spelled out rather than printed as
// JSON. Anything the catalogue does not know is still shown, as recorded.
import { AUDIT_KEY_LABELS, vocabularyOf } from './labels.js';
import { chinaTimestamp } from '../../core/time/china-time.js';

/** Names for what entries refer to by code or internal id; undefined when the database has no such thing. */
export interface AuditNames {
  /** "2026-01-hunan-100（湖南省平安建设民调）" for a round's code or id. */
  round(ref: string | number): string | undefined;
  /** "东门社区第一网格（D01-T1-V1-G1）" for a unit's code or id. */
  unit(ref: string | number): string | undefined;
  /** "王五（wangwu）" for an account's id. */
  account(id: number): string | undefined;
}

export const NO_NAMES: AuditNames = { round: () => undefined, unit: () => undefined, account: () => undefined };

const ROUND_KEYS = new Set(['round', 'roundCode']);
const UNIT_KEYS = new Set(['unit', 'unitCode', 'grid', 'fromUnit']);
const ACCOUNT_KEYS = new Set(['account', 'assignee']);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function named(key: string, value: string | number, names: AuditNames): string | undefined {
  if (ROUND_KEYS.has(key)) return names.round(value);
  if (UNIT_KEYS.has(key)) return names.unit(value);
  if (ACCOUNT_KEYS.has(key) && typeof value === 'number') return names.account(value);
  return undefined;
}

function scalarText(action: string, key: string, value: string | number | boolean, names: AuditNames): string {
  if (typeof value === 'boolean') return value ? '是' : '否';
  const name = named(key, value, names);
  if (name !== undefined) return name;
  const word = vocabularyOf(action, key)?.[String(value)];
  if (word !== undefined) return word;
  if (typeof value === 'string' && INSTANT.test(value)) return chinaTimestamp(value);
  return String(value);
}

function valueText(action: string, key: string, value: unknown, names: AuditNames): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => valueText(action, key, v, names)).join('、');
  if (typeof value === 'object') return `（${pairs(action, value as Record<string, unknown>, names)}）`;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return scalarText(action, key, value, names);
  return String(value);
}

function pairs(action: string, object: Record<string, unknown>, names: AuditNames): string {
  return Object.entries(object)
    .map(([key, value]) => `${AUDIT_KEY_LABELS[key] ?? key}：${valueText(action, key, value, names)}`)
    .join('；');
}

/** "轮次：2026-01-hunan-100（…）；原状态：已答复", or the raw text when it is not a JSON object. */
export function describeAuditDetail(detail: string | null, action = '', names: AuditNames = NO_NAMES): string {
  if (detail === null || detail === '') return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return detail;
  return pairs(action, parsed as Record<string, unknown>, names);
}
