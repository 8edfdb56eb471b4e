// What a poster tells residents: the closing date of the round's period, the domain a genuine link starts with, and
// the checks on the settings an administrator types.
import t from 'tap';
import { linkDomain, periodClosingLabel, publicUrlProblem } from '../../../../server/features/posters/core/poster-rules.js';

t.test('the closing date is the last day of the period', async (t) => {
  t.equal(periodClosingLabel('2025-01'), '2025年1月31日');
  t.equal(periodClosingLabel('2024-02'), '2024年2月29日', 'a leap year');
  t.equal(periodClosingLabel('2025-02'), '2025年2月28日');
  t.equal(periodClosingLabel('2025-11'), '2025年11月30日');
  t.equal(periodClosingLabel('2025-H1'), '2025年6月30日');
  t.equal(periodClosingLabel('2025-H2'), '2025年12月31日');
  t.equal(periodClosingLabel('2025-13'), undefined);
  t.equal(periodClosingLabel('专项'), undefined);
});

t.test('the domain to look for is the public URL\'s host (with its port)', async (t) => {
  t.equal(linkDomain('https://poll.example.gov.cn'), 'poll.example.gov.cn');
  t.equal(linkDomain('http://192.168.1.10:3000'), '192.168.1.10:3000');
  t.equal(linkDomain('https://pa.example.gov.cn/minyi'), 'pa.example.gov.cn');
  t.equal(linkDomain('not a url'), 'not a url');
});

t.test('a public URL is http(s) with a host and no credentials, query or fragment', async (t) => {
  t.equal(publicUrlProblem('https://poll.example.gov.cn'), undefined);
  t.equal(publicUrlProblem('http://192.168.1.10:3000/minyi'), undefined);
  t.match(publicUrlProblem('javascript:alert(1)'), '必须以 https:// 或 http:// 开头');
  t.match(publicUrlProblem('poll.example.gov.cn'), '格式不正确');
  t.match(publicUrlProblem('https://user:pw@poll.example.gov.cn'), '不能带账号');
  t.match(publicUrlProblem('https://poll.example.gov.cn/?x=1'), '不能带账号');
  t.match(publicUrlProblem(`https://${'a'.repeat(200)}.cn`), '不能超过 200 个字符');
});
