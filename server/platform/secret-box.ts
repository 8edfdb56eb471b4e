// Encryption at rest for the few things SafePoll must keep but not show: the original free text a resident typed
// when it held a phone or ID-card number (pages, exports and bulletins get the masked copy). AES-256-GCM with a key
// derived by HKDF from the server secret, so a copy of the database alone does not open them when SAFEPOLL_SECRET
// is set outside it, and a tampered value fails to open instead of reading as something else.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { maskPersonalData } from '../core/privacy/personal-data.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** HKDF "info": a key for this one purpose, unrelated to the cookie and device keys drawn from the same secret. */
const PURPOSE = 'safepoll/free-text/aes-256-gcm/v1';

export class SecretBox {
  private readonly key: Buffer;

  /** `purpose`: the HKDF info; boxes for different things (free text, roster numbers) get unrelated keys. */
  constructor(secret: string, purpose: string = PURPOSE) {
    if (secret.length === 0) throw new Error('SecretBox needs a non-empty secret');
    this.key = Buffer.from(hkdfSync('sha256', secret, 'safepoll', purpose, 32));
  }

  /** `v1.<iv>.<ciphertext>.<tag>` in base64url: text that fits a TEXT column. */
  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv, body, cipher.getAuthTag()].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** The plain text, or undefined when the value was not sealed with this key or was altered. */
  open(sealed: string): string | undefined {
    const parts = sealed.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) return undefined;
    const [iv, body, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}

/** Free text as stored: `shown` (masked) goes in the text column, `sealed` (the original, or null when masking
 * changed nothing) in its encrypted companion. */
export interface ProtectedText {
  shown: string;
  sealed: string | null;
}

export function protectFreeText(box: SecretBox, text: string): ProtectedText {
  const shown = maskPersonalData(text);
  return { shown, sealed: shown === text ? null : box.seal(text) };
}
