// A small round for the results tests: one district, two townships with one village each, four grids, and a short
// questionnaire with an item, a rate, a mean index, a composite and a knowledge question.
import { withReceipts } from '../../server/features/receipts/core/rules.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Repos } from '../../server/platform/repos.js';
import type { Round } from '../../server/core/rounds/round.js';
import type { Unit, UnitRow } from '../../server/core/units/unit.js';
import type { Answers, Survey } from '../../server/core/survey/model.js';
import { tempDir, type Teardown } from './app.js';
import { createRound, openRoundById, type NewRound } from '../../server/features/rounds/rounds-service.js';

export const SMALL_SURVEY = `
id: test-small
title: 结果测试问卷
intro: 测试用问卷
screenOutMessage: 感谢您的支持
thankYou: 提交成功
screening:
  - id: S1
    text: 您在本地居住满一年了吗？
    type: single
    options:
      - { code: "1", label: 满一年 }
      - { code: "2", label: 不满一年, screenOut: true }
questions:
  - id: Q1
    text: 您觉得安全吗？
    type: single
    options:
      - { code: A, label: 很安全, score: 100 }
      - { code: B, label: 安全, score: 80 }
      - { code: C, label: 一般, score: 50 }
      - { code: D, label: 不太安全, score: 20 }
      - { code: E, label: 很不安全, score: 0 }
      - { code: X, label: 说不清, excluded: true }
  - id: Q2
    text: 您对公安机关满意吗？
    type: single
    options:
      - { code: A, label: 满意, score: 100 }
      - { code: B, label: 基本满意, score: 60 }
      - { code: C, label: 不满意, score: 0 }
      - { code: X, label: 不了解, excluded: true }
  - id: Q3
    text: 您知道平安建设吗？
    type: yesno
    options:
      - { code: Y, label: 知道, score: 100 }
      - { code: N, label: 不知道, score: 0 }
  - id: K1
    text: 反诈专线是哪个号码？
    type: single
    knowledge: true
    options:
      - { code: A, label: "96110", correct: true }
      - { code: B, label: "12345" }
      - { code: C, label: "12110" }
      - { code: X, label: 不知道 }
  - id: T1
    text: 意见建议
    type: text
    required: false
indices:
  - { id: a, name: 安全感, kind: item, question: Q1 }
  - { id: b, name: 安全感率, kind: rate, question: Q1, options: [A, B] }
  - { id: c, name: 满意与知晓, kind: mean, questions: [Q2, Q3] }
composite:
  name: 综合得分
  weights: { a: 0.5, b: 0.2, c: 0.3 }
`;

/** Answers per grid as strings of option codes for Q1, Q2, Q3 and K1 (one character per respondent). */
export interface GridAnswers {
  q1: string;
  q2: string;
  q3: string;
  k1: string;
}

/** The data of the R script in results.test.ts. */
export const R_DATA: GridAnswers[] = [
  { q1: 'ABCAXD', q2: 'ABBXAC', q3: 'YNYYYN', k1: 'AABAXA' },
  { q1: 'BBCE', q2: 'BACB', q3: 'NNYN', k1: 'ABBA' },
  { q1: 'AABXC', q2: 'AAABX', q3: 'YYYNY', k1: 'AAAAC' },
  { q1: 'DCB', q2: 'CBB', q3: 'NYN', k1: 'BAX' },
];

export const POPULATIONS = [1000, 2000, 1500, 500];

export interface SmallRound {
  survey: Survey;
  round: Round;
  district: Unit;
  townships: Unit[];
  villages: Unit[];
  grids: Unit[];
}

/** Units (grid populations as given, null = unknown), the questionnaire and an open round over the district. */
export function smallRound(
  repos: Repos,
  t: Teardown,
  populations: Array<number | null> = POPULATIONS,
  overrides: Partial<NewRound> = {},
  surveyText: string = SMALL_SURVEY,
): SmallRound {
  const dir = tempDir(t, 'surveys');
  writeFileSync(join(dir, 'test-small.yaml'), surveyText);
  const version = repos.surveys.syncFromDirectory(dir).loaded[0];
  if (!version) throw new Error('test questionnaire not loaded');
  const rows: UnitRow[] = [
    { code: 'D01', name: '示范区', parentCode: null, level: 'district', population: null, households: null },
    { code: 'D01-T1', name: '东城街道', parentCode: 'D01', level: 'township', population: null, households: null },
    { code: 'D01-T2', name: '西山镇', parentCode: 'D01', level: 'township', population: null, households: null },
    { code: 'D01-T1-V1', name: '东门社区', parentCode: 'D01-T1', level: 'village', population: null, households: null },
    { code: 'D01-T2-V1', name: '青山村', parentCode: 'D01-T2', level: 'village', population: null, households: null },
  ];
  const gridCodes = ['D01-T1-V1-G1', 'D01-T1-V1-G2', 'D01-T2-V1-G1', 'D01-T2-V1-G2'];
  gridCodes.forEach((code, i) => {
    rows.push({ code, name: `第${i + 1}网格`, parentCode: code.slice(0, -3), level: 'grid', population: populations[i], households: null });
  });
  repos.units.importUnits(rows);
  const get = (code: string): Unit => {
    const u = repos.units.getByCode(code);
    if (!u) throw new Error(`unit ${code}`);
    return u;
  };
  const district = get('D01');
  const draft = createRound(repos, { surveyVersionId: version.versionId, period: '2025-03', unitIds: [district.id], quotaPerGrid: 5, minSample: 4, ...overrides });
  return {
    survey: version.survey,
    round: openRoundById(repos, draft.id),
    district,
    townships: [get('D01-T1'), get('D01-T2')],
    villages: [get('D01-T1-V1'), get('D01-T2-V1')],
    grids: gridCodes.map(get),
  };
}

/** Stores the responses of each grid (grid i gets data[i]); returns the response ids in order. */
export function answerGrids(repos: Repos, s: SmallRound, data: GridAnswers[], round: Round = s.round): number[] {
  const rows = data.flatMap((g, i) =>
    [...g.q1].map((_, j) => {
      const answers: Answers = {
        S1: { kind: 'choice', codes: ['1'] },
        Q1: { kind: 'choice', codes: [g.q1[j]] },
        Q2: { kind: 'choice', codes: [g.q2[j]] },
        Q3: { kind: 'choice', codes: [g.q3[j]] },
        K1: { kind: 'choice', codes: [g.k1[j]] },
      };
      return { roundId: round.id, gridId: s.grids[i].id, channel: 'simulated' as const, status: 'complete' as const, answers, survey: s.survey };
    }),
  );
  return repos.responses.insertMany(rows.map(withReceipts));
}

/** One complete response in a grid with a suggestion typed into the text question. */
export function answerWithText(repos: Repos, s: SmallRound, grid: Unit, text: string): number {
  const answers: Answers = {
    S1: { kind: 'choice', codes: ['1'] },
    Q1: { kind: 'choice', codes: ['A'] },
    Q2: { kind: 'choice', codes: ['A'] },
    Q3: { kind: 'choice', codes: ['Y'] },
    K1: { kind: 'choice', codes: ['A'] },
    T1: { kind: 'text', text },
  };
  return repos.responses.insertMany([withReceipts({ roundId: s.round.id, gridId: grid.id, channel: 'web' as const, status: 'complete' as const, answers, survey: s.survey })])[0];
}

/** A screened-out interview: only the screening answer is stored, and it never counts. */
export function screenOut(repos: Repos, s: SmallRound, grid: Unit): void {
  repos.responses.insertMany([
    { roundId: s.round.id, gridId: grid.id, channel: 'web', status: 'screened_out', answers: { S1: { kind: 'choice', codes: ['2'] } }, survey: s.survey },
  ]);
}
