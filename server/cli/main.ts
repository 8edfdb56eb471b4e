// The `safepoll` command-line tool: what staff and scripts do without the web (import units and answers, create,
// open and close rounds, simulate). Returns the exit code instead of exiting, so tests can call it directly.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { paths } from '../paths.js';
import { openDatabase, type Db } from '../platform/db.js';
import { createRepos } from '../platform/repos.js';
import { SurveyFileError } from '../core/survey/validate.js';
import { COMMANDS } from './commands/index.js';
import { CliInputError, type CliArgs, type CliCommand, type CliIo } from './context.js';

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

/** `safepoll`, `safepoll help [COMMAND]`, `--help`, `-h`: help rather than a command. */
function isHelpRequest(argv: string[]): boolean {
  return argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h';
}

/** Prints the overall help, or one command's for `help COMMAND`. A bare `safepoll` is a usage error (exit 2). */
function showHelp(argv: string[], io: CliIo): number {
  const topic = argv[0] === 'help' && argv.length > 1 ? match(argv.slice(1)) : undefined;
  for (const line of topic ? commandHelp(topic.command) : overallHelp()) io.out(line);
  return argv.length === 0 ? 2 : 0;
}

/** No command matched: lists the subcommands of a known first word, or else every command. */
function reportUnknownCommand(argv: string[], io: CliIo): number {
  const group = COMMANDS.filter((c) => c.words[0] === argv[0]);
  io.err(group.length > 0 ? `safepoll: 未知的子命令 "${argv.slice(0, 2).join(' ')}"；可用：` : `safepoll: 未知的命令 "${argv[0]}"；可用：`);
  for (const c of group.length > 0 ? group : COMMANDS) io.err(`  ${usageLine(c)}`);
  return 2;
}

/** The command's options and positionals, or undefined (after saying why) when parseArgs rejects them. */
function parseCommandArgs(command: CliCommand, rest: string[], io: CliIo): CliArgs | undefined {
  try {
    const options: Record<string, { type: 'string' | 'boolean' }> = { help: { type: 'boolean' } };
    for (const [name, o] of Object.entries(command.options ?? {})) options[name] = { type: o.type };
    const { positionals, values } = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    return { positionals, values };
  } catch (err) {
    io.err(`safepoll: ${err instanceof Error ? err.message : String(err)}`);
    io.err(`用法：${usageLine(command)}`);
    return undefined;
  }
}

function hasArgCountFor(command: CliCommand, positionals: string[]): boolean {
  return positionals.length >= requiredArgs(command) && positionals.length <= command.args.length;
}

/** Exit code for what a command threw: 1 for input the user can fix, 70 for a bug. */
function reportFailure(err: unknown, io: CliIo, env: NodeJS.ProcessEnv): number {
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
}

/** Runs a command on the configured database, closing it whatever happens. */
async function runOnDatabase(command: CliCommand, args: CliArgs, io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  let db: Db | undefined;
  try {
    const config = loadConfig(env);
    // The CLI works on whatever database it is pointed at; it never seeds the demo.
    db = openDatabase(config.databasePath);
    const repos = createRepos(db, { secret: config.secret, rosterKey: config.rosterKey });
    repos.surveys.syncFromDirectory(paths.surveys);
    return await command.run({ db, repos, io }, args);
  } catch (err) {
    return reportFailure(err, io, env);
  } finally {
    db?.close();
  }
}

export async function runCli(argv: string[], io: CliIo = stdio, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (isHelpRequest(argv)) return showHelp(argv, io);
  const found = match(argv);
  if (!found) return reportUnknownCommand(argv, io);
  const { command, rest } = found;

  const args = parseCommandArgs(command, rest, io);
  if (!args) return 2;
  if (args.values.help === true) {
    for (const line of commandHelp(command)) io.out(line);
    return 0;
  }
  if (!hasArgCountFor(command, args.positionals)) {
    io.err(`safepoll: 参数个数不对：需要 ${command.args.join(' ') || '（无参数）'}，收到 ${args.positionals.length} 个`);
    io.err(`用法：${usageLine(command)}`);
    return 2;
  }
  return runOnDatabase(command, args, io, env);
}
