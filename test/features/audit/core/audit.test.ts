// The audit log's pure parts: Chinese names of actions, the detail as a person reads it, the truncated client
// address, the date-range filter in China time.
import t from 'tap';
import { AUDIT_ACTION_LABELS, auditActionLabel } from '../../../../server/features/audit/core/actions.js';
import { describeAuditDetail } from '../../../../server/features/audit/detail.js';
import { truncateAddress } from '../../../../server/features/audit/core/client-address.js';
import { parseAuditFilter } from '../../../../server/features/audit/core/filter.js';
import { chinaDayStart, chinaTimestamp } from '../../../../server/core/time/china-time.js';

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

t.test('details spell out codes, nested values and instants; unknown keys and codes still read', async (t) => {
  const names = {
    round: (ref: string | number) => (ref === 7 || ref === 'R1' ? 'R1（示例民调）' : undefined),
    unit: (ref: string | number) => (ref === 3 ? '东门社区（D01-T1-V1）' : undefined),
    account: (id: number) => (id === 5 ? '王五（wangwu）' : undefined),
  };
  t.equal(describeAuditDetail('{"receipt":1,"round":7,"from":"answered","to":"closed"}', 'receipt.close', names),
    '回执编号：1；轮次：R1（示例民调）；原状态：已答复；新状态：已办结');
  t.equal(describeAuditDetail('{"contact":9,"grid":3,"from":"active","to":"do_not_call"}', 'roster.status', names),
    '号码编号：9；网格：东门社区（D01-T1-V1）；原状态：正常；新状态：拒绝再访');
  t.equal(describeAuditDetail('{"assignee":5,"unit":null,"dueAt":"2026-12-20T15:59:59.000Z"}', 'receipt.assign', names),
    '承办人：王五（wangwu）；单位：—；办理期限：2026-12-20 23:59:59');
  t.equal(describeAuditDetail('{"before":{"issuingBody":"甲"},"after":{"issuingBody":"乙","numberPrefix":"清"}}', 'document.issuer'),
    '修改前：（发文机关：甲）；修改后：（发文机关：乙；文号前缀：清）');
  t.equal(describeAuditDetail('{"opened":true,"outcome":"no_answer","questions":["Q1","Q2"]}', 'cati.outcome'),
    '号码已解密：是；通话结果：无人接听；核对的题目：Q1、Q2');
  t.equal(describeAuditDetail('{"somethingNew":"x1","round":99}', 'round.open', names), 'somethingNew：x1；轮次：99',
    'an unknown key is shown as written, a round the names do not know by what was recorded');
});

t.test('every detail key the product writes has a Chinese name', async (t) => {
  const { AUDIT_KEY_LABELS } = await import('../../../../server/features/audit/labels.js');
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) files.push(path);
    }
  };
  walk('server');
  const writers = files.filter((f) => !f.includes(join('features', 'audit')));
  const keys = new Set<string>();
  for (const file of writers) {
    // The object literal of each audit write: `audit.record(who, 'action', { key: …, short, ...spread }, client)`.
    for (const call of readFileSync(file, 'utf8').matchAll(/audit\.record\([^{;]*?\{([^{}]*)\}/g)) {
      for (const m of call[1].matchAll(/(?:^|,)\s*([A-Za-z_]\w*)\s*(?=[:,]|$)/g)) keys.add(m[1]);
    }
  }
  t.ok(keys.size >= 30, `${keys.size} keys found in audit writes`);
  for (const key of keys) t.ok(AUDIT_KEY_LABELS[key], `"${key}" has a Chinese name in features/audit/labels.ts`);
});
