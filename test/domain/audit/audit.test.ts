// The audit log's pure parts: Chinese names of actions, the detail as a person reads it, the truncated client
// address, the date-range filter in China time.
import t from 'tap';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../../../server/domain/audit/actions.js';
import { describeAuditDetail } from '../../../server/domain/audit/detail.js';
import { truncateAddress } from '../../../server/domain/audit/client-address.js';
import { chinaDayStart, chinaTimestamp, parseAuditFilter } from '../../../server/domain/audit/filter.js';

t.test('every action the product records has a Chinese name', async (t) => {
  for (const action of ['login', 'round.create', 'round.open', 'round.close', 'receipt.assign', 'receipt.answer', 'receipt.close',
    'api-token.create', 'api-token.revoke', 'account.create', 'account.scope', 'account.disable', 'account.enable',
    'account.reset', 'account.password', 'account.sign-out-all', 'account.refused', 'account.disabled-session',
    'cli.units.import', 'cli.rounds.create', 'cli.rounds.open', 'cli.rounds.close', 'cli.responses.import', 'cli.users.create-admin']) {
    t.ok(AUDIT_ACTION_LABELS[action], action);
  }
  t.equal(auditActionLabel('account.create'), '新建账号');
  t.equal(auditActionLabel('something.new'), 'something.new', 'an unknown action is shown as recorded');
});

t.test('details read as Chinese key: value pairs', async (t) => {
  t.equal(describeAuditDetail('{"round":"2026-01-hunan-100","units":3}'), '轮次：2026-01-hunan-100；单位数：3');
  t.equal(describeAuditDetail('{"username":"li","role":"township","unit":null}'), '用户名：li；角色：乡镇/街道综治中心；单位：—');
  t.equal(describeAuditDetail(null), '');
  t.equal(describeAuditDetail('not json'), 'not json');
});

t.test('client addresses are truncated: IPv4 to /24, IPv6 to /48', async (t) => {
  t.equal(truncateAddress('203.0.113.77'), '203.0.113.*');
  t.equal(truncateAddress('::ffff:10.1.2.3'), '10.1.2.*');
  t.equal(truncateAddress('2001:db8:abcd:12::1'), '2001:db8:abcd::/48');
  t.equal(truncateAddress('2001:db8::1'), '2001:db8:0::/48');
  t.equal(truncateAddress('::1'), '0:0:0::/48');
  t.equal(truncateAddress(undefined), null);
  t.equal(truncateAddress('garbage'), null);
});

t.test('date ranges are China-time days; a bad date is named and left out', async (t) => {
  t.equal(chinaDayStart('2026-01-31'), '2026-01-30T16:00:00.000Z');
  t.equal(chinaDayStart('2026-01-31', 1), '2026-01-31T16:00:00.000Z');
  t.equal(chinaDayStart('2026-02-30'), undefined);
  t.equal(chinaTimestamp('2026-01-30T16:05:00.000Z'), '2026-01-31 00:05:00');
  const ok = parseAuditFilter({ action: 'account', user: '7', from: '2026-01-01', to: '2026-01-31' });
  t.same(ok, { filter: { action: 'account', userId: 7, fromIso: '2025-12-31T16:00:00.000Z', toIso: '2026-01-31T16:00:00.000Z' }, errors: [] });
  const bad = parseAuditFilter({ from: '2026-13-01', user: 'x' });
  t.same(bad.filter, {});
  t.match(bad.errors[0], '起始日期无效：2026-13-01');
  t.same(parseAuditFilter({ from: '2026-02-02', to: '2026-02-01' }).errors, ['起始日期不能晚于截止日期']);
});
