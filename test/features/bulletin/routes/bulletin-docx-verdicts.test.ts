// The Word bulletin's overview table (指标 … 较上月) and item table (逐题得分) mark every change the way the page does:
// 上升 / 下降 beyond noise, 基本持平 within it — never a bare "-1.36" — and the overview agrees with the notice's own
// opening paragraph. The words are checked against the rule recomputed here from the two rounds' results: real only
// when |Δ| > 1.96·√(SE₁² + SE₂²) (docs/statistics.md#changes-between-rounds).
import t from 'tap';
import { docxText } from '../../../kit/docx.js';
import { demoMonths } from '../../../kit/demo-bulletin.js';
import { getRoundResults } from '../../../../server/features/results/round-results.js';
import type { Estimate, UnitResult } from '../../../../server/core/results/types.js';
import type { Survey } from '../../../../server/core/survey/model.js';

const Z = 1.959963984540054;

function expectedWord(now: Estimate | null | undefined, before: Estimate | null | undefined): string {
  if (!now || !before || now.value === null || before.value === null) return '';
  if (now.se === null && before.se === null) return '基本持平';
  const delta = now.value - before.value;
  if (Math.abs(delta) <= Z * Math.sqrt((now.se ?? 0) ** 2 + (before.se ?? 0) ** 2)) return '基本持平';
  return delta > 0 ? '上升' : '下降';
}

/** The estimate a row of the overview table is about, by its printed name. */
function estimateNamed(survey: Survey, unit: UnitResult | undefined, name: string): Estimate | null | undefined {
  if (!unit) return undefined;
  if (name === survey.composite.name) return unit.composite;
  if (name === '应知应会率') return unit.knowledge;
  const index = survey.indices.find((ix) => ix.name === name);
  return index ? unit.indices[index.id] : undefined;
}

/** The table rows of the Word text between a header line starting with `first` and the next non-row line. */
function tableRows(text: string, first: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${first}\t`));
  if (start < 0) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.includes('\t')) break;
    rows.push(line.split('\t'));
  }
  return rows;
}

t.test('the Word bulletin says 基本持平 beside every change within noise, in the overview and item tables', async (t) => {
  const { repos, october, september, committee: s } = await demoMonths(t);
  const version = repos.surveys.getVersion(october.surveyVersionId);
  if (!version) throw new Error('the round has its questionnaire');
  const survey = version.survey;
  const [now, before] = [getRoundResults(repos, october), getRoundResults(repos, september)];

  let flatWithNumber = 0;
  for (const code of ['QH', 'QH01', 'QH01-01']) {
    const text = await docxText((await s.get(`/rounds/${october.code}/bulletin.docx?unit=${code}`)).rawPayload);
    const overview = tableRows(text, '指标');
    t.ok(overview.length >= 5, `${code}: the overview table`);
    for (const row of overview) {
      const [name, , , , , change] = row;
      const want = expectedWord(estimateNamed(survey, now.units[code], name), estimateNamed(survey, before.units[code], name));
      t.equal(change.split(' ')[1] ?? '', want, `${code} ${name}: "${change}" carries ${want}`);
      if (want === '基本持平' && /[1-9]/.test(change.split(' ')[0])) flatWithNumber++;
    }
    const composite = overview.find((r) => r[0] === survey.composite.name)?.[5] ?? '';
    if (composite.endsWith('基本持平')) t.match(text, '较上月基本持平', `${code}: the opening paragraph says the same`);

    const items = tableRows(text, '题号');
    if (code !== 'QH01-01') continue;
    t.ok(items.length > 5, `${code}: the item table`);
    for (const [number, title, , , , change] of items) {
      const question = survey.questions.find((q) => title === q.text || title === `${q.text}（薄弱）`);
      const want = question ? expectedWord(now.units[code]?.items[question.id], before.units[code]?.items[question.id]) : 'a question';
      t.equal(change.split(' ')[1] ?? '', want, `${code} 第 ${number} 题: "${change}" carries ${want}`);
      if (want === '基本持平' && /[1-9]/.test(change.split(' ')[0])) flatWithNumber++;
    }
  }
  t.ok(flatWithNumber > 5, `changes that look like news but are noise say so (${flatWithNumber})`);
});
