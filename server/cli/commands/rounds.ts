// safepoll rounds create | open | close | list
import { checkRoundForm, ROUND_KINDS, DEFAULT_MIN_SAMPLE, DEFAULT_QUOTA_PER_GRID } from '../../features/rounds/core/round-form.js';
import { ROUND_STATE_LABELS } from '../../core/rounds/round.js';
import type { Repos } from '../../platform/repos.js';
import { RoundLifecycle } from '../../features/rounds/round-lifecycle.js';
import type { Round } from '../../core/rounds/round.js';
import { CliInputError, stringOption, type CliCommand } from '../context.js';
import { RoundStateError, createRound } from '../../features/rounds/rounds-service.js';
import { CLI_ACTOR } from '../../core/auth/actor.js';
import { versionOfRound } from '../../features/surveys/surveys-service.js';

/** The round named by its code (or, failing that, its numeric id). */
export function findRound(repos: Repos, name: string): Round {
  const round = repos.rounds.getByCode(name) ?? (/^\d+$/.test(name) ? repos.rounds.getById(Number(name)) : undefined);
  if (!round) {
    const known = repos.rounds.list().slice(0, 5).map((r) => r.code);
    throw new CliInputError(`找不到轮次 "${name}"${known.length > 0 ? `（现有：${known.join('、')}…，用 safepoll rounds list 查看全部）` : '（还没有任何轮次）'}`);
  }
  return round;
}

function kindLabel(kind: string): string {
  return ROUND_KINDS.find((k) => k.value === kind)?.label ?? kind;
}

function describe(repos: Repos, round: Round): string {
  const units = round.unitIds.map((id) => repos.units.getById(id)?.code ?? String(id)).join(',');
  const version = versionOfRound(repos, round);
  return `问卷 ${round.surveyKey} 第 ${version.version} 版，期间 ${round.period}，${kindLabel(round.kind)}，单位 ${units}（${repos.rounds.gridIds(round).length} 个网格），每网格配额 ${round.quotaPerGrid}，最低样本量 ${round.minSample}，收集方式 ${round.channels.join(',')}`;
}

const createRoundCommand: CliCommand = {
  words: ['rounds', 'create'],
  args: [],
  summary: '创建一个轮次（草稿状态）',
  options: {
    survey: { type: 'string', placeholder: 'ID', description: '问卷编号（surveys/ 中文件的 id，如 hunan-100），使用最新版本；必填' },
    period: { type: 'string', placeholder: 'YYYY-MM', description: '民调期间，如 2025-03；必填' },
    units: { type: 'string', placeholder: 'CODE[,CODE]', description: '参加的单位编码，逗号分隔；默认整个区/县' },
    quota: { type: 'string', placeholder: 'N', description: `每网格完成配额，默认 ${DEFAULT_QUOTA_PER_GRID}` },
    min: { type: 'string', placeholder: 'N', description: `最低样本量（不足不排名），默认 ${DEFAULT_MIN_SAMPLE}` },
    kind: { type: 'string', placeholder: 'monthly|sweep|adhoc', description: '轮次类型，默认 monthly' },
    channels: { type: 'string', placeholder: 'web,phone,paper', description: '收集方式，默认全部（半年普测默认只用电话访问）' },
  },
  run({ repos, io }, { values }) {
    const surveyKey = stringOption(values, 'survey');
    const period = stringOption(values, 'period');
    const missing = [surveyKey === undefined ? '--survey' : '', period === undefined ? '--period' : ''].filter(Boolean);
    if (missing.length > 0) throw new CliInputError(`缺少 ${missing.join(' 和 ')}（用法见 safepoll rounds create --help）`);
    const version = repos.surveys.latest(surveyKey ?? '');
    if (!version) {
      const keys = repos.surveys.list().map((s) => s.surveyKey);
      throw new CliInputError(`问卷 "${surveyKey}" 不存在；可用的问卷：${keys.join('、') || '（无）'}`);
    }
    const unitsText = stringOption(values, 'units');
    let units: string[];
    if (unitsText === undefined) {
      units = repos.units.roots().map((u) => u.code);
      if (units.length === 0) throw new CliInputError('还没有任何单位：请先用 safepoll units import 导入单位');
    } else {
      units = unitsText.split(',').map((c) => c.trim()).filter((c) => c !== '');
    }
    const result = checkRoundForm(
      {
        surveyVersionId: String(version.versionId),
        period: period ?? '',
        kind: stringOption(values, 'kind'),
        units,
        quotaPerGrid: stringOption(values, 'quota'),
        minSample: stringOption(values, 'min'),
        channels: stringOption(values, 'channels')?.split(',').map((c) => c.trim()).filter((c) => c !== ''),
      },
      {
        surveyKeyOf: (id) => repos.surveys.getVersion(id)?.survey.id,
        unitIdOf: (code) => repos.units.getByCode(code)?.id,
        roundCodeTaken: (code) => repos.rounds.getByCode(code) !== undefined,
      },
    );
    if (!result.ok) throw new CliInputError('不能创建轮次：', result.errors.map((e) => `  ${e.message}`));
    const round = createRound(repos, result.value);
    repos.audit.record(null, 'round.create', { round: round.code, by: 'cli' });
    io.out(`已创建轮次 ${round.code}（草稿）：${describe(repos, round)}`);
    io.out(`开启：safepoll rounds open ${round.code}`);
    return 0;
  },
};

/**
 * Opening and closing go through the same service as the staff pages (features/rounds/round-lifecycle.ts): the same audit
 * action (`round.open` / `round.close`, its detail saying the CLI acted), so the change shows in the round's history,
 * and on close the results frozen right after the close commits, in this process (round-lifecycle.ts `close`).
 */
function transition(to: 'open' | 'close'): CliCommand {
  return {
    words: ['rounds', to],
    args: ['ROUND'],
    summary: to === 'open' ? '开启轮次（草稿 → 进行中），开始接收答卷' : '结束轮次（进行中 → 已结束），此后不再接收答卷，结果冻结',
    run({ db, repos, io }, { positionals: [name] }) {
      const round = findRound(repos, name);
      try {
        const changed = new RoundLifecycle(db, repos).change(to, round.id, CLI_ACTOR);
        io.out(`轮次 ${changed.code} 已${to === 'open' ? '开启' : '结束'}：${describe(repos, changed)}`);
      } catch (err) {
        if (err instanceof RoundStateError) throw new CliInputError(err.message);
        throw err;
      }
      return 0;
    },
  };
}

const listRounds: CliCommand = {
  words: ['rounds', 'list'],
  args: [],
  summary: '列出轮次（最新期间在前），含状态和已收答卷数',
  run({ repos, io }) {
    const rounds = repos.rounds.list();
    io.out(['code', 'state', 'period', 'kind', 'survey', 'grids', 'complete', 'screened_out'].join('\t'));
    for (const r of rounds) {
      let complete = 0;
      let screenedOut = 0;
      for (const c of repos.responses.countByGrid(r.id).values()) {
        complete += c.complete;
        screenedOut += c.screenedOut;
      }
      io.out([r.code, ROUND_STATE_LABELS[r.state], r.period, r.kind, r.surveyKey, repos.rounds.gridIds(r).length, complete, screenedOut].join('\t'));
    }
    io.err(`共 ${rounds.length} 个轮次`);
    return 0;
  },
};

export const roundsCommands: CliCommand[] = [createRoundCommand, transition('open'), transition('close'), listRounds];
