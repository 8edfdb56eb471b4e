// safepoll results: the same numbers as the API, as JSON or CSV.
import t from 'tap';
import { parse } from 'csv-parse/sync';
import { cliKit } from '../kit/cli.js';
import { R_DATA, answerGrids, smallRound } from '../kit/results-domain.js';

function prepare(t: Parameters<typeof cliKit>[0]) {
  const kit = cliKit(t);
  const code = kit.inspect((repos) => {
    const s = smallRound(repos, t);
    answerGrids(repos, s, R_DATA);
    return s.round.code;
  });
  return { kit, code };
}

t.test('JSON: the top unit and its children', async (t) => {
  const { kit, code } = prepare(t);
  const res = await kit.run('results', code);
  t.equal(res.code, 0, res.err);
  const body: unknown = JSON.parse(res.out);
  if (typeof body !== 'object' || body === null || !('unit' in body) || !('children' in body)) throw new Error('unexpected output');
  t.match(body.unit, { code: 'D01', n: 18, level: 'district' });
  t.match(body.children, [{ rank: 1 }, { rank: 2 }]);
  const unit = body.unit;
  const composite = typeof unit === 'object' && unit !== null && 'composite' in unit ? unit.composite : undefined;
  const value = typeof composite === 'object' && composite !== null && 'value' in composite ? composite.value : undefined;
  // The district composite from R (test/core/results/results.test.ts).
  t.ok(typeof value === 'number' && Math.abs(value - 60.2544117647) < 1e-9, `composite ${String(value)}`);
});

t.test('CSV of a township and its village', async (t) => {
  const { kit, code } = prepare(t);
  const res = await kit.run('results', code, '--unit', 'D01-T2', '--format', 'csv');
  t.equal(res.code, 0, res.err);
  const rows: Array<Record<string, string>> = parse(res.out, { columns: true });
  t.same(rows.map((r) => r.code), ['D01-T2', 'D01-T2-V1']);
  t.equal(rows[0].n, '8');
  t.equal(rows[0].insufficient, 'false');
  t.ok('a' in rows[0] && 'b' in rows[0] && 'c' in rows[0], 'a column per index');
});

t.test('bad input', async (t) => {
  const { kit, code } = prepare(t);
  const unknownRound = await kit.run('results', 'no-such-round');
  t.equal(unknownRound.code, 1);
  t.match(unknownRound.err, '找不到轮次');
  const unknownUnit = await kit.run('results', code, '--unit', 'X9');
  t.equal(unknownUnit.code, 1);
  t.match(unknownUnit.err, '找不到单位');
  const format = await kit.run('results', code, '--format', 'xml');
  t.equal(format.code, 1);
  t.match(format.err, '--format');
});
