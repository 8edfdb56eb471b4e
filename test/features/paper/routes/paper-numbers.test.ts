// Paper entry speaks the numbers printed on the resident's form (1 … 19, a follow-up as 3.1): the field labels, the
// error list, the conditions and the keyed questionnaire's page; the error header counts the problems it lists.
import t from 'tap';
import { build, logIn, PASSWORD, type Teardown } from '../../../kit/app.js';
import { fieldWorld, type FieldWorld } from '../../../kit/fieldwork.js';

async function world(t: Teardown) {
  let w: FieldWorld | undefined;
  const built = await build(t, { seed: (repos) => { w = fieldWorld(repos); } });
  if (!w) throw new Error('no world');
  return { ...built, w };
}

/** The visible label of a field: the text of its <label for=…>, tags stripped. */
function labelOf(html: string, field: string): string {
  const m = new RegExp(`<label for="${field}">([\\s\\S]*?)</label>`).exec(html);
  return (m?.[1] ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

t.test('fields are labelled with the printed numbers, not question ids', async (t) => {
  const { app, w } = await world(t);
  const s = await logIn(app, 'grid', PASSWORD);
  const page = await s.get(`/rounds/${w.round.code}/paper`);
  t.match(labelOf(page.body, 'q_S1'), /^第 1 题 甄别 /);
  t.match(labelOf(page.body, 'q_Q1'), /^第 3 题 /);
  t.match(labelOf(page.body, 'q_Q1a'), /^第 3\.1 题 /);
  t.match(labelOf(page.body, 'q_Q2'), /^第 4 题 /);
  t.match(labelOf(page.body, 'q_Q15'), /^第 19 题 /);
  t.notMatch(page.body, /<span class="muted">(甄别 )?Q\d+<\/span>/, 'no Q-code labels');
  t.match(page.body, '仅当第 3 题选 D/E 时填写', 'the follow-up names its question by the printed number');
  t.match(page.body, '<ul class="paper-questions">', 'the list draws no numbers of its own beside the printed ones');
});

t.test('errors use the printed numbers and the header counts exactly the problems it lists', async (t) => {
  const { app, w } = await world(t);
  const s = await logIn(app, 'grid', PASSWORD);
  await s.get(`/rounds/${w.round.code}/paper`);
  // Q5 (printed 7, the fifth question after the follow-up 3.1) gets a code that is no option; the rest is left empty.
  const res = await s.post(`/rounds/${w.round.code}/paper`, { grid: w.district.grids[0].code, q_S1: '1', q_S2: '1', q_Q1: 'A', q_Q5: 'Z' });
  t.equal(res.statusCode, 422);
  const listed = [...res.body.matchAll(/<li><a href="#q_[^"]+">第 ([\d.]+) 题：/g)].map((m) => m[1]);
  t.ok(listed.includes('7'), `Q5 is listed as 第 7 题 (${listed.join(',')})`);
  t.match(res.body, '<a href="#q_Q5">第 7 题：“Z”不是本题的选项代码');
  const header = /还有 (\d+) 处需要修改/.exec(res.body)?.[1];
  const items = (/<div class="error-box" role="alert">[\s\S]*?<\/ul>/.exec(res.body)?.[0].match(/<li>/g) ?? []).length;
  t.equal(Number(header), items, `the header counts ${header}, the list has ${items}`);
  t.ok(items > 1);
});

t.test('a keyed questionnaire\'s page numbers its answers as printed', async (t) => {
  const { app, w } = await world(t);
  const s = await logIn(app, 'grid', PASSWORD);
  await s.get(`/rounds/${w.round.code}/paper`);
  const res = await s.post(`/rounds/${w.round.code}/paper`, { grid: w.district.grids[0].code, q_S1: '2' });
  const id = /已保存第 (\d+) 号问卷/.exec(res.body)?.[1];
  const entry = await s.get(`/rounds/${w.round.code}/paper/${id}`);
  t.match(entry.body, /<tr><td>3\.1<\/td><td>/, 'the follow-up is 3.1');
  t.match(entry.body, /<tr><td>19<\/td><td>/, 'the last question is 19');
});
