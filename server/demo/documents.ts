// The demo committee's notice settings (发文机关 清河区委政法委（平安办）, 机关代字 清平安办), so the Word files and
// printed pages show a real notice's head from the start. No notice is issued here: a 文号 is taken only by 发文,
// which keeps the file as issued (docs/rules.md#issuing-notices), so the demo's bulletins start as previews.
import type { Repos } from '../platform/repos.js';
import { CLI_ACTOR } from '../core/auth/actor.js';

export const DEMO_ISSUER = { issuingBody: '清河区委政法委（平安办）', numberPrefix: '清平安办' };

export function seedDemoDocuments(repos: Repos): void {
  repos.documents.setIssuer(DEMO_ISSUER, CLI_ACTOR);
}
