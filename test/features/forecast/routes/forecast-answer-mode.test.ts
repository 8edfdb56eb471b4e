// The forecast page states which answers it used (docs/statistics.md#answer-modes): with fewer phone interviews than
// the official sample size, all responses and the mode gap as a caveat; with enough, phone interviews only.
import t from 'tap';
import { build, injectAs, PASSWORD } from '../../../kit/app.js';
import { honestyWorld, type HonestyWorld } from '../../../kit/honesty-rounds.js';
import { closeRoundById } from '../../../../server/features/rounds/rounds-service.js';

async function forecastPage(t: Parameters<typeof build>[0] & { equal(a: unknown, b: unknown): void }, sampleSize: number): Promise<string> {
  let world: HonestyWorld | undefined;
  const { app } = await build(t, {
    seed: (repos, db) => {
      world = honestyWorld(repos, t, PASSWORD, { web: 8, phone: 8 });
      for (const r of world.rounds) closeRoundById(repos, r.id);
      db.prepare(`INSERT INTO forecast_settings (id, survey_key, sample_size, window_weights, updated_at) VALUES (1, 'test-small', ?, '[1]', '2025-05-01T00:00:00Z')`).run(sampleSize);
    },
  });
  const committee = await injectAs(app, 'committee');
  const res = await committee.get('/forecast');
  t.equal(res.statusCode, 200);
  return res.body;
}

t.test('fewer phone interviews than the official sample: all responses, with the mode gap', async (t) => {
  // 12 grids × 8 phone interviews = 96 in the newest round.
  const body = await forecastPage(t, 200);
  t.match(body, '所用答卷：');
  t.match(body, '电话访问答卷只有 96 份，少于正式民调样本量 200 份，使用全部答卷');
  t.match(body, '方式差异：在两种方式都有回答的网格中', 'the mode gap stated');
});

t.test('enough phone interviews: phone only', async (t) => {
  const body = await forecastPage(t, 50);
  t.match(body, '只用电话访问答卷（96 份）');
});
