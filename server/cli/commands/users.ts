// safepoll users create-admin | reset-password | list: the first administrator of a database started without the
// demo (SAFEPOLL_SEED_DEMO=0), and a way back in when every administrator has lost their password. The password
// printed is one-time: its holder must replace it at first login. Everything else is done on /admin/users.
import { displayNameProblem, usernameProblem } from '../../features/accounts/core/account-rules.js';
import { oneTimePassword } from '../../features/accounts/core/password-rules.js';
import { ROLE_LABELS } from '../../core/auth/staff.js';
import { hashPasswordSync } from '../../features/accounts/passwords.js';
import { CliInputError, stringOption, type CliCommand } from '../context.js';
import { CLI_ACTOR } from '../../core/auth/actor.js';

const createAdmin: CliCommand = {
  words: ['users', 'create-admin'],
  args: ['USERNAME'],
  summary: '新建一个系统管理员账号，打印一次性密码（首次登录时须修改）',
  options: { name: { type: 'string', placeholder: '姓名', description: '显示的姓名或单位（默认“系统管理员”）' } },
  details: ['不带演示数据启动（SAFEPOLL_SEED_DEMO=0）时数据库里没有任何账号，先用本命令建立第一个管理员，', '再由管理员在“账号”页面（/admin/users）为其他工作人员开设账号。'],
  run({ repos, io }, { positionals: [username], values }) {
    const displayName = (stringOption(values, 'name') ?? '系统管理员').trim();
    const problem = usernameProblem(username) ?? displayNameProblem(displayName);
    if (problem) throw new CliInputError(problem);
    if (repos.accounts.usernameTaken(username)) throw new CliInputError(`用户名 ${username} 已被使用`);
    const password = oneTimePassword();
    repos.accounts.create({ username, displayName, passwordHash: hashPasswordSync(password), role: 'admin', unitId: null }, CLI_ACTOR, 'cli.users.create-admin');
    io.out(`已新建系统管理员 ${username}（${displayName}）`);
    io.out(`一次性密码：${password}`);
    io.out('请登录 /login，首次登录时须设置自己的密码。此密码不会再次显示。');
    return 0;
  },
};

const resetPassword: CliCommand = {
  words: ['users', 'reset-password'],
  args: ['USERNAME'],
  summary: '重置一个账号的密码为一次性密码并退出其所有设备（管理员忘记密码时使用）',
  run({ repos, io }, { positionals: [username] }) {
    const account = repos.accounts.list().find((a) => a.username === username);
    if (!account) throw new CliInputError(`找不到账号 ${username}`);
    const password = oneTimePassword();
    repos.accounts.resetPassword(account.id, hashPasswordSync(password), CLI_ACTOR);
    io.out(`已重置 ${username} 的密码，其所有登录已退出`);
    io.out(`一次性密码：${password}`);
    if (!account.active) io.out('注意：该账号已停用，须由管理员在“账号”页面启用后才能登录。');
    return 0;
  },
};

const listUsers: CliCommand = {
  words: ['users', 'list'],
  args: [],
  summary: '列出工作人员账号（用户名、角色、范围、状态）',
  run({ repos, io }) {
    const accounts = repos.accounts.list();
    if (accounts.length === 0) io.out('还没有账号：用 safepoll users create-admin 用户名 新建第一个管理员');
    for (const a of accounts) {
      const state = [a.active ? '启用' : '已停用', a.mustChangePassword ? '待修改初始密码' : ''].filter(Boolean).join('，');
      io.out(`${a.username.padEnd(16)} ${ROLE_LABELS[a.role]}  ${a.unitCode ?? '全区'}  ${state}`);
    }
    return 0;
  },
};

export const usersCommands: CliCommand[] = [createAdmin, resetPassword, listUsers];
