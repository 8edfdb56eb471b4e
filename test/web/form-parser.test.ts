// The resident form's body parser: UTF-8 only, as browsers send it; anything else is refused, not kept as garbage.
import t from 'tap';
import { parseFormBody } from '../../server/web/form-parser.js';

const parse = (body: string | Buffer) => parseFormBody(typeof body === 'string' ? Buffer.from(body) : body);

t.test('names and values are decoded as a browser encodes them', async (t) => {
  const fields = parse(`q_S1=1&q_Q1a=A&q_Q1a=C&q_Q15=${encodeURIComponent('路灯坏了 & 没人修')}&empty=&bare&a+b=c+d%2B`);
  t.same({ ...fields }, { q_S1: '1', q_Q1a: ['A', 'C'], q_Q15: '路灯坏了 & 没人修', empty: '', bare: '', 'a b': 'c d+' });
  t.same({ ...parse('') }, {});
  t.same({ ...parse('&&x=1&') }, { x: '1' });
  t.equal(Object.getPrototypeOf(parse('__proto__=1')), null, 'a field called __proto__ is only a field');
  t.equal(parse('__proto__=1').__proto__, '1');
});

t.test('a U+FFFD the resident typed is kept: it is text, not a broken byte', async (t) => {
  t.equal(parse(`q_Q15=${encodeURIComponent('看不清�的字')}`).q_Q15, '看不清�的字');
});

t.test('bytes or escapes that are not UTF-8, and stray %, are refused with the Chinese message', async (t) => {
  for (const body of ['q_Q15=%C4%E3%BA%C3', 'q_Q15=%E4%B8', '%FF=1', 'q_Q15=100%', 'q_Q15=%zz', Buffer.from([0x71, 0x3d, 0xc4, 0xe3])]) {
    t.throws(() => parse(body), { code: 'SP_BAD_ENCODING', statusCode: 400, message: '提交的内容编码有误，请使用 UTF-8 重新提交' }, String(body));
  }
});
