// The grid worker printed on posters: a name and a work phone, both or neither, with the mistakes people make typing
// a number answered in Chinese; and the optional worker columns of a units CSV.
import t from 'tap';
import { checkGridWorker } from '../../../server/core/units/grid-worker.js';
import { parseUnitsCsv } from '../../../server/features/units/core/import.js';
import type { UnitLevel } from '../../../server/core/units/unit.js';

t.test('a mobile or a landline with area code is accepted, spaces and full-width dashes tidied', async (t) => {
  t.same(checkGridWorker({ name: ' 李红 ', phone: '138 1234 5678' }), { ok: true, worker: { name: '李红', phone: '13812345678' } });
  t.same(checkGridWorker({ name: '李红', phone: '0731－88886666' }), { ok: true, worker: { name: '李红', phone: '0731-88886666' } });
  t.same(checkGridWorker({ name: '李红', phone: '073188886666-123' }), { ok: true, worker: { name: '李红', phone: '073188886666-123' } });
  t.same(checkGridWorker({ name: '', phone: ' ' }), { ok: true, worker: null }, 'both empty clears it');
});

t.test('half a worker, a bad number or an overlong name is refused in Chinese', async (t) => {
  t.match(checkGridWorker({ name: '李红', phone: '' }), { ok: false, problems: ['请填写网格员工作电话（填写了姓名时必填）'] });
  t.match(checkGridWorker({ name: '', phone: '13812345678' }), { ok: false, problems: ['请填写网格员姓名（填写了电话时必填）'] });
  for (const phone of ['12345', '1381234567', '23812345678', '88886666', '+86 138 1234 5678', '138-1234-5678x']) {
    const checked = checkGridWorker({ name: '李红', phone });
    t.equal(checked.ok, false, phone);
    if (!checked.ok) t.match(checked.problems[0], '工作电话格式不正确', phone);
  }
  t.match(checkGridWorker({ name: '李'.repeat(21), phone: '13812345678' }), { ok: false, problems: ['网格员姓名不能超过 20 个字'] });
  t.match(checkGridWorker({ name: '<b>李红</b>', phone: '13812345678' }), { ok: false, problems: ['网格员姓名含有不允许的字符'] });
});

t.test('a units CSV may carry each grid\'s worker; a bad one is reported with its line', async (t) => {
  const none = new Map<string, UnitLevel>();
  const header = 'code,name,parent_code,level,population,households,网格员,工作电话';
  const good = parseUnitsCsv(`${header}\nD9,新城区,,district,,,,\nD9-T1,一街道,D9,township,,,,\nD9-T1-V1,幸福村,D9-T1,village,,,,\nD9-T1-V1-G1,一号网格,D9-T1-V1,grid,10,3,李红,13812345678\n`, none);
  t.same(good.errors, []);
  t.same(good.rows.find((r) => r.code === 'D9-T1-V1-G1')?.worker, { name: '李红', phone: '13812345678' });
  t.equal(good.rows.find((r) => r.code === 'D9')?.worker, undefined);
  const bad = parseUnitsCsv(`${header}\nD9,新城区,,district,,,张三,13812345678\nD9-T1,一街道,D9,township,,,,\nD9-T1-V1,幸福村,D9-T1,village,,,,\nD9-T1-V1-G1,一号网格,D9-T1-V1,grid,10,3,李红,1234\n`, none);
  t.same(bad.errors.map((e) => e.line), [2, 5]);
  t.match(bad.errors[0].problem, '第 2 行：只有网格可以填写网格员姓名和电话');
  t.match(bad.errors[1].problem, '第 5 行：工作电话格式不正确');
  const without = parseUnitsCsv('code,name,parent_code,level,population,households\nD9,新城区,,district,,\n', none);
  t.same(without.errors, [], 'the worker columns stay optional');
});
