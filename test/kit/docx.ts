// The text of a Word file as a reader sees it, paragraph by paragraph (one line each, table cells separated by tabs),
// read from word/document.xml without LibreOffice, for tests that look for words in a downloaded notice.
import JSZip from 'jszip';

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
