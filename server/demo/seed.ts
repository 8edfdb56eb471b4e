// TEMPORARY skeleton, replaced by its owner (simulation helper).
import type { Db } from '../storage/db.js';
export interface SeedResult { summary(baseUrl: string): string[] }
export async function seedDemoIfEmpty(_db: Db, _opts: { log: (line: string) => void }): Promise<SeedResult | undefined> {
  return undefined;
}
