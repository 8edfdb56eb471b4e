// The words of an audit entry's detail: a Chinese name for every key the product writes (grep `audit.record(` in
// services, repositories and routes) and, for keys whose values are codes, the Chinese name of each code. The same
// key means different things in different actions (`from` is a receipt's state in receipt.*, a number's status in
// roster.*), so a vocabulary is chosen by the action's prefix. A key or a code not listed still reads: the key is
// shown as recorded, the code as recorded.
import { ROLE_LABELS } from '../../core/auth/staff.js';
import { CONTACT_STATUS_LABELS } from '../../core/calls/contact.js';
import { ANSWER_METHOD_LABELS, DISMISS_REASON_LABELS, RECEIPT_SOURCE_LABELS, RECEIPT_STATE_LABELS } from '../receipts/core/receipt.js';
import { OUTCOME_LABELS } from '../phone-interviews/core/outcomes.js';
import { CALLBACK_OUTCOME_LABELS } from '../callbacks/core/outcomes.js';
import { RESPONSE_STATUS_LABELS } from '../../core/survey/response.js';
import { CHANNEL_LABELS, RANKING_ESTIMATE_LABELS, ROUND_KIND_LABELS, ROUND_STATE_LABELS } from '../../core/rounds/round.js';
import { INTEGRITY_FIELDS } from '../review/core/settings.js';
import { QUALITY_FIELDS } from '../interviewers/core/thresholds.js';

export const AUDIT_KEY_LABELS: Readonly<Record<string, string>> = {
  round: '轮次',
  roundCode: '轮次',
  period: '期次',
  units: '单位数',
  unit: '单位',
  unitCode: '单位',
  receipt: '回执编号',
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
  assignee: '承办人',
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
  grid: '网格',
  outcome: '通话结果',
  response: '答卷编号',
  status: '答卷状态',
  opened: '号码已解密',
  maxAttempts: '最多拨打次数',
  retryMinutes: '重拨间隔（分钟）',
  held: '待核查答卷编号',
  receipts: '撤销的回执数',
  replaced: '替换原有名单',
  // Interviewer quality views (访员质量): how many interviewers the page listed.
  interviewers: '访员数',
  removed: '移除的参照区县',
  share: '回访比例（%）',
  questions: '核对的题目',
  seed: '抽样种子',
  drawn: '抽中份数',
  confirmed: '受访人确认接受过访问',
  matched: '答案一致',
  survey: '问卷',
  sampleSize: '正式民调样本量',
  window: '参考轮次权重',
  score: '得分',
  rank: '排名',
  before: '修改前',
  after: '修改后',
  issuingBody: '发文机关',
  numberPrefix: '文号前缀',
  kind: '文件类型',
  year: '年份',
  seq: '序号',
  issuedOn: '发文日期',
  // 发文 (features/documents/documents-repo.ts record)
  number: '文号',
  title: '标题',
  corrects: '更正的文号',
  auto: '自动编号',
  cleared: '已清除',
  publicUrl: '群众链接地址',
  note: '说明',
  count: '数量',
  // forecast.settings: which answers the forecast uses (auto / phone / all)
  answerMode: '预测所用答卷',
  // round.ranking (features/rounds/routes/round-ranking.ts)
  ranking: '村/网格排名依据',
  // Invite-only rounds (features/invites): a round made invite-only, a batch of household codes generated or voided.
  inviteOnly: '入户邀请码轮次',
  batch: '邀请码批次',
  voided: '作废的未使用邀请码数',
  // login.alert: a burst of failed logins at one account
  failures: '失败次数',
  addresses: '来源地址数',
  ...Object.fromEntries(INTEGRITY_FIELDS.map((f) => [f.field, f.label])),
  // callback.draw for one interviewer (from the interviewers page): whose interviews were drawn.
  interviewer: '访员',
  // interviewers.thresholds: the round's thresholds before and after (shares as fractions), by their form labels.
  ...Object.fromEntries(QUALITY_FIELDS.map((f) => [f.key, f.label])),
};

const RECEIPT_ACTION_LABELS: Readonly<Record<string, string>> = {
  assign: '交办',
  answer: '答复',
  close: '办结',
  dismiss: '无需处理',
  'contact.reveal': '查看群众联系电话',
};

const DOCUMENT_KIND_LABELS: Readonly<Record<string, string>> = { bulletin: '月度通报', summary: '半年小结' };
const SOURCE_LABELS: Readonly<Record<string, string>> = { web: '网页', cli: '命令行', ...RECEIPT_SOURCE_LABELS };
const REFUSAL_REASON_LABELS: Readonly<Record<string, string>> = {
  round_closed: '轮次已结束',
  round_not_open: '轮次未开始',
  channel_off: '本轮未开通该收集方式',
  ...DISMISS_REASON_LABELS,
};

type Vocabulary = Readonly<Record<string, string>>;

/** A held answer's decision, as the review page names it. */
const REVIEW_DECISION_LABELS: Vocabulary = { accepted: '已采纳', rejected: '已剔除', pending: '待核查' };

/** The vocabulary of a key's values in an action, or undefined when the value is shown as it is. */
export function vocabularyOf(action: string, key: string): Vocabulary | undefined {
  switch (key) {
    case 'from':
    case 'to':
      if (action.startsWith('receipt.')) return RECEIPT_STATE_LABELS;
      if (action.startsWith('roster.')) return CONTACT_STATUS_LABELS;
      if (action === 'round.review.reverse') return REVIEW_DECISION_LABELS;
      if (action.startsWith('round.')) return ROUND_STATE_LABELS;
      return undefined;
    case 'ranking':
      return RANKING_ESTIMATE_LABELS;
    case 'role':
    case 'fromRole':
      return ROLE_LABELS;
    case 'outcome':
      return action.startsWith('callback.') ? CALLBACK_OUTCOME_LABELS : OUTCOME_LABELS;
    case 'status':
      return RESPONSE_STATUS_LABELS;
    case 'method':
      return ANSWER_METHOD_LABELS;
    case 'source':
      return SOURCE_LABELS;
    case 'reason':
      return REFUSAL_REASON_LABELS;
    case 'kind':
      return action.startsWith('document.') ? DOCUMENT_KIND_LABELS : ROUND_KIND_LABELS;
    case 'channel':
      return CHANNEL_LABELS;
    case 'by':
      return { cli: '命令行', web: '网页' };
    case 'action':
      return action.startsWith('cati.') ? { ...OUTCOME_LABELS, reveal: '显示号码' } : RECEIPT_ACTION_LABELS;
    default:
      return undefined;
  }
}
