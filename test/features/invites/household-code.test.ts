// The rules of household codes (server/features/invites/core/household-code.ts) and their keys (household-keys.ts),
// with plain values.
import t from 'tap';
import {
  batchSize, CODE_MESSAGES, codeFromDigest, formatCode, MAX_BATCH, readCode, slipSheets, slipsPerPageOf,
} from '../../../server/features/invites/core/household-code.js';
import { HouseholdKeys } from '../../../server/features/invites/household-keys.js';

t.test('a code is twelve digits from the first eight bytes of a digest, modulo 10^12', async (t) => {
  t.equal(codeFromDigest(new Uint8Array(32)), '000000000000', 'zero stays zero, padded');
  // 0x0000000000000001 → 1
  t.equal(codeFromDigest(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1])), '000000000001');
  // 2^64 − 1 = 18446744073709551615 → its last twelve digits 073709551615
  t.equal(codeFromDigest(new Uint8Array(8).fill(255)), '073709551615');
  // bytes after the eighth do not matter
  t.equal(codeFromDigest(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 7, 9, 9])), '000000000007');
  t.throws(() => codeFromDigest(new Uint8Array(7)));
});

t.test('slips print the code in groups of four', async (t) => {
  t.equal(formatCode('123456789012'), '1234 5678 9012');
});

t.test('what a resident typed is read forgivingly: spaces, dashes, full-width digits', async (t) => {
  t.same(readCode('1234 5678 9012'), { kind: 'code', code: '123456789012' });
  t.same(readCode(' 1234-5678-9012 '), { kind: 'code', code: '123456789012' });
  t.same(readCode('１２３４５６７８９０１２'), { kind: 'code', code: '123456789012' }, 'full-width digits');
  t.same(readCode('一二三四 五六七八 九〇一二'), { kind: 'code', code: '123456789012' }, 'Chinese numerals');
  t.same(readCode(''), { kind: 'empty' });
  t.same(readCode(undefined), { kind: 'empty' });
  t.same(readCode('   '), { kind: 'empty' });
  t.same(readCode('12345678901'), { kind: 'malformed' }, 'eleven digits');
  t.same(readCode('1234567890123'), { kind: 'malformed' }, 'thirteen digits');
  t.same(readCode('12345678901O'), { kind: 'malformed' }, 'a letter O');
  for (const message of Object.values(CODE_MESSAGES)) t.match(message, /[\u4e00-\u9fff]/, 'messages are Chinese');
});

t.test('a batch has the typed count, else the grid households, from 1 to the maximum', async (t) => {
  t.same(batchSize('25', 300), { ok: true, size: 25 }, 'the typed number wins');
  t.same(batchSize('', 300), { ok: true, size: 300 }, 'nothing typed: one per household');
  t.same(batchSize(' ３ ', null), { ok: true, size: 3 }, 'full-width digits');
  t.match(batchSize('', null), { ok: false, message: /没有登记户数/ });
  t.match(batchSize('', 0), { ok: false, message: /没有登记户数/ });
  t.match(batchSize('', MAX_BATCH + 1), { ok: false, message: /分批/ });
  t.match(batchSize('0', 300), { ok: false, message: /1 到 2000/ });
  t.match(batchSize(String(MAX_BATCH + 1), 300), { ok: false, message: /1 到 2000/ });
  t.same(batchSize(String(MAX_BATCH), 300), { ok: true, size: MAX_BATCH });
  t.match(batchSize('1e3', 300), { ok: false, message: /正整数/ });
  t.match(batchSize('-5', 300), { ok: false, message: /正整数/ });
});

t.test('slips fall onto sheets of four or eight; every sheet but the last ends its page', async (t) => {
  const slips = Array.from({ length: 9 }, (_, i) => i);
  t.same(slipSheets(slips, 4), [{ slips: [0, 1, 2, 3], last: false }, { slips: [4, 5, 6, 7], last: false }, { slips: [8], last: true }]);
  t.same(slipSheets(slips, 8), [{ slips: [0, 1, 2, 3, 4, 5, 6, 7], last: false }, { slips: [8], last: true }]);
  t.same(slipSheets([], 4), []);
  t.equal(slipsPerPageOf('8'), 8);
  t.equal(slipsPerPageOf('5'), 4, 'anything else: four');
  t.equal(slipsPerPageOf(undefined), 4);
});

t.test('codes are derived again from the batch and salt; hashes are keyed and bound to the round', async (t) => {
  const keys = new HouseholdKeys('secret one');
  const codes = keys.codes(7, 'salt', 50);
  t.same(keys.codes(7, 'salt', 50), codes, 'the same batch prints the same codes again');
  t.equal(new Set(codes).size, 50, 'a batch has distinct codes');
  for (const c of codes) t.match(c, /^\d{12}$/);
  t.not(keys.codes(7, 'other salt', 1)[0], codes[0], 'another salt, other codes');
  t.not(keys.codes(8, 'salt', 1)[0], codes[0], 'another batch, other codes');
  t.not(new HouseholdKeys('secret two').codes(7, 'salt', 1)[0], codes[0], 'another secret, other codes');
  const hash = keys.hash(3, codes[0]);
  t.match(hash, /^hc1:[0-9a-f]{64}$/);
  t.notOk(hash.includes(codes[0]), 'the hash does not hold the code');
  t.not(keys.hash(4, codes[0]), hash, 'a code hashes differently in another round');
  t.not(new HouseholdKeys('secret two').hash(3, codes[0]), hash, 'the hash needs the secret');
  t.throws(() => new HouseholdKeys(''));
});
