// A roster upload cannot stall the server (docs/rules.md#upload-limits): a 1 MB XLSX that unpacks to 300 MB is
// refused with 413 and a Chinese message while other pages keep answering; a file over the row limit is 422; a
// normal XLSX upload still imports. Nothing is stored from a refused file.
import t from 'tap';
import { build, logIn, PASSWORD, type StaffSession } from '../../../kit/app.js';
import { appRepos, uploadFile, withRosterStaff } from '../../../kit/roster.js';
import { xlsxOf, zipBombXlsx } from '../../../kit/xlsx-archive.js';

/** Uploads while asking for another page every 50 ms; the slowest answer, and how many came before the upload's. */
async function uploadWhileBrowsing(s: StaffSession, name: string, data: Buffer) {
  await s.get('/roster');
  let pending = true;
  const upload = s.upload('/roster/upload', { name, data }).finally(() => (pending = false));
  let slowest = 0;
  let answeredMeanwhile = 0;
  while (pending) {
    const started = performance.now();
    const page = await s.get('/receipts');
    if (page.statusCode !== 200) throw new Error(`page answered ${page.statusCode}`);
    slowest = Math.max(slowest, performance.now() - started);
    if (pending) answeredMeanwhile += 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { res: await upload, slowest, answeredMeanwhile };
}

t.test('a zip bomb from township staff: 413 in Chinese, other pages answered within 1 s meanwhile, nothing stored', async (t) => {
  const { app, db } = await build(t, { seed: (repos) => withRosterStaff(repos) });
  const township = await logIn(app, 'township', PASSWORD);
  // 300 MB of rows in about 1 MB; its directory claims 4 KB, so only inflating shows the truth.
  const bomb = await zipBombXlsx(300, 4096);
  t.ok(bomb.length < 2 * 1024 * 1024);
  const { res, slowest, answeredMeanwhile } = await uploadWhileBrowsing(township, 'roster.xlsx', bomb);
  t.equal(res.statusCode, 413);
  t.match(res.body, '文件解压后超过 128 MB，可能已损坏或被特意构造，请检查文件或分批导入');
  t.match(res.body, 'id="import-errors"', 'on the roster page the upload came from');
  t.ok(answeredMeanwhile >= 1, `another page was answered while the upload was refused (${answeredMeanwhile})`);
  t.ok(slowest < 1000, `every other page within 1 s (slowest ${Math.round(slowest)} ms)`);

  const honest = await uploadFile(township, 'roster.xlsx', await zipBombXlsx(300));
  t.equal(honest.statusCode, 413, 'a bomb whose directory tells the truth, refused before inflating');
  const repos = appRepos(db);
  t.equal(repos.contacts.count({ gridIds: repos.units.all().map((u) => u.id) }), 0);
  t.equal(repos.audit.byAction('roster.import.refused').length, 2);
});

t.test('a roster CSV over the row limit is 422; a normal XLSX imports', async (t) => {
  const { app, db } = await build(t, { seed: (repos) => withRosterStaff(repos) });
  const s = await logIn(app, 'committee', PASSWORD);
  const csv = `网格编码,号码\n${'D01-T1-V1-G1,13812341234\n'.repeat(200_000)}`;
  const tooLong = await uploadFile(s, 'roster.csv', Buffer.from(csv));
  t.equal(tooLong.statusCode, 422);
  t.match(tooLong.body, '文件行数超过上限（最多 200000 行），请分批导入');

  const good = xlsxOf([['网格编码', '号码', '类别'], ['D01-T1-V1-G1', '13812341234', '常住居民'], ['D01-T1-V2-G1', '13900005678', '']]);
  const res = await uploadFile(s, 'roster.xlsx', good);
  t.equal(res.statusCode, 303);
  t.equal(res.headers.location, '/roster?imported=2');
  const repos = appRepos(db);
  t.equal(repos.contacts.count({ gridIds: repos.units.all().map((u) => u.id) }), 2);
});
