// The half-year summary prints rank ranges like the monthly bulletin ("可能 a–b 名", the same simulation rule,
// docs/statistics.md#rank-ranges), on its page and in its Word file. Checked against what the printed numbers imply:
// the half-year interval is H ± 1.96·SE(H), so SE(H) is recovered from it; when the unit ranked next after a unit is
// within 1.645·√(SE₁² + SE₂²) of it, the two swap places in more than 5% of repeated surveys, so the upper end of the
// better unit's range must reach the other's rank. It failed while the summary printed bare ranks.
import t, { type Test } from 'tap';
import { docxText } from '../../../kit/docx.js';
import { demoMonths } from '../../../kit/demo-bulletin.js';

const Z = 1.959963984540054;

interface RankedRow {
  name: string;
  rank: number;
  range: [number, number] | null;
  score: number;
  se: number;
}

function row(name: string, rankCell: string, score: string, interval: string): RankedRow | null {
  const rank = /^(\d+)/.exec(rankCell);
  const bounds = /^([\d.]+)–([\d.]+)$/.exec(interval);
  if (!rank || !bounds) return null;
  const range = /可能 (\d+)–(\d+) 名/.exec(rankCell);
  return {
    name,
    rank: Number(rank[1]),
    range: range ? [Number(range[1]), Number(range[2])] : null,
    score: Number(score),
    se: (Number(bounds[2]) - Number(bounds[1])) / (2 * Z),
  };
}

/** The village rows of the page's half-year table. */
function pageRows(html: string): RankedRow[] {
  const start = html.indexOf('各村（社区）半年走势');
  const table = html.slice(start, html.indexOf('</table>', start));
  // Half-year score, its SE (printed since the summary shows SE(H)), then the interval.
  return [...table.matchAll(/<tr><td class="num rank">([\s\S]*?)<\/td><td><a [^>]*>([^<]+)<\/a>[\s\S]*?<td class="num score">([^<]+)<\/td><td class="num">[^<]+<\/td><td class="num">([^<]+)<\/td>/g)]
    .map((m) => row(m[2], m[1].replace(/<[^>]+>/g, ' '), m[3], m[4]))
    .filter((r): r is RankedRow => r !== null);
}

/** The village rows of the Word file's half-year table (rank, name, months…, half-year, SE, interval, trend). */
function wordRows(text: string): RankedRow[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('半年排名\t村（社区）'));
  const rows: RankedRow[] = [];
  for (const line of lines.slice(start + 1)) {
    const cells = line.split('\t');
    if (cells.length < 5) break;
    const parsed = row(cells[1], cells[0], cells[cells.length - 5], cells[cells.length - 3]);
    if (parsed) rows.push(parsed);
  }
  return rows;
}

function checkRanges(t: Test, where: string, rows: RankedRow[]): void {
  t.ok(rows.length > 10, `${where}: the villages are ranked`);
  let close = 0;
  for (const [i, a] of rows.entries()) {
    if (a.range) t.ok(a.range[0] <= a.rank && a.rank <= a.range[1], `${where} ${a.name}: ${a.rank} lies in ${a.range.join('–')}`);
    const b = rows.slice(i + 1).find((r) => r.rank > a.rank);
    if (!b || Math.abs(a.score - b.score) >= 1.645 * Math.hypot(a.se, b.se)) continue;
    close++;
    t.ok(a.range !== null && a.range[1] >= b.rank, `${where} ${a.name} (${a.score}) and ${b.name} (${b.score}) may swap: 可能 ${a.rank}–${b.rank} 名 at least`);
  }
  t.ok(close > 3, `${where}: neighbours that may swap places (${close})`);
}

t.test('the half-year summary: 可能 a–b 名 on the page and in Word where intervals overlap', async (t) => {
  const { committee: s } = await demoMonths(t);
  const page = (await s.get('/summary?end=2026-10&unit=QH')).body;
  checkRanges(t, 'page', pageRows(page));
  t.match(page, '可能名次', 'the reading notes explain the range');
  const word = await docxText((await s.get('/summary.docx?end=2026-10&unit=QH')).rawPayload);
  checkRanges(t, 'Word', wordRows(word));
});
