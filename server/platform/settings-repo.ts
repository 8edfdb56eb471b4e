// Key/value settings kept in the database (the generated server secret, demo markers, the public URL posters print).
// The issuing body is not here: it is the document issuer's (documents-repo.ts), the one home posters read it from.
import { randomBytes } from 'node:crypto';
import type { Db } from './db.js';

export const PUBLIC_URL_KEY = 'public_url';

export class SettingsRepo {
  private readonly getStmt;
  private readonly setStmt;

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
    this.setStmt = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(key: string): string | undefined {
    return this.getStmt.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.setStmt.run(key, value);
  }

  /** The public URL set on the links page; SAFEPOLL_PUBLIC_URL, when set, wins (see web/public-url.ts). */
  storedPublicUrl(): string | undefined {
    return this.get(PUBLIC_URL_KEY) || undefined;
  }

  /** The server secret: the configured one, else one generated on first use and kept in the database. */
  secret(configured?: string): string {
    if (configured) return configured;
    const existing = this.get('secret');
    if (existing) return existing;
    const created = randomBytes(32).toString('hex');
    this.set('secret', created);
    return created;
  }
}
