// 发文 as a use-case: the file is built with the number it is issued under; when another 发文 takes that number while
// the file is being built, the file is built again with the next one (never two notices under one number, never a
// file whose printed number differs from its register entry); a document already issued is answered as it is.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import { issueNotice, type IssueRequest } from '../../../server/features/documents/documents-service.js';
import type { DocumentMark } from '../../../server/features/documents/core/official-notice.js';

const NOW = new Date('2026-12-05T02:00:00Z');

t.test('a number taken while the file is built: built again with the next number', async (t) => {
  const { repos } = testDb(t);
  const { district, townships } = smallDistrict(repos);
  const round = openRound(repos);
  const actor = { userId: null, client: null };
  const request = (unitId: number, build: (mark: DocumentMark) => Promise<Buffer>): IssueRequest => ({
    key: { roundId: round.id, unitId, kind: 'bulletin' },
    label: { roundCode: round.code, unitCode: 'X' },
    title: '通报',
    correctsId: null,
    build,
    actor,
    issuedByName: '政法委',
    now: NOW,
  });
  const printed: string[] = [];
  let raced = false;
  const notice = await issueNotice(repos, request(district.id, async (mark) => {
    printed.push(mark.number);
    if (!raced) {
      raced = true;
      // Another clerk issues the township's bulletin meanwhile and takes 1.
      await issueNotice(repos, request(townships[0].id, async (m) => Buffer.from(m.number)));
    }
    return Buffer.from(mark.number);
  }));
  t.same(printed, ['平安办〔2026〕1号', '平安办〔2026〕2号'], 'built with 1, then again with 2');
  t.equal(notice.number, '平安办〔2026〕2号');
  t.equal(repos.documents.fileOf(notice.id)?.file.toString(), '平安办〔2026〕2号', 'the kept file prints the number it is registered under');
  t.equal(notice.issuedOn, '2026-12-05', 'dated the day of 发文 (China time)');

  let built = 0;
  const again = await issueNotice(repos, request(district.id, async (mark) => {
    built += 1;
    return Buffer.from(mark.number);
  }));
  t.equal(again.id, notice.id, 'issuing it again answers with the notice already issued');
  t.equal(built, 0, 'without building anything');
  t.equal(repos.documents.nextSeq(2026), 3);
});
