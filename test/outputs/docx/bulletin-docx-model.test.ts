// The Word bulletin at village and grid level carries what the page carries (docs/statistics.md#small-area-estimates):
// the model estimate, its interval and γ (本单位样本权重) beside the direct score, and the two-line note under a
// table ranked by the model; a level without a model says 样本不足以建模. Read as LibreOffice reads it, too.
import t, { type Test } from 'tap';
import { build, injectAs, PASSWORD } from '../../kit/app.js';
import { docxText, libreOfficeText } from '../../kit/docx.js';
import { answerBigRound, bigRound, seededAnswers } from '../../kit/small-area-domain.js';
import { answerGrids, type SmallRound } from '../../kit/results-domain.js';
import { getRoundResults } from '../../../server/features/results/round-results.js';
import { MODEL_NOTE, NO_MODEL_NOTE } from '../../../server/features/bulletin/core/model-ranking.js';

async function wordOf(t: Test, sizes?: number[]) {
  let s: SmallRound | undefined;
  const { app } = await build(t, {
    seed: (repos) => {
      s = bigRound(repos, t);
      if (sizes) answerGrids(repos, s, seededAnswers(7, sizes));
      else answerBigRound(repos, s);
      repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
    },
  });
  if (!s) throw new Error('fixture');
  const res = await (await injectAs(app, 'committee')).get(`/rounds/${s.round.code}/bulletin.docx?unit=B01-T2`);
  t.equal(res.statusCode, 200);
  return { app, s, bytes: res.rawPayload };
}

t.test('ranked by the model: the model columns and the two-line note are in the Word file', async (t) => {
  const { app, s, bytes } = await wordOf(t);
  const text = await docxText(bytes);
  const lines = text.split("\n");
  const header = lines.find((l) => l.includes('\t村（社区）\t'));
  t.ok(header, 'the village table of the township’s bulletin is there');
  t.match(header ?? '', /\t模型估计\t模型 95% 区间\t本单位样本权重\t?$/);
  for (const line of MODEL_NOTE) t.match(text, line);
  // Each village row's last cell is its γ as the results give it, to two decimals.
  const results = getRoundResults(app.repos, s.round);
  const villages = Object.values(results.units).filter((u) => u.level === 'village' && u.code.startsWith('B01-T2-') && !u.insufficient);
  t.ok(villages.length > 0);
  for (const g of villages) {
    const row = lines.find((l) => l.split('\t')[1]?.startsWith(g.name));
    const cells = (row ?? '').split('\t').filter((c) => c !== '');
    t.equal(cells.at(-1), g.composite.smallArea?.gamma.toFixed(2), `${g.name}: γ`);
    t.equal(cells.at(-3), g.composite.smallArea?.value.toFixed(2), `${g.name}: model estimate`);
  }
  const office = await libreOfficeText(bytes);
  for (const line of MODEL_NOTE) t.match(office.replace(/\s+/g, ''), line.replace(/\s+/g, ''), 'LibreOffice reads the note');
});

t.test('no model at village level: the Word file says so', async (t) => {
  const { bytes } = await wordOf(t, Array.from({ length: 24 }, (_, i) => (i % 6 === 0 ? 12 : 3)));
  const text = await docxText(bytes);
  t.match(text, NO_MODEL_NOTE);
});
