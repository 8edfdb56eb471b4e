// What the roster's search box reads: a whole number (any usual way of typing it), part of a name, or a problem that
// never repeats the digits typed.
import t from 'tap';
import { readRosterSearch } from '../../../../server/features/roster/core/search.js';

t.test('numbers, names and problems', async (t) => {
  t.match(readRosterSearch(' 138 1234-1234 '), { kind: 'number', phone: { canonical: '13812341234', masked: '138****1234' } });
  t.match(readRosterSearch('(0731) 8412-3456'), { kind: 'number', phone: { canonical: '0731-84123456' } });
  t.same(readRosterSearch(' 张 '), { kind: 'name', text: '张' });
  t.same(readRosterSearch('王小明'), { kind: 'name', text: '王小明' });
  t.same(readRosterSearch('  '), { kind: 'problem', message: '请输入要查找的完整号码或姓名' });
  const partial = readRosterSearch('1381234');
  t.equal(partial.kind, 'problem', 'a part of a number cannot be matched');
  t.notMatch(partial.kind === 'problem' ? partial.message : '', '1381234', 'and is not echoed');
});
