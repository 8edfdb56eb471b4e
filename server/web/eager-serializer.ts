// A route's reply serializer with its validators compiled when the server starts. fast-json-stringify serializes a
// union (a number or null, an estimate or null) by asking ajv which branch the value matches, and compiles those
// checks on the first reply that needs them: the first results API read after a start held the event loop 50–90 ms
// doing so (bench/event-loop.ts, first results API read, closed round, demo district, 2026-12-07). Compiling them for
// every route at start added about half a second to each start, so only the routes with large union-heavy replies
// ask for it. The serialized text is fast-json-stringify's own for the same schema.
import fastJsonStringify, { type Schema } from 'fast-json-stringify';

/** For a route's `serializerCompiler` option. */
export function eagerSerializer({ schema }: { schema: unknown }): (data: unknown) => string {
  return fastJsonStringify(schema as Schema, { compileValidators: true });
}
