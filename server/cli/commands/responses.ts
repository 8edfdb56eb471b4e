// safepoll responses import ROUND FILE.csv
import { parseResponsesCsv } from '../../domain/responses/csv-import.js';
import { CliInputError, type CliCommand } from '../context.js';
import { readUtf8File } from '../read-file.js';
import { findRound } from './rounds.js';

const importResponses: CliCommand = {
  words: ['responses', 'import'],
  args: ['ROUND', 'FILE.csv'],
  summary: '导入在别处收集的答卷（纸质录入 Excel、其他系统）；逐行按网页提交同样校验，有任何错误行则一份也不导入',
  details: [
    '每行一份答卷：第一列 grid（网格编码），之后每列一个题号（含甄别题），填选项编码；',
    '多选题的多个编码用 ; 分隔，文字题照原文填写，空白表示未作答。文件须为 UTF-8（可带 BOM）。',
  ],
  run({ repos, db, io }, { positionals: [roundName, file] }) {
    const round = findRound(repos, roundName);
    if (round.state !== 'open') {
      throw new CliInputError(`轮次 ${round.code} ${round.state === 'draft' ? '尚未开启（先运行 safepoll rounds open）' : '已结束，不再接收答卷'}`);
    }
    if (!round.channels.includes('paper')) throw new CliInputError(`轮次 ${round.code} 未启用纸质录入（收集方式：${round.channels.join(',')}）`);
    const version = repos.surveys.getVersion(round.surveyVersionId);
    if (!version) throw new CliInputError(`轮次 ${round.code} 的问卷版本 ${round.surveyVersionId} 不存在`);
    const survey = version.survey;
    const text = readUtf8File(file);
    const { responses, errors } = parseResponsesCsv(text, survey, (code) => {
      const unit = repos.units.getByCode(code);
      if (!unit) return { problem: `网格编码 "${code}" 不存在` };
      if (unit.level !== 'grid') return { problem: `"${code}" 不是网格` };
      if (!repos.rounds.coversGrid(round, unit.id)) return { problem: `网格 "${code}" 不在轮次 ${round.code} 的范围内` };
      return { gridId: unit.id };
    });
    if (errors.length > 0) {
      throw new CliInputError(`${file} 有 ${errors.length} 处错误，没有导入任何答卷：`, errors.map((e) => `  ${e.problem}`));
    }
    const ids = db.transaction(() => {
      const stored = repos.responses.insertMany(
        responses.map((r) => ({ roundId: round.id, gridId: r.gridId, channel: 'paper' as const, status: r.status, answers: r.answers, survey })),
      );
      repos.audit.record(null, 'cli.responses.import', { round: round.code, file, responses: stored.length });
      return stored;
    })();
    const screenedOut = responses.filter((r) => r.status === 'screened_out').length;
    io.out(`已导入 ${ids.length} 份答卷到轮次 ${round.code}（完成 ${ids.length - screenedOut}，甄别退出 ${screenedOut}），来自 ${new Set(responses.map((r) => r.gridId)).size} 个网格`);
    return 0;
  },
};

export const responsesCommands: CliCommand[] = [importResponses];
