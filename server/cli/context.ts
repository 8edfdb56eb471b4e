// What every command gets: the repositories on the opened database, and where to print.
import type { Db } from '../platform/db.js';
import type { Repos } from '../platform/repos.js';

export interface CliIo {
  /** One line of normal output (the caller adds the newline). */
  out(s: string): void;
  /** One line of error output. */
  err(s: string): void;
}

export interface CliContext {
  db: Db;
  repos: Repos;
  io: CliIo;
}

export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface CliArgs {
  positionals: string[];
  values: OptionValues;
}

export interface CliOption {
  type: 'string' | 'boolean';
  /** e.g. 'N' in `--quota N`, shown in the help. */
  placeholder?: string;
  description: string;
}

/** One command. `words` select it (`['rounds', 'create']`); the RESULTS helper and others add theirs by file. */
export interface CliCommand {
  words: string[];
  /** The positional arguments, e.g. ['ROUND', 'FILE.csv']; a trailing '[X]' is optional. */
  args: string[];
  summary: string;
  options?: Record<string, CliOption>;
  /** Extra help lines (format of the file, examples). */
  details?: string[];
  run(ctx: CliContext, args: CliArgs): number | Promise<number>;
}

/** Bad input the user can fix: printed as `safepoll: <message>` with exit code 1. */
export class CliInputError extends Error {
  constructor(message: string, readonly lines: string[] = []) {
    super(message);
    this.name = 'CliInputError';
  }
}

/** The string value of an option, or undefined; a repeated option keeps its last value. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const v = values[name];
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof last === 'string' ? last : undefined;
}

/** An option that takes one of a few words: the first is the default; anything else is refused by name. */
export function choiceOption<T extends string>(values: OptionValues, name: string, choices: readonly [T, ...T[]]): T {
  const text = stringOption(values, name) ?? choices[0];
  const chosen = choices.find((c) => c === text);
  if (chosen === undefined) throw new CliInputError(`--${name} 只能是 ${choices.join(' 或 ')}，收到 "${text}"`);
  return chosen;
}

/** A whole number ≥ 0 option, or undefined when absent. */
export function countOption(values: OptionValues, name: string): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new CliInputError(`--${name} 必须是不小于 0 的整数，收到 "${text}"`);
  return Number(text.trim());
}
