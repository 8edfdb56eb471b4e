// 访员质量 page, workbook and API on the generated rounds (test/kit/honesty-rounds.ts): the fabricating interviewer is
// 需核查 with reasons and a link to the call-back draw, the honest ones are 正常; township staff see only the
// interviewers who worked their township; every view is audit-logged; an API token gets no figures about staff.
import t from 'tap';
import ExcelJS from 'exceljs';
import { bearer, injectAs, issueToken } from '../../kit/app.js';
import { COACHED_GRID, honestyApp, interviewerRowsOf } from '../../kit/honesty-rounds.js';

t.test('the committee sees the fabricator marked 需核查, the others 正常, and the view is logged', async (t) => {
  const { app, repos, round } = await honestyApp(t);
  const committee = await injectAs(app, 'committee');
  const res = await committee.get(`/rounds/${round.code}/interviewers`);
  t.equal(res.statusCode, 200);
  const rows = interviewerRowsOf(res.body);
  t.same([...rows.keys()].sort(), ['访员1', '访员2', '访员3', '访员4', '访员5'], 'every phone interviewer');
  const fab = rows.get('访员3') ?? '';
  t.match(fab, '需核查', 'the fabricator is marked');
  t.match(fab, '电话访问时长中位数低于本轮阈值', 'two-minute calls');
  t.match(fab, '各题都选最好一档的访问占比超过本轮阈值', 'all best answers');
  t.match(fab, `/rounds/${round.code}/callbacks`, 'links to the call-back draw');
  for (const name of ['访员1', '访员2', '访员4', '访员5']) t.match(rows.get(name) ?? '', '正常', `${name} is not marked`);
  t.match(res.body, '本轮有 1 位访员需核查');
  const entries = repos.audit.byAction('interviewers.view');
  t.equal(entries.length, 1, 'the view is in the audit log');
});

t.test('township staff see only the interviewers who worked their township; grid workers are refused', async (t) => {
  const { app, round } = await honestyApp(t);
  const township = await injectAs(app, 'township');
  const res = await township.get(`/rounds/${round.code}/interviewers`);
  t.equal(res.statusCode, 200);
  t.same([...interviewerRowsOf(res.body).keys()].sort(), ['访员1', '访员2', '访员3'], 'the first township\u2019s interviewers');
  const grid = await injectAs(app, 'iv1');
  t.equal((await grid.get(`/rounds/${round.code}/interviewers`)).statusCode, 403);
});

t.test('workbook and API carry the same rows; an API token is refused', async (t) => {
  const { app, repos, round } = await honestyApp(t);
  const committee = await injectAs(app, 'committee');
  const file = await committee.get(`/rounds/${round.code}/interviewers.xlsx`);
  t.equal(file.statusCode, 200);
  const wb = new ExcelJS.Workbook();
  const buffer = new ArrayBuffer(file.rawPayload.length);
  new Uint8Array(buffer).set(file.rawPayload);
  await wb.xlsx.load(buffer);
  const sheet = wb.getWorksheet('访员质量');
  const marked: string[] = [];
  sheet?.eachRow((row, i) => {
    if (i > 1 && String(row.getCell(16).value ?? '') !== '') marked.push(String(row.getCell(1).value));
  });
  t.same(marked, ['访员3'], 'the workbook marks the fabricator only');
  const api = await committee.get(`/api/rounds/${round.code}/interviewers`);
  t.equal(api.statusCode, 200);
  const body: unknown = api.json();
  const list = typeof body === 'object' && body !== null && 'interviewers' in body && Array.isArray(body.interviewers) ? body.interviewers : [];
  t.same(list.filter((r: { marked?: boolean }) => r.marked).map((r: { name?: string }) => r.name), ['访员3']);
  const token = await app.inject({ method: 'GET', url: `/api/rounds/${round.code}/interviewers`, headers: bearer(issueToken(repos, null)) });
  t.equal(token.statusCode, 403, 'no figures about staff for a system');
});

t.test('the round page shows the committee the coached grid, and only it; township staff see no such section', async (t) => {
  const { app, round } = await honestyApp(t);
  const committee = await injectAs(app, 'committee');
  const page = await committee.get(`/rounds/${round.code}`);
  t.equal(page.statusCode, 200);
  t.match(page.body, '答题模式异常（仅政法委可见，不进入通报）');
  const marked = [...page.body.matchAll(/<tr class="flagged"><td><a href="[^"]*">(第\d+网格)<\/a>/g)].map((m) => m[1]);
  t.same(marked, [`第${COACHED_GRID}网格`], 'the coached grid only');
  const township = await injectAs(app, 'township');
  t.notMatch((await township.get(`/rounds/${round.code}`)).body, '答题模式异常', 'not for township staff');
});
