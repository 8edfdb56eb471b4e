// Reads a CSV the user named: a clear message when it is missing or not UTF-8 (Excel's default CSV is often GBK).
import { readFileSync } from 'node:fs';
import { CliInputError } from './context.js';

export function readUtf8File(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : '';
    throw new CliInputError(code === 'ENOENT' ? `文件不存在：${file}` : `无法读取文件 ${file}：${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliInputError(`文件 ${file} 不是 UTF-8 编码；在 Excel 中请选择“另存为 → CSV UTF-8（逗号分隔）”`);
  }
}
