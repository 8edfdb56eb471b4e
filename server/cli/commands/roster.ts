// safepoll roster import FILE: the roster (民调数据库) from a CSV (UTF-8) or XLSX file, all rows or none.
import { readFileSync } from 'node:fs';
import { CliInputError, type CliCommand } from '../context.js';
import { importRoster } from '../../features/roster/roster-import.js';
import { describeRosterError } from '../../features/roster/core/import.js';

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : '';
    throw new CliInputError(code === 'ENOENT' ? `文件不存在：${file}` : `无法读取文件 ${file}：${err instanceof Error ? err.message : String(err)}`);
  }
}

const importRosterCommand: CliCommand = {
  words: ['roster', 'import'],
  args: ['FILE'],
  summary: '从 CSV（UTF-8）或 Excel（.xlsx）导入民调数据库的电话号码；有任何错误行则一个也不导入',
  details: [
    '表头：网格编码,号码,类别,姓名,备注（或 grid,phone,category,name,note；类别、姓名、备注可省略）',
    '号码可写手机（13812341234、+86 138-1234-1234）或带区号的固定电话（0731-84123456）；号码加密保存，只显示 138****1234。',
  ],
  async run({ repos, io }, { positionals: [file] }) {
    const outcome = await importRoster(repos, readBytes(file), { user: null, source: 'cli' });
    if (!outcome.ok) {
      const shown = outcome.errors.slice(0, 200).map((e) => `  ${describeRosterError(e)}`);
      if (outcome.errors.length > shown.length) shown.push(`  ……另有 ${outcome.errors.length - shown.length} 处错误`);
      throw new CliInputError(`${file} 有 ${outcome.errors.length} 处错误，没有导入任何号码：`, shown);
    }
    const parts = outcome.byCategory.map((c) => `${c.category} ${c.n}`).join('，');
    io.out(`已导入 ${outcome.imported} 个号码：${parts}`);
    return 0;
  },
};

export const rosterCommands: CliCommand[] = [importRosterCommand];
