// safepoll simulate ROUND [--n N] [--seed S]: generates simulated respondents for an open round (see server/demo).
import { simulateRound } from '../../demo/simulate-round.js';
import { SimulationError } from '../../demo/simulate/respondents.js';
import { CliInputError, countOption, type CliCommand } from '../context.js';
import { findRound } from './rounds.js';

const simulate: CliCommand = {
  words: ['simulate'],
  args: ['ROUND'],
  summary: '为一个进行中的轮次生成模拟受访者（按各单位满意度水平，含说不清、甄别退出和建议）',
  options: {
    n: { type: 'string', placeholder: 'N', description: '生成的答卷数（默认按每网格配额）' },
    seed: { type: 'string', placeholder: 'S', description: '随机种子（整数），相同种子得到相同结果' },
  },
  run({ repos, io }, { positionals: [name], values }) {
    const round = findRound(repos, name);
    if (round.state !== 'open') throw new CliInputError(`轮次 ${round.code} 不在进行中（${round.state === 'draft' ? '尚未开启' : '已结束'}），不能模拟`);
    const n = countOption(values, 'n');
    const seed = countOption(values, 'seed');
    let summary;
    try {
      summary = simulateRound(repos, round, { n, seed });
    } catch (err) {
      if (err instanceof SimulationError) throw new CliInputError(err.message);
      throw err;
    }
    const complete = summary.responses - summary.screenedOut;
    io.out(
      `已为轮次 ${round.code} 生成 ${summary.responses} 份模拟答卷（完成 ${complete}，甄别退出 ${summary.screenedOut}）` +
        `，电话记录 ${summary.calls} 条${seed !== undefined ? `，种子 ${seed}` : ''}`,
    );
    return 0;
  },
};

export const simulateCommands: CliCommand[] = [simulate];
