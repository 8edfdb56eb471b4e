// One validator for a new round: the form (and CLI) text and the repository's typed input meet the same rules and
// the same Chinese messages. The cases below are those where the repository used to disagree with the form.
import t from 'tap';
import { checkNewRound, type NewRoundLookups } from '../../../../server/features/rounds/core/round-validator.js';
import { checkRoundForm, type RoundFormInput } from '../../../../server/features/rounds/core/round-form.js';
import { paths } from '../../../../server/paths.js';
import { testDb } from '../../../kit/app.js';
import { smallDistrict } from '../../../kit/fixtures.js';
import { RoundInputError, createRound } from '../../../../server/features/rounds/rounds-service.js';

const lookups: NewRoundLookups = {
  surveyKeyOf: (id) => (id === 1 ? 'hunan-100' : undefined),
  unitExists: (id) => id === 10 || id === 11,
  roundCodeTaken: (code) => code === '2025-02-hunan-100',
};

const formLookups = {
  surveyKeyOf: lookups.surveyKeyOf,
  unitIdOf: (code: string) => (code === 'D01' ? 10 : code === 'T1' ? 11 : undefined),
  roundCodeTaken: lookups.roundCodeTaken,
};

function form(over: Partial<RoundFormInput> = {}): RoundFormInput {
  return { surveyVersionId: '1', period: '2025-03', kind: 'monthly', units: ['D01'], quotaPerGrid: '', minSample: '', channels: ['web'], ...over };
}

function messages(result: ReturnType<typeof checkNewRound>): string[] {
  return result.ok ? [] : result.errors.map((e) => e.message);
}

t.test('defaults, canonical channels and no repeated units', async (t) => {
  const r = checkNewRound({ surveyVersionId: 1, period: '2025-03', unitIds: [10, 10, 11] }, lookups);
  t.same(r.ok && r.value, {
    code: '2025-03-hunan-100', surveyVersionId: 1, period: '2025-03', kind: 'monthly', unitIds: [10, 11], quotaPerGrid: 10, minSample: 5,
    channels: ['web', 'phone', 'paper'],
  });
  const twice = checkNewRound({ surveyVersionId: 1, period: '2025-03', unitIds: [10], channels: ['phone', 'phone'], kind: 'adhoc' }, lookups);
  t.same(twice.ok && twice.value.channels, ['phone']);
  t.equal(twice.ok && twice.value.code, '2025-03-hunan-100-adhoc');
});

t.test('every problem comes back with its field and a Chinese message', async (t) => {
  const r = checkNewRound({ surveyVersionId: 2, period: '2025-13', unitIds: [99], quotaPerGrid: -1, minSample: 1.5, channels: [] }, lookups);
  t.same(r.ok ? [] : r.errors.map((e) => e.field), ['surveyVersionId', 'period', 'units', 'quotaPerGrid', 'minSample', 'channels']);
  t.same(messages(r), [
    '所选问卷不存在',
    '期间格式不正确：“2025-13”，应为年-月，如 2025-03',
    '找不到这些单位：#99',
    '每网格配额必须是不小于 0 的整数',
    '最低样本量必须是不小于 0 的整数',
    '请至少选择一种收集方式',
  ]);
  t.same(messages(checkNewRound({ surveyVersionId: 1, period: '2025-03', unitIds: [] }, lookups)), ['请至少选择一个单位']);
  t.same(messages(checkNewRound({ surveyVersionId: 1, period: '2025-02', unitIds: [10] }, lookups)), ['该轮次已经存在：2025-02-hunan-100']);
});

t.test('the form and the typed input agree where the repository used to differ', async (t) => {
  // A quota above the bound: the form refused it, the repository stored it.
  t.same(messages(checkNewRound({ surveyVersionId: 1, period: '2025-03', unitIds: [10], quotaPerGrid: 20000 }, lookups)), ['每网格配额不能超过 10000']);
  t.same(messages(checkRoundForm(form({ quotaPerGrid: '20000' }), formLookups)), ['每网格配额不能超过 10000']);
  t.same(messages(checkRoundForm(form({ minSample: '99999999999999999999999' }), formLookups)), ['最低样本量不能超过 10000']);
  // The same words for an unknown questionnaire, no units, no channel and a taken code.
  t.same(messages(checkRoundForm(form({ surveyVersionId: '2' }), formLookups)), ['所选问卷不存在']);
  t.same(messages(checkRoundForm(form({ units: [] }), formLookups)), ['请至少选择一个单位']);
  t.same(messages(checkRoundForm(form({ channels: [] }), formLookups)), ['请至少选择一种收集方式']);
  t.same(messages(checkRoundForm(form({ period: '2025-02' }), formLookups)), ['该轮次已经存在：2025-02-hunan-100']);
  // Text problems are said once, in the form's words, and the code is only checked when all else is right.
  t.same(messages(checkRoundForm(form({ units: ['NOPE'], channels: ['fax'], quotaPerGrid: 'x', period: '2025-02' }), formLookups)), [
    '每网格配额必须是不小于 0 的整数',
    '未知的收集方式：fax',
    '找不到这些单位：NOPE',
  ]);
  t.same(messages(checkRoundForm(form({ kind: 'weekly', surveyVersionId: 'abc' }), formLookups)), ['请选择轮次类型', '请选择问卷']);
});

t.test('the repository refuses with the same messages and stores nothing', async (t) => {
  const { repos } = testDb(t);
  const d = smallDistrict(repos);
  repos.surveys.syncFromDirectory(paths.surveys);
  const v = repos.surveys.latest('hunan-100')?.versionId ?? -1;
  const base = { surveyVersionId: v, period: '2025-03', unitIds: [d.district.id] };
  t.throws(() => createRound(repos, { ...base, quotaPerGrid: 20000 }), new RoundInputError('每网格配额不能超过 10000'));
  t.throws(() => createRound(repos, { ...base, minSample: 10001 }), new RoundInputError('最低样本量不能超过 10000'));
  t.throws(() => createRound(repos, { ...base, channels: [] }), new RoundInputError('请至少选择一种收集方式'));
  t.throws(() => createRound(repos, { ...base, unitIds: [] }), new RoundInputError('请至少选择一个单位'));
  t.throws(() => createRound(repos, { ...base, surveyVersionId: 9999 }), new RoundInputError('所选问卷不存在'));
  t.throws(() => createRound(repos, { ...base, period: '2025-3', quotaPerGrid: -2 }), {
    message: '期间格式不正确：“2025-3”，应为年-月，如 2025-03；每网格配额必须是不小于 0 的整数',
  });
  t.equal(repos.rounds.list().length, 0);
  const round = createRound(repos, { ...base, channels: ['paper', 'web', 'paper'], unitIds: [d.district.id, d.district.id] });
  t.same(round.channels, ['web', 'paper']);
  t.same(round.unitIds, [d.district.id]);
  t.throws(() => createRound(repos, base), new RoundInputError('该轮次已经存在：2025-03-hunan-100'));
});
