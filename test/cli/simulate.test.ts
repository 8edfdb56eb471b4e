// `safepoll simulate ROUND`: refuses rounds that do not take responses and bad numbers before generating anything.
import t from 'tap';
import { cliKit, fixturePath } from '../kit/cli.js';

t.test('simulate refuses an unknown round, a draft round and bad numbers', async (t) => {
  const cli = cliKit(t);
  await cli.run('units', 'import', fixturePath('units-good.csv'));
  await cli.run('rounds', 'create', '--survey', 'hunan-100', '--period', '2025-03');
  const unknown = await cli.run('simulate', '2030-01-none');
  t.equal(unknown.code, 1);
  t.match(unknown.err, '找不到轮次 "2030-01-none"');
  const draft = await cli.run('simulate', '2025-03-hunan-100');
  t.equal(draft.code, 1);
  t.match(draft.err, '轮次 2025-03-hunan-100 不在进行中（尚未开启）');
  await cli.run('rounds', 'open', '2025-03-hunan-100');
  const badN = await cli.run('simulate', '2025-03-hunan-100', '--n', 'lots');
  t.equal(badN.code, 1);
  t.match(badN.err, '--n 必须是不小于 0 的整数，收到 "lots"');
  const badSeed = await cli.run('simulate', '2025-03-hunan-100', '--seed', '1.5');
  t.equal(badSeed.code, 1);
  t.match(badSeed.err, '--seed 必须是不小于 0 的整数');
  cli.inspect((repos) => t.equal(repos.responses.countByGrid(repos.rounds.getByCode('2025-03-hunan-100')?.id ?? -1).size, 0));
});

t.test('simulate fills an open round with the number asked for, the same way for the same seed', async (t) => {
  const counts = async (): Promise<{ out: string; stored: number; screened: number }> => {
    const cli = cliKit(t);
    await cli.run('units', 'import', fixturePath('units-good.csv'));
    await cli.run('rounds', 'create', '--survey', 'hunan-100', '--period', '2025-03');
    await cli.run('rounds', 'open', '2025-03-hunan-100');
    const run = await cli.run('simulate', '2025-03-hunan-100', '--n', '40', '--seed', '7');
    t.equal(run.code, 0, run.err);
    return cli.inspect((repos) => {
      const round = repos.rounds.getByCode('2025-03-hunan-100');
      let stored = 0;
      let screened = 0;
      for (const c of repos.responses.countByGrid(round?.id ?? -1).values()) {
        stored += c.complete + c.screenedOut;
        screened += c.screenedOut;
      }
      return { out: run.out, stored, screened };
    });
  };
  const first = await counts();
  t.equal(first.stored, 40, '40 responses stored');
  t.match(first.out, `已为轮次 2025-03-hunan-100 生成 40 份模拟答卷（完成 ${40 - first.screened}，甄别退出 ${first.screened}）`);
  t.match(first.out, '种子 7');
  const second = await counts();
  t.same(second, first, 'the same seed gives the same respondents');
});
