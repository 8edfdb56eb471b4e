// The `safepoll` command-line tool: what staff and scripts do without the web (import units and answers, create,
// open and close rounds, simulate). Returns the exit code instead of exiting, so tests can call it directly.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { paths } from '../paths.js';
import { openDatabase, type Db } from '../storage/db.js';
import { createRepos } from '../storage/index.js';
import { SurveyFileError } from '../domain/survey/validate.js';
import { COMMANDS } from './commands/index.js';
import { CliInputError, type CliCommand, type CliIo } from './context.js';

const stdio: CliIo = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

function usageLine(c: CliCommand): string {
  const opts = Object.entries(c.options ?? {}).map(([name, o]) => `[--${name}${o.type === 'string' ? ` ${o.placeholder ?? 'X'}` : ''}]`);
  return ['safepoll', ...c.words, ...c.args, ...opts].join(' ');
}

function commandHelp(c: CliCommand): string[] {
  const lines = [`用法：${usageLine(c)}`, '', c.summary];
  if (c.details) lines.push('', ...c.details);
  const options = Object.entries(c.options ?? {});
  if (options.length > 0) {
    lines.push('', '选项：');
    for (const [name, o] of options) lines.push(`  --${name}${o.type === 'string' ? ` ${o.placeholder ?? 'X'}` : ''}  ${o.description}`);
  }
  return lines;
}

function overallHelp(): string[] {
  return [
    'SafePoll 平安民调 命令行工具',
    '',
    '命令：',
    ...COMMANDS.map((c) => `  ${usageLine(c)}\n      ${c.summary}`),
    '',
    '每个命令都可加 --help 查看说明。数据库位置由环境变量 SAFEPOLL_DB 指定（默认 data/safepoll.db）。',
  ];
}

/** The command whose words start argv, longest first; the rest of argv is its arguments. */
function match(argv: string[]): { command: CliCommand; rest: string[] } | undefined {
  const sorted = [...COMMANDS].sort((a, b) => b.words.length - a.words.length);
  for (const command of sorted) {
    if (command.words.every((w, i) => argv[i] === w)) return { command, rest: argv.slice(command.words.length) };
  }
  return undefined;
}

function requiredArgs(c: CliCommand): number {
  return c.args.filter((a) => !a.startsWith('[')).length;
}

export async function runCli(argv: string[], io: CliIo = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    const topic = argv[0] === 'help' && argv.length > 1 ? match(argv.slice(1)) : undefined;
    for (const line of topic ? commandHelp(topic.command) : overallHelp()) io.out(line);
    return argv.length === 0 ? 2 : 0;
  }
  const found = match(argv);
  if (!found) {
    const group = COMMANDS.filter((c) => c.words[0] === argv[0]);
    io.err(group.length > 0 ? `safepoll: 未知的子命令 "${argv.slice(0, 2).join(' ')}"；可用：` : `safepoll: 未知的命令 "${argv[0]}"；可用：`);
    for (const c of group.length > 0 ? group : COMMANDS) io.err(`  ${usageLine(c)}`);
    return 2;
  }
  const { command, rest } = found;

  let positionals: string[];
  let values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  try {
    const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
    for (const [name, o] of Object.entries(command.options ?? {})) options[name] = { type: o.type };
    ({ positionals, values } = parseArgs({ args: rest, options, allowPositionals: true, strict: true }));
  } catch (err) {
    io.err(`safepoll: ${err instanceof Error ? err.message : String(err)}`);
    io.err(`用法：${usageLine(command)}`);
    return 2;
  }
  if (values.help === true) {
    for (const line of commandHelp(command)) io.out(line);
    return 0;
  }
  if (positionals.length < requiredArgs(command) || positionals.length > command.args.length) {
    io.err(`safepoll: 参数个数不对：需要 ${command.args.join(' ') || '（无参数）'}，收到 ${positionals.length} 个`);
    io.err(`用法：${usageLine(command)}`);
    return 2;
  }

  let db: Db | undefined;
  try {
    const config = loadConfig(env);
    // The CLI works on whatever database it is pointed at; it never seeds the demo.
    db = openDatabase(config.databasePath);
    const repos = createRepos(db, { secret: config.secret });
    repos.surveys.syncFromDirectory(paths.surveys);
    return await command.run({ db, repos, io }, { positionals, values });
  } catch (err) {
    if (err instanceof CliInputError) {
      io.err(`safepoll: ${err.message}`);
      for (const line of err.lines) io.err(line);
      return 1;
    }
    if (err instanceof SurveyFileError || err instanceof ConfigError) {
      io.err(`safepoll: ${err.message}`);
      return 1;
    }
    // Anything else is a bug, not bad input: say so plainly; the stack only on request.
    io.err(`safepoll: 内部错误：${err instanceof Error ? err.message : String(err)}`);
    if (env.SAFEPOLL_DEBUG && err instanceof Error && err.stack) io.err(err.stack);
    return 70;
  } finally {
    db?.close();
  }
}
