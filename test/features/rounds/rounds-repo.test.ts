// Rounds: creation with defaults, the draft → open → closed life, coverage of grids, and the previous round.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { openRound, smallDistrict } from '../../kit/fixtures.js';
import { paths } from '../../../server/paths.js';
import type { Repos } from '../../../server/platform/repos.js';
import { earlierRounds } from '../../../server/features/results/round-results.js';
import { RoundInputError, RoundStateError, closeRoundById, createRound, openRoundById } from '../../../server/features/rounds/rounds-service.js';

function versionId(repos: Repos, key = 'hunan-100'): number {
  repos.surveys.syncFromDirectory(paths.surveys);
  const v = repos.surveys.latest(key);
  if (!v) throw new Error(`questionnaire ${key} missing`);
  return v.versionId;
}

t.test('create gives a draft with defaults and a code from period and questionnaire key', async (t) => {
  const { repos } = testDb(t);
  const d = smallDistrict(repos);
  const round = createRound(repos, { surveyVersionId: versionId(repos), period: '2025-03', unitIds: [d.district.id] });
  t.equal(round.code, '2025-03-hunan-100');
  t.equal(round.surveyKey, 'hunan-100');
  t.equal(round.state, 'draft');
  t.equal(round.kind, 'monthly');
  t.equal(round.quotaPerGrid, 10);
  t.equal(round.minSample, 5);
  t.same(round.channels, ['web', 'phone', 'paper']);
  t.same(round.unitIds, [d.district.id]);
  t.equal(round.openedAt, null);
  t.equal(round.closedAt, null);
  t.equal(round.eligibilityE, null);
  t.same(repos.rounds.getByCode(round.code), round);
  t.same(repos.rounds.getById(round.id), round);

  const custom = createRound(repos, {
    surveyVersionId: versionId(repos), period: '2025-03', kind: 'adhoc', unitIds: [d.townships[0].id, d.villages[3].id],
    quotaPerGrid: 3, minSample: 2, channels: ['phone'], code: 'special',
  });
  t.equal(custom.code, 'special');
  t.same(custom.channels, ['phone']);
  t.equal(custom.quotaPerGrid, 3);
  t.same(custom.unitIds.sort(), [d.townships[0].id, d.villages[3].id].sort());
});

t.test('create refuses a taken code, no units, an unknown questionnaire or unit, and bad numbers', async (t) => {
  const { repos } = testDb(t);
  const d = smallDistrict(repos);
  const v = versionId(repos);
  createRound(repos, { surveyVersionId: v, period: '2025-03', unitIds: [d.district.id] });
  t.throws(() => createRound(repos, { surveyVersionId: v, period: '2025-03', unitIds: [d.district.id] }), RoundInputError);
  t.throws(() => createRound(repos, { surveyVersionId: v, period: '2025-04', unitIds: [] }), RoundInputError);
  t.throws(() => createRound(repos, { surveyVersionId: 9999, period: '2025-04', unitIds: [d.district.id] }), RoundInputError);
  t.throws(() => createRound(repos, { surveyVersionId: v, period: '2025-04', unitIds: [9999] }), RoundInputError);
  t.throws(() => createRound(repos, { surveyVersionId: v, period: '2025-04', unitIds: [d.district.id], quotaPerGrid: -1 }), RoundInputError);
  for (const period of ['2025-13', '2025-3', '25-03', '2025-00', '1999-12', '2025-H1', '']) {
    t.throws(() => createRound(repos, { surveyVersionId: v, period, unitIds: [d.district.id] }), RoundInputError, `period "${period}"`);
  }
  t.throws(() => createRound(repos, { surveyVersionId: v, period: '2025/04', unitIds: [d.district.id] }), /应为年-月，如 2025-03/);
  t.equal(createRound(repos, { surveyVersionId: v, period: '2025-H1', kind: 'sweep', unitIds: [d.district.id] }).code, '2025-H1-hunan-100-sweep', 'a sweep may name a half year');
  t.equal(repos.rounds.list().length, 2);
});

t.test('draft → open → closed, with timestamps; every other change throws', async (t) => {
  const { repos } = testDb(t);
  const d = smallDistrict(repos);
  const draft = createRound(repos, { surveyVersionId: versionId(repos), period: '2025-03', unitIds: [d.district.id] });
  t.throws(() => closeRoundById(repos, draft.id), RoundStateError, 'a draft cannot be closed');
  t.equal(repos.rounds.getById(draft.id)?.state, 'draft');
  const open = openRoundById(repos, draft.id);
  t.equal(open.state, 'open');
  t.type(open.openedAt, 'string');
  t.throws(() => openRoundById(repos, draft.id), RoundStateError, 'an open round cannot be opened again');
  const closed = closeRoundById(repos, draft.id);
  t.equal(closed.state, 'closed');
  t.type(closed.closedAt, 'string');
  t.equal(closed.openedAt, open.openedAt);
  t.throws(() => openRoundById(repos, draft.id), /已结束/, 'a closed round never reopens');
  t.throws(() => closeRoundById(repos, draft.id), RoundStateError);
  t.throws(() => openRoundById(repos, 424242), RoundStateError, 'unknown round');
});

t.test('coversGrid, gridIds and openRoundForGrid follow the round units', async (t) => {
  const { repos } = testDb(t);
  const d = smallDistrict(repos);
  const whole = openRound(repos);
  t.same(repos.rounds.gridIds(whole), d.grids.map((g) => g.id), 'every grid of the district, by code');
  const [t1, t2] = d.townships;
  const part = createRound(repos, { surveyVersionId: whole.surveyVersionId, period: '2025-02', kind: 'adhoc', unitIds: [t1.id] });
  const t1Grids = repos.units.descendants(t1.id, 'grid');
  t.same(repos.rounds.gridIds(part), t1Grids.map((g) => g.id));
  t.ok(repos.rounds.coversGrid(part, t1Grids[0].id));
  t.notOk(repos.rounds.coversGrid(part, repos.units.descendants(t2.id, 'grid')[0].id));
  t.ok(repos.rounds.coversGrid(whole, repos.units.descendants(t2.id, 'grid')[0].id));

  // A draft does not take responses: the whole-district round is still the open one.
  t.equal(repos.rounds.openRoundForGrid(t1Grids[0].id)?.id, whole.id);
  openRoundById(repos, part.id);
  t.equal(repos.rounds.openRoundForGrid(t1Grids[0].id)?.id, part.id, 'the newest open round');
  t.equal(repos.rounds.openRoundForGrid(repos.units.descendants(t2.id, 'grid')[0].id)?.id, whole.id);
  closeRoundById(repos, part.id);
  closeRoundById(repos, whole.id);
  t.equal(repos.rounds.openRoundForGrid(t1Grids[0].id), undefined);

  // A grid named directly.
  const single = createRound(repos, { surveyVersionId: whole.surveyVersionId, period: '2025-09', kind: 'adhoc', unitIds: [d.grids[5].id] });
  t.same(repos.rounds.gridIds(single), [d.grids[5].id]);
});

t.test('list is newest period first; the previous round (earlierRounds) is the same key and kind, latest earlier period', async (t) => {
  const { repos } = testDb(t);
  const d = smallDistrict(repos);
  const v = versionId(repos);
  const jan = openRound(repos, 'hunan-100', { period: '2025-01' });
  closeRoundById(repos, jan.id);
  const mar = openRoundById(repos, createRound(repos, { surveyVersionId: v, period: '2025-03', unitIds: [d.district.id] }).id);
  const feb = openRoundById(repos, createRound(repos, { surveyVersionId: v, period: '2025-02', unitIds: [d.district.id] }).id);
  const sweep = openRoundById(repos, createRound(repos, { surveyVersionId: v, period: '2025-02', kind: 'sweep', unitIds: [d.district.id] }).id);
  createRound(repos, { surveyVersionId: v, period: '2025-02', kind: 'adhoc', unitIds: [d.district.id] });
  t.same(repos.rounds.list().map((r) => r.period), ['2025-03', '2025-02', '2025-02', '2025-02', '2025-01']);
  t.equal(earlierRounds(repos, mar)[0]?.id, feb.id);
  t.equal(earlierRounds(repos, feb)[0]?.id, jan.id);
  t.equal(earlierRounds(repos, jan)[0], undefined);
  t.equal(earlierRounds(repos, sweep)[0], undefined, 'no earlier sweep');
});
