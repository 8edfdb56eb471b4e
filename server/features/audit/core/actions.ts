// The actions the audit log records (docs/rules.md#audit-log) and their Chinese names, in one place: the audit page, its
// export and a round's history all name an action the same way. An action not listed here is shown as recorded.

export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  login: '登录',
  'login.failed': '登录失败',
  // Many failed logins at one account, from any addresses: one entry per burst (features/accounts/core/login-throttle.ts).
  'login.alert': '账号登录失败次数异常',
  'round.create': '新建轮次',
  'round.open': '开始轮次',
  'round.close': '结束轮次',
  // Which estimate ranks villages and grids (features/rounds/routes/round-ranking.ts).
  'round.ranking': '修改村/网格排名依据',
  'round.review.accept': '采纳待核查答卷',
  'round.review.reject': '剔除待核查答卷',
  'round.review.settings': '修改核查阈值',
  'receipt.assign': '回执交办',
  'receipt.answer': '回执答复',
  'receipt.close': '回执办结',
  'receipt.dismiss': '回执无需处理',
  'receipt.return': '回执退回重办',
  'receipt.refused': '回执操作被拒绝',
  'receipt.due_days': '设置回执默认办理期限',
  'receipt.contact.reveal': '查看群众联系电话',
  'cati.reveal': '电话访问显示号码',
  'cati.outcome': '电话访问记录通话结果',
  'cati.refused': '电话访问操作被拒绝',
  'cati.rules': '修改电话访问重拨规则',
  'api-token.create': '签发 API 令牌',
  'api-token.revoke': '吊销 API 令牌',
  'account.create': '新建账号',
  'account.scope': '修改账号角色和范围',
  'account.disable': '停用账号',
  'account.enable': '启用账号',
  'account.reset': '重置账号密码',
  'account.password': '修改本人密码',
  'account.sign-out-all': '退出所有设备',
  'account.refused': '账号操作被拒绝',
  'account.disabled-session': '已停用账号的会话被拒绝',
  'roster.import': '导入民调数据库号码',
  'roster.import.refused': '民调数据库导入被拒绝',
  'roster.status': '标记号码状态',
  'roster.reveal': '查看完整号码',
  'paper.entry': '录入纸质问卷',
  'unit.grid-worker': '修改网格员联系方式',
  // The public URL; entries before migration 023 may also name the issuing body (now set at /admin/documents).
  'settings.poster': '修改海报设置',
  'document.issuer': '修改发文机关和文号',
  'document.number': '编排公文文号',
  // 发文 takes the 文号 and keeps the file; a correction is a new notice naming the one it corrects.
  'document.issue': '发文',
  'document.correct': '发文更正',
  'paper.refused': '纸质问卷录入被拒绝',
  'callback.share': '修改回访比例',
  'callback.draw': '抽取回访样本',
  'callback.record': '记录回访结果',
  'callback.self_refused': '回访本人访问被拒绝',
  // call-backs reveal the number as the phone workstation does; review decisions can be reversed
  'callback.reveal': '回访显示号码',
  'round.review.reverse': '改变待核查答卷的处理结果',
  'forecast.settings': '修改正式民调预测设置',
  'forecast.peer': '录入同类区县得分',
  'forecast.peers.import': '导入同类区县得分',
  'forecast.peer.delete': '删除同类区县',
  'forecast.official': '录入正式民调结果',
  'forecast.official.delete': '删除正式民调结果',
  // Interviewer quality figures are about named staff: every view is logged.
  'interviewers.view': '查看访员质量',
  'interviewers.export': '导出访员质量',
  // The round's thresholds for 需核查 (访员质量, 答题模式异常), set on the interviewers page.
  'interviewers.thresholds': '修改本轮访员质量阈值',
  'cli.units.import': '导入单位（命令行）',
  // Invite-only rounds (features/invites).
  'invite.generate': '生成入户邀请码',
  'invite.void': '作废入户邀请码',
  'survey.version': '问卷新版本',
  'cli.rounds.create': '新建轮次（命令行）',
  'cli.rounds.open': '开始轮次（命令行）',
  'cli.rounds.close': '结束轮次（命令行）',
  'cli.responses.import': '导入答卷（命令行）',
  'cli.users.create-admin': '新建管理员（命令行）',
};

/** Groups of the filter: every action whose name starts with the prefix. */
export const AUDIT_ACTION_GROUPS: ReadonlyArray<{ prefix: string; label: string }> = [
  { prefix: 'login', label: '登录' },
  { prefix: 'round.', label: '轮次' },
  { prefix: 'receipt.', label: '回执' },
  { prefix: 'cati.', label: '电话访问' },
  { prefix: 'account.', label: '账号' },
  { prefix: 'api-token.', label: 'API 令牌' },
  { prefix: 'roster.', label: '民调数据库' },
  { prefix: 'paper.', label: '纸质录入' },
  { prefix: 'callback.', label: '真实度回访' },
  { prefix: 'forecast.', label: '正式民调预测' },
  { prefix: 'cli.', label: '命令行' },
];

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
