// The text of a Word file as a reader sees it, paragraph by paragraph (one line each, table cells separated by tabs),
// read from word/document.xml without LibreOffice, for tests that look for words in a downloaded notice.
import JSZip from 'jszip';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pathToFileURL } from 'node:url';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

export async function docxText(bytes: Buffer | Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (xml === undefined) throw new Error('not a Word file: no word/document.xml');
  return xml
    // A table row is one line: its cells' paragraphs are joined, its cells separated by a tab.
    .replace(/<w:tr[ >][\s\S]*?<\/w:tr>/g, (row) => `${row.replace(/<\/w:p>/g, '').replace(/<\/w:tc>/g, '\t')}\n`)
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|amp|quot|apos);/g, (e) => ENTITIES[e] ?? e);
}

// --- LibreOffice's reading of a Word file (what a recipient's office suite makes of it), for the 发文 tests. ---

/** The plain text LibreOffice converts the file to (its own profile folder, so parallel tests share no lock). */
export async function libreOfficeText(bytes: Buffer | Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'safepoll-lo-'));
  try {
    writeFileSync(join(dir, 'notice.docx'), bytes);
    const profile = pathToFileURL(join(dir, 'lo-profile')).href;
    await promisify(execFile)('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'txt:Text', '--outdir', dir, join(dir, 'notice.docx')], { timeout: 240_000 });
    return readFileSync(join(dir, 'notice.txt'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
