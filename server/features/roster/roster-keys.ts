// The two keys the roster needs, both derived from one roster secret (SAFEPOLL_ROSTER_KEY when set, else the server
// secret): an AES-256-GCM box for the number, name and note, and an HMAC key for the number's dedupe hash. A plain
// hash would not protect anything: there are only about 10^10 mainland numbers, so anyone with a copy of the
// database could hash them all and read the roster back.
import { createHmac, hkdfSync } from 'node:crypto';
import { SecretBox } from '../../platform/secret-box.js';

const BOX_PURPOSE = 'safepoll/roster-number/aes-256-gcm/v1';
const HASH_PURPOSE = 'safepoll/roster-number/hmac-sha256/v1';

export class RosterKeys {
  readonly box: SecretBox;
  private readonly hashKey: Buffer;

  constructor(secret: string) {
    if (secret.length === 0) throw new Error('RosterKeys needs a non-empty secret');
    this.box = new SecretBox(secret, BOX_PURPOSE);
    this.hashKey = Buffer.from(hkdfSync('sha256', secret, 'safepoll', HASH_PURPOSE, 32));
  }

  /** The keyed hash of a canonical number (core/privacy/phone.ts): equal numbers, equal hashes. */
  hash(canonical: string): string {
    return createHmac('sha256', this.hashKey).update(canonical, 'utf8').digest('base64url');
  }
}
