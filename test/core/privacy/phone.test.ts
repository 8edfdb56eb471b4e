// Roster number rules: every way a mainland number is typed reads as one canonical form, masked the same way; what is
// not a usable number gets a Chinese reason.
import t from 'tap';
import { maskCanonical, parsePhone } from '../../../server/core/privacy/phone.js';

function canonical(raw: string): string {
  const r = parsePhone(raw);
  return r.ok ? r.phone.canonical : `ERROR ${r.problem}`;
}

t.test('mobile numbers in every common format', async (t) => {
  const forms = [
    '13812341234', '138 1234 1234', '138-1234-1234', '138.1234.1234', '+8613812341234', '+86 138 1234 1234',
    '+86-138-1234-1234', '008613812341234', '0086 138 1234 1234', '86 13812341234', '１３８１２３４１２３４',
    '＋８６ １３８－１２３４－１２３４', ' 13812341234 ', '138\u30001234\u30001234', '(+86)13812341234',
  ];
  for (const f of forms) t.equal(canonical(f), '13812341234', JSON.stringify(f));
  for (const prefix of ['13', '14', '15', '16', '17', '18', '19']) t.equal(canonical(`${prefix}012345678`), `${prefix}012345678`);
  const r = parsePhone('+86 138-1234-1234');
  t.same(r.ok && r.phone, { kind: 'mobile', canonical: '13812341234', masked: '138****1234' });
});

t.test('landlines with 3- and 4-digit area codes', async (t) => {
  t.equal(canonical('0731-84123456'), '0731-84123456');
  t.equal(canonical('073184123456'), '0731-84123456');
  t.equal(canonical('0731 8412 3456'), '0731-84123456');
  t.equal(canonical('(0731)84123456'), '0731-84123456');
  t.equal(canonical('（0731）84123456'), '0731-84123456');
  t.equal(canonical('+86 731 84123456'), '0731-84123456');
  t.equal(canonical('0086-731-84123456'), '0731-84123456');
  t.equal(canonical('010-62345678'), '010-62345678');
  t.equal(canonical('01062345678'), '010-62345678');
  t.equal(canonical('02162345678'), '021-62345678');
  t.equal(canonical('0743-8123456'), '0743-8123456', '7-digit local number');
  t.equal(canonical('07438123456'), '0743-8123456');
  t.equal(canonical('０７３１－８４１２３４５６'), '0731-84123456', 'full-width');
  t.equal(canonical('一三九八八八八七七七七'), '13988887777', 'Chinese numerals');
  t.equal(canonical('〇七三一-八四一二三四五六'), '0731-84123456', 'Chinese numerals with the area code separated');
  const r = parsePhone('0731-84123456');
  t.same(r.ok && r.phone, { kind: 'landline', canonical: '0731-84123456', masked: '0731-****3456' });
  const short = parsePhone('0743-8123456');
  t.equal(short.ok && short.phone.masked, '0743-***3456');
});

t.test('malformed numbers get a Chinese reason', async (t) => {
  const bad: Array<[string, RegExp]> = [
    ['', /号码为空/],
    ['   ', /号码为空/],
    ['1381234123', /手机号码 .* 无效/],
    ['138123412345', /手机号码 .* 无效/],
    ['12812341234', /手机号码 .* 无效/],
    ['138-1234-12a4', /数字以外/],
    ['电话13812341234', /数字以外/],
    ['0731-84123456转801', /分机号/],
    ['0731-84123456 ext 801', /分机号/],
    ['13812341234#2', /分机号/],
    ['0731-123', /位数不对/],
    ['0731-0123456', /7–8 位/],
    ['84123456', /区号/],
    ['+1 415 555 0100', /不是中国大陆号码/],
    ['001 415 555 0100', /不是中国大陆号码/],
  ];
  for (const [raw, problem] of bad) {
    const r = parsePhone(raw);
    t.equal(r.ok, false, JSON.stringify(raw));
    if (!r.ok) t.match(r.problem, problem, JSON.stringify(raw));
  }
});

t.test('masks never show more than the first three and last four digits', async (t) => {
  t.equal(maskCanonical('13812341234'), '138****1234');
  t.equal(maskCanonical('0731-84123456'), '0731-****3456');
  t.equal(maskCanonical('010-62345678'), '010-****5678');
});
