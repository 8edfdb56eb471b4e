// What a poster tells residents so they can trust it: who issued it, until when the poll runs, and which web address
// a genuine link starts with. Pure rules on plain values; the web layer renders them.
import { chineseDateLabel } from '../../../core/time/china-time.js';
import { Period } from '../../../core/time/period.js';

/** The last day of a round's period, as 2025年1月31日: monthly 2025-01 → 31 January, 2025-H1 → 30 June. Rounds carry
 * no planned closing date, and fieldwork for a period ends with it; an unknown period form gives undefined. */
export function periodClosingLabel(period: string): string | undefined {
  const parsed = Period.parse(period);
  return parsed && chineseDateLabel(parsed.lastDay());
}

/** The host residents should see at the start of a genuine link (poll.example.gov.cn), or the whole base when it
 * cannot be read as a URL. */
export function linkDomain(base: string): string {
  try {
    return new URL(base).host;
  } catch {
    return base;
  }
}

export const LONGEST_PUBLIC_URL = 200;

/** A Chinese problem with a public URL typed by an administrator, else undefined. Only http(s), a host, no
 * credentials, query or fragment: it is printed on every poster and QR code. */
export function publicUrlProblem(text: string): string | undefined {
  if (text.length > LONGEST_PUBLIC_URL) return `公网地址不能超过 ${LONGEST_PUBLIC_URL} 个字符`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return '公网地址格式不正确，应形如 https://poll.example.gov.cn';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '公网地址必须以 https:// 或 http:// 开头';
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return '公网地址只能包含网址和路径，不能带账号、“?”参数或“#”';
  }
  return undefined;
}
