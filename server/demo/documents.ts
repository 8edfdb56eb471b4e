// The demo committee's notice settings (发文机关 清河区委政法委（平安办）, 机关代字 清平安办), and a number for each closed
// month's district bulletin, issued on the 5th of the month after (the bulletin of October: 清平安办〔2026〕11号,
// 二〇二六年十一月五日), so the Word files and printed pages show a real notice's head from the start.
import type { Repos } from '../platform/repos.js';
import { CLI_ACTOR } from '../core/auth/actor.js';
import { chinaDate } from '../core/time/china-time.js';

export const DEMO_ISSUER = { issuingBody: '清河区委政法委（平安办）', numberPrefix: '清平安办' };

/** The 5th of the month after `period` (YYYY-MM). */
function issueDay(period: string): string {
  const [y, m] = period.split('-').map(Number);
  const next = m === 12 ? { y: y + 1, m: 1 } : { y, m: m + 1 };
  return `${next.y}-${String(next.m).padStart(2, '0')}-05`;
}

export function seedDemoDocuments(repos: Repos, districtUnitId: number, now: Date): void {
  repos.documents.setIssuer(DEMO_ISSUER, CLI_ACTOR);
  const today = chinaDate(now);
  const district = repos.units.getById(districtUnitId);
  if (!district) return;
  for (const round of repos.rounds.list().filter((r) => r.state === 'closed' && r.kind === 'monthly')) {
    const issuedOn = issueDay(round.period);
    if (issuedOn > today) continue;
    // One bulletin a month: numbered by the month it goes out in.
    const seq = Number(issuedOn.slice(5, 7));
    repos.documents.renumber({ roundId: round.id, unitId: districtUnitId, kind: 'bulletin' }, { seq, issuedOn }, { roundCode: round.code, unitCode: district.code }, CLI_ACTOR);
  }
}
