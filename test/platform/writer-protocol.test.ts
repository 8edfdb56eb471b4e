// The answers' packed form between the server and the writer's thread: every answer comes back as it went.
import t from 'tap';
import { packAnswers, unpackAnswers, wireError, errorOf } from '../../server/platform/writer-protocol.js';
import type { Answers } from '../../server/core/survey/model.js';

t.test('answers unpack to what was packed: choices, several codes, 其他 text, free text', async (t) => {
  const answers: Answers = {
    S1: { kind: 'choice', codes: ['1'] },
    Q7: { kind: 'choice', codes: ['A', 'C', 'D'] },
    Q9: { kind: 'choice', codes: ['X'], other: '小区保安' },
    Q10: { kind: 'choice', codes: ['X'], other: '' },
    Q15: { kind: 'text', text: '希望晚上多巡逻，\n路灯坏了。' },
    Q16: { kind: 'text', text: '' },
  };
  const packed = packAnswers(answers);
  t.ok(packed.startsWith('P'), 'the compact form');
  t.same(unpackAnswers(packed), answers);
  t.same(unpackAnswers(packAnswers({})), {});
});

t.test('a string holding a separator travels as JSON, unchanged', async (t) => {
  for (const answers of [
    { Q15: { kind: 'text', text: 'a\u0001b\u0002c' } },
    { Q9: { kind: 'choice', codes: ['X'], other: '\u0003' } },
    { Q7: { kind: 'choice', codes: ['A\u0002'] } },
    { 'Q\u00011': { kind: 'choice', codes: ['A'] } },
    { Q8: { kind: 'choice', codes: [] } },
  ] as Answers[]) {
    const packed = packAnswers(answers);
    t.ok(packed.startsWith('J'), JSON.stringify(answers));
    t.same(unpackAnswers(packed), answers);
  }
});

t.test('an error crosses with its name, message and SQLite code', async (t) => {
  const sqlite = Object.assign(new Error('UNIQUE constraint failed'), { name: 'SqliteError', code: 'SQLITE_CONSTRAINT_UNIQUE' });
  t.match(errorOf(wireError(sqlite)), { name: 'SqliteError', message: 'UNIQUE constraint failed', code: 'SQLITE_CONSTRAINT_UNIQUE' });
  const plain = errorOf(wireError(new TypeError('bad')));
  t.match(plain, { name: 'TypeError', message: 'bad' });
  t.notOk('code' in plain);
  t.match(errorOf(wireError('a string')), { name: 'Error', message: 'a string' });
});
