// Peer districts uploaded on the forecast settings page (docs/rules.md#upload-limits): a zip bomb is 413, a table
// over the row limit 422 (XLSX and CSV), each with its Chinese message on the settings page, the import choice kept;
// a normal upload still imports.
import t from 'tap';
import { build, logIn, PASSWORD } from '../../../kit/app.js';
import { xlsxOf, zipBombXlsx } from '../../../kit/xlsx-archive.js';

t.test('peer uploads: bomb 413, too many rows 422, a normal file imported', async (t) => {
  const { app, repos } = await build(t, { seed: (repos) => void repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null }) });
  const c = await logIn(app, 'committee', PASSWORD);
  const upload = async (name: string, data: Buffer) => {
    await c.get('/forecast/settings');
    return c.upload('/forecast/peers/upload', { name, data }, { mode: 'append' });
  };

  const bomb = await upload('peers.xlsx', await zipBombXlsx(300, 4096));
  t.equal(bomb.statusCode, 413);
  t.match(bomb.body, '第 1 行：文件解压后超过 32 MB，可能已损坏或被特意构造，请检查文件或分批导入');
  t.match(bomb.body, /value="append" checked/, 'the import choice is kept');

  const rows = [['名称', '公布得分'], ...Array.from({ length: 5_000 }, (_, i) => [`县${i}`, '90'])];
  const longXlsx = await upload('peers.xlsx', xlsxOf(rows));
  t.equal(longXlsx.statusCode, 422);
  t.match(longXlsx.body, '文件行数超过上限（最多 5000 行），请分批导入');
  const longCsv = await upload('peers.csv', Buffer.from(rows.map((r) => r.join(',')).join('\n')));
  t.equal(longCsv.statusCode, 422);
  t.match(longCsv.body, '文件行数超过上限（最多 5000 行），请分批导入');
  t.same(repos.forecast.peers(), [], 'nothing stored');

  const good = await upload('peers.xlsx', xlsxOf([['名称', '公布得分'], ['甲县', '91.2'], ['乙县', '89.5']]));
  t.equal(good.statusCode, 303);
  t.same(repos.forecast.peers().map((p) => [p.name, p.score]), [['甲县', 91.2], ['乙县', 89.5]]);
});
