// safepoll backup FILE: a consistent copy of the database while the server keeps taking submissions. SQLite's online
// backup reads one snapshot (WAL readers do not block writers), so the copy holds every response committed before
// it started and none half-written. Copying the .db file by hand while the server runs would not: recent responses
// live in the -wal file until a checkpoint.
import { existsSync, linkSync, statSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CliInputError, type CliCommand, type CliContext } from '../context.js';

/** Pages per backup step: all of them, so the copy is one snapshot instead of restarting whenever a write lands
 * between two steps (which, under steady submissions, could go on for ever). */
const ALL_PAGES = 0x7fffffff;

interface BackupSummary {
  responses: number;
  rounds: number;
  units: number;
  bytes: number;
}

/** Checks the copy before anyone relies on it, and makes it one self-contained file (no -wal beside it). */
function checkCopy(file: string): BackupSummary {
  const copy = new Database(file, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`备份文件校验失败：${String(check)}`);
    const count = (table: 'responses' | 'rounds' | 'units') => Number(copy.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
    return { responses: count('responses'), rounds: count('rounds'), units: count('units'), bytes: statSync(file).size };
  } finally {
    copy.close();
  }
}

function refuseTarget(target: string, source: string): void {
  if (target === resolve(source)) throw new CliInputError('备份文件不能是正在使用的数据库本身');
  if (existsSync(target)) throw new CliInputError(`文件 ${target} 已存在：为免覆盖已有的备份，请换一个文件名或先移走它`);
  if (!existsSync(dirname(target))) throw new CliInputError(`目录 ${dirname(target)} 不存在`);
}

async function runBackup({ db, io }: CliContext, file: string): Promise<number> {
  const target = resolve(file);
  refuseTarget(target, db.name);
  const started = Date.now();
  // Written beside the target and linked into place: a failed or interrupted backup never leaves a file under the
  // name asked for, and a file that appeared there meanwhile is not overwritten (link fails if it exists).
  const partial = `${target}.partial-${process.pid}`;
  try {
    await db.backup(partial, { progress: () => ALL_PAGES });
    const summary = checkCopy(partial);
    linkSync(partial, target);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    io.out(`已备份到 ${target}`);
    io.out(`  ${summary.responses} 份答卷，${summary.rounds} 个轮次，${summary.units} 个单位；${(summary.bytes / 1024 / 1024).toFixed(1)} MB，用时 ${seconds} 秒`);
    io.out('  恢复：停止服务，用此文件替换数据库文件，并删除同目录下的 -wal 和 -shm 文件，再启动服务。');
    return 0;
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'EEXIST') {
      throw new CliInputError(`文件 ${target} 已存在：为免覆盖已有的备份，请换一个文件名或先移走它`);
    }
    throw err;
  } finally {
    if (existsSync(partial)) unlinkSync(partial);
  }
}

const backup: CliCommand = {
  words: ['backup'],
  args: ['FILE'],
  summary: '在服务运行时把数据库完整备份到一个新文件（不覆盖已有文件）',
  details: [
    '例：safepoll backup /backup/safepoll-2026-12-01.db',
    '备份时服务可照常接收答卷；备份包含开始备份那一刻已保存的全部数据。',
    '恢复：停止服务，把备份文件复制为 SAFEPOLL_DB 指向的数据库文件，删除同名的 -wal、-shm 文件，再启动服务。',
  ],
  run: (ctx, { positionals }) => runBackup(ctx, positionals[0]),
};

export const backupCommands: CliCommand[] = [backup];
