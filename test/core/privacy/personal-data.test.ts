// Phone and ID-card numbers in free text: every way residents type them is found and masked, other text is left alone.
import t from 'tap';
import { containsPersonalData, findPersonalData, maskPersonalData } from '../../../server/core/privacy/personal-data.js';

const MASKED: Array<[string, string]> = [
  ['13812345678', '138****5678'],
  ['电话13812345678谢谢', '电话138****5678谢谢'],
  ['138 1234 5678', '138****5678'],
  ['138-1234-5678', '138****5678'],
  ['138－1234－5678', '138****5678'],
  ['+86 138 1234 5678', '138****5678'],
  ['+8613812345678', '138****5678'],
  ['＋８６ １３８ １２３４ ５６７８', '138****5678'],
  ['008613812345678', '138****5678'],
  ['１３９１２３４５６７８', '139****5678'],
  ['请打19912345678或13712345678', '请打199****5678或137****5678'],
  ['13812345678 13912345678', '138****5678 139****5678'],
  ['138 1234 5678 139 1234 5678', '138****5678 139****5678'],
  ['0731-84123456', '0731-******56'],
  ['073184123456', '0731-******56'],
  ['010-12345678', '010-******78'],
  ['(0731)8412345', '(0731-*****45'],
  ['020 8765 4321', '020-******21'],
  ['110101199003071234', '110***********1234'],
  ['11010119900307123X', '110***********123X'],
  ['身份证 110101 19900307 123x 请核实', '身份证 110***********123X 请核实'],
  ['１１０１０１１９９００３０７１２３４', '110***********1234'],
  ['卡号6222021234567890123', '卡号622************0123'],
  ['138123456781391234', '138***********1234'],
  // Written out in Chinese numerals, as read aloud (幺 for 1) or in the financial forms, with or without separators.
  ['一三九八八八八七七七七', '139****7777'],
  ['我的电话一三九 八八八八 七七七七，请回电', '我的电话139****7777，请回电'],
  ['幺三八-幺二三四-五六七八', '138****5678'],
  ['壹叁捌壹贰叁肆伍陆柒捌', '138****5678'],
  ['电话13９八八八8七七七七', '电话139****7777'],
  ['〇七三一 八四一二三四五六', '0731-******56'],
  ['一一〇一〇一一九九〇〇三〇七一二三四', '110***********1234'],
];

t.test('every format is masked', async (t) => {
  for (const [input, expected] of MASKED) t.equal(maskPersonalData(input), expected, input);
});

t.test('ordinary numbers in suggestions are left alone', async (t) => {
  for (const text of ['路灯坏了3个', '2024年12月1日晚上8点', '大概有1000000元', '门牌号 12-3-401', '2023-2024 两年', 'QQ群 123456789', '一二三四五六七八九', '三三两两来了九个人', '']) {
    t.equal(maskPersonalData(text), text, text);
    t.notOk(containsPersonalData(text));
  }
});

t.test('the kinds and spans found', async (t) => {
  const found = findPersonalData('手机 13812345678，座机 0731-84123456，身份证110101199003071234。');
  t.same(found.map((f) => f.kind), ['mobile', 'landline', 'id-card']);
  t.equal(found[0].start, 3);
  t.equal(found[0].end, 14);
});

t.test('masking is idempotent and leaves no full number behind', async (t) => {
  for (const [input] of MASKED) {
    const once = maskPersonalData(input);
    t.equal(maskPersonalData(once), once, `${input} masked twice`);
    t.notOk(/\d{7,}/.test(once), `${input}: no 7 digits in a row remain`);
  }
});
