// safepoll results ROUND [--unit CODE] [--format json|csv]: a unit's results and its children's, the same numbers as
// the bulletin and GET /api/rounds/:round/results.
import { resultsReply } from '../../features/results/results-reply.js';
import type { UnitSummary } from '../../core/results/summary.js';
import { csvField } from '../../core/tables/csv.js';
import { choiceOption, CliInputError, stringOption, type CliCommand } from '../context.js';
import { findRound } from './rounds.js';

function csvLines(indexIds: string[], units: UnitSummary[]): string[] {
  const header = ['code', 'name', 'level', 'n', 'composite', 'se', 'lo', 'hi', 'rank', 'rankChange', 'scoreChange', 'insufficient', ...indexIds,
    // Villages and grids: the small-area (model) estimate of the composite (docs/statistics.md#small-area-estimates).
    'smallArea', 'smallAreaLo', 'smallAreaHi', 'gamma', 'smallAreaRank'];
  const rows = units.map((u) => [
    u.code,
    u.name,
    u.level,
    u.n,
    u.composite.value,
    u.composite.se,
    u.composite.lo,
    u.composite.hi,
    u.rank,
    u.rankChange,
    u.scoreChange,
    u.insufficient ? 'true' : 'false',
    ...indexIds.map((id) => u.indices[id]?.value ?? null),
    u.composite.smallArea?.value ?? null,
    u.composite.smallArea?.lo ?? null,
    u.composite.smallArea?.hi ?? null,
    u.composite.smallArea?.gamma ?? null,
    u.smallAreaRank ?? null,
  ]);
  return [header, ...rows].map((cells) => cells.map(csvField).join(','));
}

const results: CliCommand = {
  words: ['results'],
  args: ['ROUND'],
  summary: '打印某轮某单位及其直属下级单位的结果（与通报、API 相同的数字）',
  options: {
    unit: { type: 'string', placeholder: 'CODE', description: '单位编码；默认本轮最上级单位' },
    format: { type: 'string', placeholder: 'json|csv', description: '输出格式，默认 json（得分 0–100，比率 0–1）' },
  },
  details: ['例：safepoll results 2025-03-hunan-100 --unit D01-T1 --format csv > 东城街道.csv'],
  run({ repos, io }, { positionals, values }) {
    const format = choiceOption(values, 'format', ['json', 'csv']);
    const round = findRound(repos, positionals[0]);
    const code = stringOption(values, 'unit');
    const reply = resultsReply(repos, round, code);
    if (reply === 'round-empty') throw new CliInputError(`轮次 ${round.code} 没有任何单位`);
    if (reply === 'unit-unknown') throw new CliInputError(`找不到单位 "${code ?? ''}"`);
    if (reply === 'unit-outside') throw new CliInputError(`单位 ${code ?? ''} 不在轮次 ${round.code} 的范围内`);
    if (format === 'csv') {
      const indexIds = Object.keys(reply.unit.indices);
      for (const line of csvLines(indexIds, [reply.unit, ...reply.children])) io.out(line);
      return 0;
    }
    io.out(JSON.stringify(reply, null, 2));
    return 0;
  },
};

export const resultsCommands: readonly CliCommand[] = [results];
