// safepoll responses import ROUND FILE.csv
// Paper questionnaires keyed in elsewhere (Excel) and answers from other tools come in here. They go through the same
// submission service as the resident form and the API, as channel `paper`: the round must be open and collect paper
// answers (a web- or phone-only round refuses the file), every row is checked like a web submission, and the
// responses with their receipts and the audit entry are stored in one transaction, all or none.
import { parseResponsesCsv } from '../../features/responses/core/csv-import.js';
import type { IntakeRefusal } from '../../features/responses/core/intake.js';
import type { Round } from '../../core/rounds/round.js';
import { directSink, SubmissionService } from '../../features/responses/submissions.js';
import { CliInputError, type CliCommand } from '../context.js';
import { readUtf8File } from '../read-file.js';
import { findRound } from './rounds.js';
import { ofRound } from '../../features/surveys/surveys-service.js';

/** The refusal as the CLI says it, with what to do next where there is something to do. */
function refusalProblem(round: Round, refusal: IntakeRefusal): CliInputError {
  switch (refusal.reason) {
    case 'round_not_open':
      return new CliInputError(`轮次 ${round.code} 尚未开启（先运行 safepoll rounds open）`);
    case 'round_closed':
      return new CliInputError(`轮次 ${round.code} 已结束，不再接收答卷`);
    case 'channel_off':
      return new CliInputError(`轮次 ${round.code} 未启用纸质录入：${refusal.message}`);
  }
}

const importResponses: CliCommand = {
  words: ['responses', 'import'],
  args: ['ROUND', 'FILE.csv'],
  summary: '导入在别处收集的答卷（纸质录入 Excel、其他系统）；逐行按网页提交同样校验，有任何错误行则一份也不导入',
  details: [
    '每行一份答卷：第一列 grid（网格编码），之后每列一个题号（含甄别题），填选项编码；',
    '多选题的多个编码用 ; 分隔，文字题照原文填写，空白表示未作答。文件须为 UTF-8（可带 BOM）。',
    '轮次须在进行中，且收集方式包含纸质录入（paper）。',
  ],
  run({ repos, db, io }, { positionals: [roundName, file] }) {
    const round = findRound(repos, roundName);
    const submissions = new SubmissionService(db, repos, directSink(repos));
    const refusal = submissions.refusal(round, 'paper');
    if (refusal) throw refusalProblem(round, refusal);
    const survey = ofRound(repos, round);
    const { responses, errors } = parseResponsesCsv(readUtf8File(file), survey, (code) => {
      const unit = repos.units.getByCode(code);
      if (!unit) return { problem: `网格编码 "${code}" 不存在` };
      if (unit.level !== 'grid') return { problem: `"${code}" 不是网格` };
      if (!repos.rounds.coversGrid(round, unit.id)) return { problem: `网格 "${code}" 不在轮次 ${round.code} 的范围内` };
      return { gridId: unit.id };
    });
    if (errors.length > 0) {
      throw new CliInputError(`${file} 有 ${errors.length} 处错误，没有导入任何答卷：`, errors.map((e) => `  ${e.problem}`));
    }
    const audit = { userId: null, action: 'cli.responses.import', detail: { round: round.code, file } };
    const outcome = submissions.submitBatch({ round, survey }, 'paper', responses, audit);
    switch (outcome.kind) {
      case 'refused':
        throw refusalProblem(round, outcome.refusal);
      case 'invalid':
        // parseResponsesCsv checked every row with the same rules: this is a line it let through.
        throw new CliInputError(`${file} 有错误，没有导入任何答卷：`, outcome.errors.map((e) => `  第 ${responses[e.index].line} 行：${e.error.questionId}：${e.error.message}`));
      case 'duplicate':
        throw new CliInputError(`${file} 中有重复的答卷，没有导入任何答卷`);
      case 'stored': {
        const grids = new Set(responses.map((r) => r.gridId)).size;
        io.out(`已导入 ${outcome.ids.length} 份答卷到轮次 ${round.code}（完成 ${outcome.complete}，甄别退出 ${outcome.screenedOut}），来自 ${grids} 个网格`);
        return 0;
      }
    }
  },
};

export const responsesCommands: CliCommand[] = [importResponses];
