// The parts of an official notice: dates in Chinese numerals, document numbers, and the committee's settings and
// numbering checked with Chinese messages.
import t from 'tap';
import {
  canIssueDocuments,
  checkIssuer,
  checkNumbering,
  chineseDate,
  documentMark,
  documentNumber,
  pageNumberText,
} from '../../../../server/features/documents/core/official-notice.js';
import { chinaDate } from '../../../../server/core/time/china-time.js';

t.test('dates of issue are written in Chinese numerals', async (t) => {
  t.equal(chineseDate('2026-12-05'), '二〇二六年十二月五日');
  t.equal(chineseDate('2026-10-10'), '二〇二六年十月十日');
  t.equal(chineseDate('2026-11-21'), '二〇二六年十一月二十一日');
  t.equal(chineseDate('2030-01-30'), '二〇三〇年一月三十日');
  t.equal(chineseDate('2027-03-31'), '二〇二七年三月三十一日');
  t.equal(chineseDate('2026-12'), '', 'not a date: nothing');
});

t.test('the date of issue is the day in China', async (t) => {
  t.equal(chinaDate(new Date('2026-12-04T16:30:00Z')), '2026-12-05', '00:30 in Beijing is the 5th');
  t.equal(chinaDate(new Date('2026-12-05T15:59:00Z')), '2026-12-05');
});

t.test('document numbers and page numbers', async (t) => {
  t.equal(documentNumber('清平安办', 2026, 11), '清平安办〔2026〕11号');
  t.equal(pageNumberText(3), '— 3 —');
  t.same(documentMark({ issuingBody: '清河区委政法委（平安办）', numberPrefix: '清平安办' }, { year: 2026, seq: 11, issuedOn: '2026-12-05' }), {
    issuingBody: '清河区委政法委（平安办）',
    number: '清平安办〔2026〕11号',
    issuedOn: '二〇二六年十二月五日',
  });
  t.same(documentMark({ issuingBody: '某办', numberPrefix: '某' }, undefined), { issuingBody: '某办', number: '', issuedOn: '' }, 'not yet numbered');
});

t.test('settings are checked with messages in Chinese', async (t) => {
  t.same(checkIssuer({ issuingBody: ' 清河区委政法委（平安办） ', numberPrefix: '清平安办' }), {
    ok: true,
    value: { issuingBody: '清河区委政法委（平安办）', numberPrefix: '清平安办' },
  });
  const bad = checkIssuer({ issuingBody: '', numberPrefix: '清平安办〔2026〕' });
  t.equal(bad.ok, false);
  if (!bad.ok) {
    t.match(bad.errors.issuingBody, '请填写发文机关');
    t.match(bad.errors.numberPrefix, '年份和序号由系统编排');
  }
  const long = checkIssuer({ issuingBody: '长'.repeat(41), numberPrefix: '代'.repeat(13) });
  t.equal(long.ok, false);
});

t.test('a number and date of issue as the committee edits them', async (t) => {
  t.same(checkNumbering({ seq: '11', issuedOn: '2026-12-05' }), { ok: true, value: { seq: 11, issuedOn: '2026-12-05' } });
  for (const seq of ['0', '-1', '1.5', 'abc', '', '10000']) {
    const r = checkNumbering({ seq, issuedOn: '2026-12-05' });
    t.equal(r.ok, false, `序号 "${seq}" refused`);
  }
  for (const issuedOn of ['2026-02-30', '2026/12/05', '', '12-05']) {
    const r = checkNumbering({ seq: '1', issuedOn });
    t.equal(r.ok, false, `成文日期 "${issuedOn}" refused`);
    if (!r.ok) t.match(r.errors.issuedOn, '成文日期');
  }
});

t.test('the committee and administrators issue notices', async (t) => {
  t.equal(canIssueDocuments({ role: 'committee' }), true);
  t.equal(canIssueDocuments({ role: 'admin' }), true);
  t.equal(canIssueDocuments({ role: 'township' }), false);
  t.equal(canIssueDocuments({ role: 'grid' }), false);
});
