// No phone or ID-card number a resident types into a suggestion appears in clear on any page or export: the
// receipts page, responses.csv, the bulletin, the result exports (CSV and XLSX) and the results API. Rows stored
// before masking existed (clear text in the database) are masked on the way out too.
import t from 'tap';
import { xlsxText } from '../kit/xlsx.js';
import { pollApp } from '../kit/resident-poll.js';
import { completeAnswers, postAnswers } from '../kit/resident.js';
import { logIn, PASSWORD } from '../kit/app.js';

const TYPED = [
  '楼下路灯坏了，请联系我 138 1234 5678',
  '电话：+86-139-8765-4321，身份证 110101199003071234',
  '座机0731-84123456，手机１３７１１１１２２２２',
  '我的号码一三九八八八八七七七七，幺五九-二二二二-三三三三',
];
const OLD_ROW = '旧数据：15012345678，身份证 11010119800101567X';
/** Each number as digits only: none of them may appear in any output once separators are removed. */
const SECRETS = ['13812345678', '13987654321', '110101199003071234', '073184123456', '13711112222', '13988887777', '15922223333', '15012345678', '11010119800101567X'];

/** Chinese numerals as a number is written out or read aloud (幺 = 1). */
const NUMERALS: Record<string, string> = { 〇: '0', 零: '0', 一: '1', 幺: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

function leaks(text: string): string[] {
  const digits = text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[〇零一幺二三四五六七八九]/g, (c) => NUMERALS[c])
    .replace(/[\s\-+()（）－]/g, '')
    .toUpperCase();
  return SECRETS.filter((s) => digits.includes(s) || digits.includes(s.slice(2)));
}


t.test('numbers typed into suggestions are masked in every page and export', async (t) => {
  const { app, db, poll } = await pollApp(t, (repos) => {
    repos.users.create({ username: 'committee', displayName: '政法委', password: PASSWORD, role: 'committee', unitId: null });
  });
  for (const text of TYPED) {
    const res = await postAnswers(app, poll, completeAnswers(poll.survey, { [poll.suggestionId]: text }));
    t.equal(res.statusCode, 200, 'submitted');
  }
  // A row from before masking: clear text in both the answer and the receipt.
  const old = await postAnswers(app, poll, completeAnswers(poll.survey, { [poll.suggestionId]: '旧数据' }));
  t.equal(old.statusCode, 200);
  db.prepare("UPDATE answers SET text_value = ? WHERE text_value = '旧数据'").run(OLD_ROW);
  db.prepare("UPDATE receipts SET body = ? WHERE body = '旧数据'").run(OLD_ROW);

  const stored = db.prepare('SELECT text_value FROM answers WHERE text_value IS NOT NULL').pluck().all().map(String).join('\n');
  t.same(leaks(stored.replace(OLD_ROW, '')), [], 'new rows are stored masked');
  t.match(stored, '138****5678');

  const s = await logIn(app, 'committee', PASSWORD);
  const code = poll.round.code;
  const pages: Array<[string, string]> = [];
  for (const url of ['/receipts', `/rounds/${code}/responses.csv`, `/rounds/${code}/bulletin`, `/rounds/${code}/export.csv`, `/api/rounds/${code}/results`]) {
    const res = await s.get(url);
    t.equal(res.statusCode, 200, url);
    pages.push([url, res.body]);
  }
  const xlsx = await s.get(`/rounds/${code}/export.xlsx`);
  t.equal(xlsx.statusCode, 200);
  pages.push(['export.xlsx', await xlsxText(xlsx.rawPayload)]);

  for (const [url, body] of pages) t.same(leaks(body), [], `${url}: no number in clear`);
  const [, receipts] = pages[0];
  t.match(receipts, '请联系我 138****5678', 'the receipts page shows the masked suggestion');
  t.match(receipts, '110***********1234');
  t.match(receipts, '150****5678', 'an old clear-text row is masked on the way out');
  const [, csv] = pages[1];
  t.match(csv, '139****4321');
  t.match(csv, '137****2222');
  t.match(csv, '我的号码139****7777，159****3333', 'numbers in Chinese numerals are masked');
  t.match(csv, '150****5678', 'old rows are masked in the raw export too');
});
