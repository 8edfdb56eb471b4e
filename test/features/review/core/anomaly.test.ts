// Which arrivals are held, and the thresholds a committee may set.
import t from 'tap';
import { answerPattern, holdReasons, type ArrivalFacts } from '../../../../server/features/review/core/anomaly.js';
import { checkIntegritySettings, DEFAULT_INTEGRITY_SETTINGS, storedIntegritySettings } from '../../../../server/features/review/core/settings.js';
import { storedAnswers, storedReasons } from '../../../../server/features/review/core/held.js';

const calm: ArrivalFacts = {
  gridLastHour: 3, burstThreshold: 15, networkLastHour: 1, gridTotal: 5, quota: 10, samePattern: 1, networkGrids: 1, networkRound: 1, areaBurst: false,
};

t.test('an ordinary arrival is counted', async (t) => {
  t.same(holdReasons(calm, DEFAULT_INTEGRITY_SETTINGS), []);
});

t.test('each rule holds past its threshold, not at it', async (t) => {
  const s = DEFAULT_INTEGRITY_SETTINGS;
  t.same(holdReasons({ ...calm, gridLastHour: 15 }, s), [], 'at the burst threshold');
  t.same(holdReasons({ ...calm, gridLastHour: 16 }, s), ['burst']);
  t.same(holdReasons({ ...calm, networkLastHour: s.networkMaxPerGridHour }, s), []);
  t.same(holdReasons({ ...calm, networkLastHour: s.networkMaxPerGridHour + 1 }, s), ['network']);
  // quota 10 × 3 = 30.
  t.same(holdReasons({ ...calm, gridTotal: 30 }, s), []);
  t.same(holdReasons({ ...calm, gridTotal: 31 }, s), ['quota']);
  t.same(holdReasons({ ...calm, gridTotal: 1000, quota: 0 }, s), [], 'no quota: the rule is off');
  t.same(holdReasons({ ...calm, samePattern: s.patternMaxInWindow + 1 }, s), ['pattern']);
  t.same(holdReasons({ ...calm, gridLastHour: 100, networkLastHour: 100, gridTotal: 100, samePattern: 100 }, s), ['burst', 'network', 'quota', 'pattern']);
});

t.test('across grids and the round: a network in too many grids, too often in the round, a village or township burst', async (t) => {
  const s = DEFAULT_INTEGRITY_SETTINGS;
  t.same(holdReasons({ ...calm, networkGrids: s.networkMaxGridsPerRound }, s), [], 'at the grid limit');
  t.same(holdReasons({ ...calm, networkGrids: s.networkMaxGridsPerRound + 1 }, s), ['spread']);
  t.same(holdReasons({ ...calm, networkRound: s.networkMaxPerRound }, s), [], 'at the round limit');
  t.same(holdReasons({ ...calm, networkRound: s.networkMaxPerRound + 1 }, s), ['networkRound']);
  t.same(holdReasons({ ...calm, areaBurst: true }, s), ['areaBurst']);
});

t.test('answer patterns ignore field order and surrounding spaces', async (t) => {
  const a = answerPattern({ Q2: { kind: 'choice', codes: ['B', 'A'] }, Q1: { kind: 'text', text: ' 好 ' } });
  const b = answerPattern({ Q1: { kind: 'text', text: '好' }, Q2: { kind: 'choice', codes: ['A', 'B'] } });
  t.equal(a, b);
  t.not(a, answerPattern({ Q1: { kind: 'text', text: '好' }, Q2: { kind: 'choice', codes: ['A'] } }));
});

t.test('thresholds from the form: checked, with Chinese messages', async (t) => {
  const form = {
    burstMadMultiplier: '4.5', burstMinPerHour: '20', networkMaxPerGridHour: '12', quotaMultiple: '2', patternWindowMinutes: '60', patternMaxInWindow: '5',
    networkMaxGridsPerRound: '3', networkMaxPerRound: '7', areaBurstMinPerHour: '40',
  };
  t.same(checkIntegritySettings(form).settings, {
    burstMadMultiplier: 4.5, burstMinPerHour: 20, networkMaxPerGridHour: 12, quotaMultiple: 2, patternWindowMinutes: 60, patternMaxInWindow: 5,
    networkMaxGridsPerRound: 3, networkMaxPerRound: 7, areaBurstMinPerHour: 40,
  });
  const bad = checkIntegritySettings({ ...form, burstMinPerHour: '1.5', quotaMultiple: '0', patternMaxInWindow: '' });
  t.equal(bad.settings, undefined);
  t.same(bad.problems.map((p) => p.field), ['burstMinPerHour', 'quotaMultiple', 'patternMaxInWindow']);
  t.match(bad.problems[1].message, '应在 1 到 1000 之间');
});

t.test('stored thresholds fall back to the defaults field by field', async (t) => {
  t.same(storedIntegritySettings(undefined), DEFAULT_INTEGRITY_SETTINGS);
  t.same(storedIntegritySettings('not json'), DEFAULT_INTEGRITY_SETTINGS);
  t.same(storedIntegritySettings('{"burstMinPerHour":40,"quotaMultiple":"x"}'), { ...DEFAULT_INTEGRITY_SETTINGS, burstMinPerHour: 40 });
});

t.test('stored held answers and reasons are read back checked', async (t) => {
  t.same(storedAnswers('{"Q1":{"kind":"choice","codes":["A"]},"Q9":{"kind":"text","text":"x"}}'), {
    Q1: { kind: 'choice', codes: ['A'] },
    Q9: { kind: 'text', text: 'x' },
  });
  t.equal(storedAnswers('{"Q1":{"kind":"choice","codes":[1]}}'), null);
  t.equal(storedAnswers('[]'), null);
  t.same(storedReasons('["burst","nonsense","network"]'), ['burst', 'network']);
});
