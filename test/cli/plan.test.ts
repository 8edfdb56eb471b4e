// safepoll plan: the planner's figures from a closed round (docs/statistics.md#sample-planner), as JSON or a paragraph.
import t from 'tap';
import { cliKit } from '../kit/cli.js';
import { answerBigRound, bigRound } from '../kit/small-area-domain.js';
import { closeRoundById } from '../../server/features/rounds/rounds-service.js';

t.test('plan ROUND --level grid --format json, and refusals', async (t) => {
  const kit = cliKit(t);
  const code = kit.inspect((repos) => {
    const s = bigRound(repos, t);
    answerBigRound(repos, s);
    return s.round.code;
  });
  const open = await kit.run('plan', code, '--level', 'grid');
  t.equal(open.code, 1);
  t.match(open.err, '尚未结束');
  kit.inspect((repos) => closeRoundById(repos, repos.rounds.getByCode(code)?.id ?? 0));
  const res = await kit.run('plan', code, '--level', 'grid', '--format', 'json');
  t.equal(res.code, 0, res.err);
  const p = JSON.parse(res.out);
  t.equal(p.level, 'grid');
  t.ok(typeof p.c === 'number' && typeof p.sigma2u === 'number' && typeof p.meanGamma === 'number');
  t.same(Object.keys(p.nForReliability), ['0.7', '0.8']);
  t.same(Object.keys(p.nForChange), ['5', '10']);
  const text = await kit.run('plan', code, '--format', 'text');
  t.match(text.out, '网格排名的可靠度约为');
  const bad = await kit.run('plan', code, '--level', 'township');
  t.equal(bad.code, 1);
  t.match(bad.err, '--level 只能是 grid 或 village，收到 "township"');
  const badFormat = await kit.run('plan', code, '--format', 'xml');
  t.equal(badFormat.code, 1);
  t.match(badFormat.err, '--format 只能是 json 或 text，收到 "xml"');
});
