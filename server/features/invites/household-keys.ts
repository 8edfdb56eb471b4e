// The keys behind household codes (docs/rules.md#invite-only-rounds), both drawn by HKDF from the server secret for
// their own purpose: one derives a batch's codes from its stored salt (so the slips can be printed again without any
// code being stored), the other hashes a code for storage and lookup (so a copy of the database neither holds a code
// nor lets one be tried offline without the secret, as phone numbers are deduplicated by keyed hash).
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { codeFromDigest } from './core/household-code.js';

const DERIVE_PURPOSE = 'safepoll/household-code/derive/v1';
const HASH_PURPOSE = 'safepoll/household-code/hash/v1';
/** Stored hashes carry this prefix: the invites table also holds the SHA-256 of one-time link tokens. */
const HASH_PREFIX = 'hc1:';

export class HouseholdKeys {
  private readonly deriveKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(secret: string) {
    if (secret.length === 0) throw new Error('HouseholdKeys needs a non-empty secret');
    this.deriveKey = Buffer.from(hkdfSync('sha256', secret, 'safepoll', DERIVE_PURPOSE, 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', secret, 'safepoll', HASH_PURPOSE, 32));
  }

  /** A fresh salt for a new batch. */
  static salt(): string {
    return randomBytes(16).toString('base64url');
  }

  /** The `index`-th code (0-based) of the batch with this id and salt. */
  code(batchId: number, salt: string, index: number): string {
    return codeFromDigest(createHmac('sha256', this.deriveKey).update(`${batchId}:${salt}:${index}`).digest());
  }

  /** Every code of a batch, in slip order. */
  codes(batchId: number, salt: string, size: number): string[] {
    return Array.from({ length: size }, (_, i) => this.code(batchId, salt, i));
  }

  /** What the invites table stores for a code of a round: the round is in the hash, so a code is good in one round. */
  hash(roundId: number, code: string): string {
    return HASH_PREFIX + createHmac('sha256', this.hashKey).update(`${roundId}:${code}`).digest('hex');
  }
}
