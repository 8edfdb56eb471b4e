// The round's thresholds for 需核查 on the interviewers page (docs/statistics.md#interviewers): the page shows each
// documented default, the value the round uses and whether the round sets it; the committee changes them through the
// page's form (a conditional write with its audit entry), and the marks follow. Bad input comes back as a 400 with the
// Chinese message and what was typed; a form filled in against thresholds someone changed since is refused (409).
import t from 'tap';
import { injectAs } from '../../kit/app.js';
import { honestyApp, interviewerRowsOf } from '../../kit/honesty-rounds.js';

/** The threshold table's row of one setting, tags stripped: "label default value source [input]". */
function thresholdRow(html: string, field: string): string {
  const row = new RegExp(`<tr id="threshold-${field}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
  return row.replace(/<input[^>]*value="([^"]*)"[^>]*>/g, '[$1]').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

t.test('raising the minimum call length marks an honest interviewer whose calls are shorter; the page says the round sets it', async (t) => {
  const { app, repos, round } = await honestyApp(t);
  const committee = await injectAs(app, 'committee');
  const before = await committee.get(`/rounds/${round.code}/interviewers`);
  t.match(before.body, '本轮全部沿用默认阈值');
  // The documented defaults (docs/statistics.md#interviewers): 20%, 20%, 5 minutes, 2 call-backs, 10 interviews.
  t.equal(thresholdRow(before.body, 'minMedianMinutes'), '电话访问时长中位数低于 5分钟 5分钟 默认 [] 分钟');
  t.equal(thresholdRow(before.body, 'straightShare'), '各题答案完全相同的访问占比超过 20% 20% 默认 [] %');
  t.equal(thresholdRow(before.body, 'callbackMismatches'), '真实度回访核实不符达到 2次 2次 默认 [] 次');
  t.equal(thresholdRow(before.body, 'minInterviews'), '差值、占比与时长只在访问数不少于此数时判断 10次 10次 默认 [] 次');
  t.match(interviewerRowsOf(before.body).get('访员1') ?? '', '正常', 'an honest interviewer (calls of 6–14 minutes) is not marked');

  const saved = await committee.post(`/rounds/${round.code}/interviewers/thresholds`, { basedOn: '', minMedianMinutes: '15' });
  t.equal(saved.statusCode, 303, saved.body);
  const after = await committee.get(String(saved.headers.location));
  t.match(after.body, '本轮阈值已保存');
  t.match(after.body, '本轮自行设定了 1 项阈值，其余沿用默认值');
  t.equal(thresholdRow(after.body, 'minMedianMinutes'), '电话访问时长中位数低于 5分钟 15分钟 本轮设定 [15] 分钟');
  t.equal(thresholdRow(after.body, 'allBestShare'), '各题都选最好一档的访问占比超过 20% 20% 默认 [] %');
  const honest = interviewerRowsOf(after.body).get('访员1') ?? '';
  t.match(honest, '需核查', 'now marked: a median call under 15 minutes');
  t.match(honest, '电话访问时长中位数低于本轮阈值');
  t.notMatch(honest, '受访者评价明显高于', 'for its length only');
  const entries = repos.audit.byAction('interviewers.thresholds');
  t.equal(entries.length, 1, 'the change is in the audit log');
  t.match(entries[0]?.detail ?? '', /"after":\{"minMedianMinutes":15\}/);

  // Back to the default: the field emptied.
  const form = await committee.get(`/rounds/${round.code}/interviewers`);
  const basedOn = /name="basedOn" value="([^"]*)"/.exec(form.body)?.[1] ?? '';
  t.not(basedOn, '', 'the form carries the version it shows');
  const reset = await committee.post(`/rounds/${round.code}/interviewers/thresholds`, { basedOn, minMedianMinutes: '' });
  t.equal(reset.statusCode, 303);
  const back = await committee.get(`/rounds/${round.code}/interviewers`);
  t.match(interviewerRowsOf(back.body).get('访员1') ?? '', '正常', 'unmarked again with the default');
  t.match(back.body, '本轮全部沿用默认阈值');
});

t.test('bad input: 400, the Chinese message beside the field, what was typed kept, nothing saved', async (t) => {
  const { app, repos, round } = await honestyApp(t);
  const committee = await injectAs(app, 'committee');
  await committee.get(`/rounds/${round.code}/interviewers`);
  const res = await committee.post(`/rounds/${round.code}/interviewers/thresholds`, {
    basedOn: '', straightShare: '三十', minMedianMinutes: '200', callbackMismatches: '2.5', allBestShare: '35',
  });
  t.equal(res.statusCode, 400);
  t.match(res.body, '本轮阈值未保存，请修改标出的项目');
  t.match(res.body, '“各题答案完全相同的访问占比超过”应为 0 到 100 之间的数（百分数），留空则用默认值；填写的是“三十”');
  t.match(res.body, '“电话访问时长中位数低于”应为 0 到 120 之间的数');
  t.match(res.body, '“真实度回访核实不符达到”应为 1 到 1000 之间的整数');
  t.match(thresholdRow(res.body, 'straightShare'), '[三十]', 'typed value kept');
  t.match(thresholdRow(res.body, 'minMedianMinutes'), '[200]');
  t.match(thresholdRow(res.body, 'allBestShare'), '默认 [35]', 'a valid field keeps what was typed too');
  for (const bad of ['NaN', 'Infinity', '1e400', '-5']) {
    const r = await committee.post(`/rounds/${round.code}/interviewers/thresholds`, { basedOn: '', minMedianMinutes: bad });
    t.equal(r.statusCode, 400, `${bad} refused`);
  }
  t.equal(repos.audit.byAction('interviewers.thresholds').length, 0, 'nothing saved');
  t.match((await committee.get(`/rounds/${round.code}/interviewers`)).body, '本轮全部沿用默认阈值');
});

t.test('a form filled in before someone else saved is refused with both versions shown; township staff have no form', async (t) => {
  const { app, round } = await honestyApp(t);
  const committee = await injectAs(app, 'committee');
  await committee.get(`/rounds/${round.code}/interviewers`);
  t.equal((await committee.post(`/rounds/${round.code}/interviewers/thresholds`, { basedOn: '', minMedianMinutes: '3' })).statusCode, 303);
  const stale = await committee.post(`/rounds/${round.code}/interviewers/thresholds`, { basedOn: '', minMedianMinutes: '8' });
  t.equal(stale.statusCode, 409);
  t.match(stale.body, '本轮阈值刚刚已被他人修改，您的修改未保存');
  t.equal(thresholdRow(stale.body, 'minMedianMinutes'), '电话访问时长中位数低于 5分钟 3分钟 本轮设定 [8] 分钟', 'the saved value and what was typed');

  const township = await injectAs(app, 'township');
  const page = await township.get(`/rounds/${round.code}/interviewers`);
  t.equal(page.statusCode, 200);
  t.notMatch(page.body, 'interviewers/thresholds', 'no form for township staff');
  t.match(thresholdRow(page.body, 'minMedianMinutes'), '3分钟 本轮设定', 'but they see the thresholds in use');
  t.equal((await township.post(`/rounds/${round.code}/interviewers/thresholds`, { basedOn: '', minMedianMinutes: '1' })).statusCode, 403);
});
