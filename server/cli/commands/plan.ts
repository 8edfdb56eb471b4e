// safepoll plan ROUND [--level grid|village] [--format json|text]: the sample planner's advice from a closed round
// (docs/statistics.md#sample-planner), the same figures as GET /api/rounds/:round/planning.
import { planningFor, REFUSAL_MESSAGES } from '../../features/planning/planning-service.js';
import { choiceOption, CliInputError, type CliCommand } from '../context.js';
import { findRound } from './rounds.js';

const plan: CliCommand = {
  words: ['plan'],
  args: ['ROUND'],
  summary: '抽样设计建议：依据已结束轮次，给出排名可靠度与所需样本量',
  options: {
    level: { type: 'string', placeholder: 'grid|village', description: '层级，默认 grid（网格）' },
    format: { type: 'string', placeholder: 'json|text', description: '输出格式，默认 json' },
  },
  details: ['例：safepoll plan 2025-03-hunan-100 --level grid --format json'],
  run({ repos, io }, { positionals, values }) {
    const level = choiceOption(values, 'level', ['grid', 'village']);
    const format = choiceOption(values, 'format', ['json', 'text']);
    const round = findRound(repos, positionals[0]);
    const advice = planningFor(repos, round, level);
    if (typeof advice === 'string') throw new CliInputError(REFUSAL_MESSAGES[advice]);
    io.out(format === 'json' ? JSON.stringify(advice, null, 2) : advice.paragraph);
    return 0;
  },
};

export const planCommands: readonly CliCommand[] = [plan];
