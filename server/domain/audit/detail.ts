// An audit entry's detail (stored as JSON) as a line a person reads: Chinese names for the keys the product writes,
// Chinese names for roles. Keys not listed are shown as recorded.
import { ROLE_LABELS } from '../auth/staff.js';
import { isStaffRole } from '../auth/account-rules.js';

const KEY_LABELS: Readonly<Record<string, string>> = {
  round: '轮次',
  period: '期次',
  units: '单位数',
  unit: '单位',
  receipt: '回执',
  from: '原状态',
  to: '新状态',
  token: '令牌编号',
  name: '名称',
  account: '账号',
  username: '用户名',
  role: '角色',
  fromRole: '原角色',
  fromUnit: '原单位',
  reason: '原因',
  attempt: '尝试的操作',
  file: '文件',
  responses: '答卷数',
  complete: '完成答卷数',
  sessions: '结束的登录数',
  path: '访问的页面',
  by: '操作方式',
  assignee: '承办人编号',
  dueAt: '办理期限',
  at: '时间',
  method: '答复方式',
  action: '操作',
  days: '默认办理天数',
  source: '来源',
  contacts: '号码数',
  byCategory: '各类别号码数',
  problems: '问题数',
  contact: '号码编号',
  grid: '网格编号',
  outcome: '通话结果',
  response: '答卷编号',
  opened: '号码已解密',
  maxAttempts: '最多拨打次数',
  retryMinutes: '重拨间隔（分钟）',
  // issue 25: review decisions name the held response's number (shown on the review page); a reversal the receipts
  // it withdrew
  held: '待核查答卷编号',
  receipts: '撤销的回执数',
};

function valueText(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if ((key === 'role' || key === 'fromRole') && typeof value === 'string' && isStaffRole(value)) return ROLE_LABELS[value];
  if (key === 'by' && value === 'cli') return '命令行';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "轮次：2026-01-hunan-100；单位数：3", or the raw text when it is not a JSON object. */
export function describeAuditDetail(detail: string | null): string {
  if (detail === null || detail === '') return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return detail;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return detail;
  return Object.entries(parsed)
    .map(([key, value]) => `${KEY_LABELS[key] ?? key}：${valueText(key, value)}`)
    .join('；');
}
