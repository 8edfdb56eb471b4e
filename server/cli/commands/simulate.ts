// safepoll simulate ROUND [--n N] [--seed S]: generates simulated respondents for an open round (see server/demo).
import { CliInputError, countOption, type CliCommand } from '../context.js';
import { findRound } from './rounds.js';

function totals(counts: Map<number, { complete: number; screenedOut: number }>): { complete: number; screenedOut: number } {
  let complete = 0;
  let screenedOut = 0;
  for (const c of counts.values()) {
    complete += c.complete;
    screenedOut += c.screenedOut;
  }
  return { complete, screenedOut };
}

const simulate: CliCommand = {
  words: ['simulate'],
  args: ['ROUND'],
  summary: '为一个进行中的轮次生成模拟受访者（按各单位满意度水平，含说不清、甄别退出和建议）',
  options: {
    n: { type: 'string', placeholder: 'N', description: '生成的答卷数（默认按每网格配额）' },
    seed: { type: 'string', placeholder: 'S', description: '随机种子（整数），相同种子得到相同结果' },
  },
  async run({ repos, io }, { positionals: [name], values }) {
    const round = findRound(repos, name);
    if (round.state !== 'open') throw new CliInputError(`轮次 ${round.code} 不在进行中（${round.state === 'draft' ? '尚未开启' : '已结束'}），不能模拟`);
    const n = countOption(values, 'n');
    const seed = countOption(values, 'seed');
    // Loaded only when used, so that the other commands do not pay for the simulation's code.
    const { simulateRound } = await import('../../demo/simulate-round.js');
    const before = totals(repos.responses.countByGrid(round.id));
    await simulateRound(repos, round, { n, seed });
    const after = totals(repos.responses.countByGrid(round.id));
    const complete = after.complete - before.complete;
    const screenedOut = after.screenedOut - before.screenedOut;
    io.out(`已为轮次 ${round.code} 生成 ${complete + screenedOut} 份模拟答卷（完成 ${complete}，甄别退出 ${screenedOut}）${seed !== undefined ? `，种子 ${seed}` : ''}`);
    return 0;
  },
};

export const simulateCommands: CliCommand[] = [simulate];
