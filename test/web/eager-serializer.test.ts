// The results API's reply serializer (server/web/eager-serializer.ts) compiles its union checks when the route is
// built, so the first reply compiles nothing on the event loop (that compile was the first results read's 50–90 ms
// block), and it writes the same JSON text as fast-json-stringify's default build.
import t from 'tap';
import { Ajv } from 'ajv';
import fastJsonStringify from 'fast-json-stringify';
import { eagerSerializer } from '../../server/web/eager-serializer.js';
import { RoundResultsReply } from '../../server/features/results/schemas.js';
import { Type } from '@sinclair/typebox';

/** How many schemas ajv compiles while `run` runs (ajv compiles a schema the first time a check needs it). */
function compiles(run: () => void): number {
  const proto = Ajv.prototype as unknown as { _compileSchemaEnv: (...args: unknown[]) => unknown };
  const original = proto._compileSchemaEnv;
  let count = 0;
  proto._compileSchemaEnv = function (this: unknown, ...args: unknown[]) {
    count += 1;
    return original.apply(this, args);
  };
  try {
    run();
  } finally {
    proto._compileSchemaEnv = original;
  }
  return count;
}

const Reply = Type.Object({
  value: Type.Union([Type.Number(), Type.Null()]),
  range: Type.Union([Type.Tuple([Type.Integer(), Type.Integer()]), Type.Null()]),
  estimate: Type.Union([Type.Object({ value: Type.Number(), se: Type.Union([Type.Number(), Type.Null()]) }), Type.Null()]),
});
const replies = [
  { value: 81.234, range: [1, 3], estimate: { value: 80.5, se: null } },
  { value: null, range: null, estimate: null, extra: '不写出' },
];

t.test('the unions are compiled when the serializer is built; the first reply compiles nothing', async (t) => {
  let serialize: (data: unknown) => string = () => '';
  t.ok(compiles(() => (serialize = eagerSerializer({ schema: Reply }))) > 0, 'compiled when built');
  t.equal(compiles(() => replies.forEach((r) => serialize(r))), 0, 'nothing compiled when replying');
  const lazy = fastJsonStringify(Reply);
  t.ok(compiles(() => replies.forEach((r) => lazy(r))) > 0, 'the default build compiles them on the first reply');
});

t.test('the same JSON text as the default build', async (t) => {
  const eager = eagerSerializer({ schema: Reply });
  const lazy = fastJsonStringify(Reply);
  for (const r of replies) t.equal(eager(r), lazy(r));
  t.doesNotThrow(() => eagerSerializer({ schema: RoundResultsReply }), 'the results reply schema builds');
});
