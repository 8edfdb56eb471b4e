// The parts of an official notice: dates in Chinese numerals, document numbers, and the committee's settings and
// numbering checked with Chinese messages.
import t from 'tap';
import {
  canIssueDocuments,
  checkIssuer,
  correctionSentence,
  noticeTitle,
  previewFileName,
  previewMark,
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

t.test('a preview carries 征求意见稿 and no number; a correction names the notice it corrects', async (t) => {
  const preview = previewMark({ issuingBody: '清河区委政法委（平安办）', numberPrefix: '清平安办' });
  t.same(preview, { issuingBody: '清河区委政法委（平安办）', number: '', issuedOn: '', preview: true });
  t.equal(previewFileName('城关街道2026年11月通报'), '城关街道2026年11月通报（征求意见稿）.docx');
  const corrected = { number: '清平安办〔2026〕13号', title: '城关街道2026年11月通报' };
  t.equal(correctionSentence(corrected), '现对清平安办〔2026〕13号《城关街道2026年11月通报》予以更正，原文件作废，以本文件为准。');
  t.equal(correctionSentence({ number: '平安办〔2026〕2号', title: '' }), '现对平安办〔2026〕2号予以更正，原文件作废，以本文件为准。', 'a number given before files were kept has no title');
  t.equal(noticeTitle('城关街道2026年11月通报', corrected), '城关街道2026年11月通报（更正）');
  t.equal(noticeTitle('城关街道2026年11月通报', undefined), '城关街道2026年11月通报');
});

t.test('the committee and administrators issue notices', async (t) => {
  t.equal(canIssueDocuments({ role: 'committee' }), true);
  t.equal(canIssueDocuments({ role: 'admin' }), true);
  t.equal(canIssueDocuments({ role: 'township' }), false);
  t.equal(canIssueDocuments({ role: 'grid' }), false);
});
