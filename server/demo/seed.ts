// The demo a fresh `npm start` opens on: the fictional district 清河区, demo staff logins, six closed monthly rounds
// of simulated responses (with receipts answered back) and the current month's round open with part of its
// interviews in, so the bulletin, the half-year summary and the resident links all work at once.
// Deterministic: fixed seeds, so every fresh demo shows the same numbers for the same months.
import type { Db } from '../platform/db.js';
import { createRepos, type Repos } from '../platform/repos.js';
import type { UnitRow } from '../core/units/unit.js';
import type { SurveyVersion } from '../core/survey/model.js';
import type { Round } from '../core/rounds/round.js';
import type { StaffRole } from '../core/auth/staff.js';
import { paths } from '../paths.js';
import { chinaParts, daysInMonth } from '../core/time/china-time.js';
import { Period } from '../core/time/period.js';
import { buildDemoDistrict, DEMO_SEED, type DemoDistrict } from './simulate/demo-district.js';
import { simulateRound } from './simulate-round.js';
import { answerReceipts } from './receipt-replies.js';
import { seedDemoRoster } from './roster.js';
import { seedDemoDocuments } from './documents.js';
import { seedForecastDemo } from './forecast-peers.js';
import { seedDemoInterviewers } from './interviewers.js';
import type { ModePlan } from './simulate/modes.js';
import { closeRoundById, createRound, openRoundById } from '../features/rounds/rounds-service.js';
import { writeTransaction } from '../platform/write-transaction.js';
import { verifyLogin } from '../features/accounts/accounts-service.js';

export interface SeedResult {
  summary(baseUrl: string): string[];
}

export interface SeedOptions {
  log: (line: string) => void;
  /** Today: the six closed rounds are the six months before this one. Default: now. */
  now?: Date;
  /** The configured secrets (SAFEPOLL_SECRET, SAFEPOLL_ROSTER_KEY), so the demo roster opens in the app. */
  secret?: string;
  rosterKey?: string;
}

export const DEMO_PASSWORD = 'safepoll-demo';
export const DEMO_SURVEY = 'hunan-100';
const CLOSED_MONTHS = 6;
const QUOTA_PER_GRID = 12;
const MIN_SAMPLE = 5;

const ROLE_NAMES: Record<StaffRole, string> = {
  admin: '管理员 admin',
  committee: '政法委 committee',
  township: '乡镇/街道 township',
  grid: '网格员 grid',
};

interface DemoLogin {
  username: string;
  displayName: string;
  role: StaffRole;
  unitCode: string | null;
}

function demoLogins(district: DemoDistrict): DemoLogin[] {
  const township = district.rows.find((r) => r.level === 'township');
  const grid = district.rows.find((r) => r.level === 'grid' && r.code.startsWith(`${township?.code ?? ''}-`));
  return [
    { username: 'admin', displayName: '系统管理员', role: 'admin', unitCode: null },
    { username: 'weifa', displayName: `${district.name}委政法委（平安办）`, role: 'committee', unitCode: district.code },
    { username: 'xiangzhen', displayName: `${township?.name ?? ''}综治中心`, role: 'township', unitCode: township?.code ?? null },
    { username: 'wanggeyuan', displayName: `${grid?.name ?? ''}网格员`, role: 'grid', unitCode: grid?.code ?? null },
  ];
}

/** `YYYY-MM` of the month `offset` months from the one containing `now` (China time). */
function periodAt(now: Date, offset: number): string {
  return String(Period.monthOf(now).plusMonths(offset));
}

/** Share of the current month already past (China time): how much of its fieldwork the open round has. */
function monthElapsed(now: Date): number {
  const china = chinaParts(now);
  return (china.day - 1 + china.hour / 24) / daysInMonth(china.year, china.month);
}

/** The demo's latent levels for one month, as simulateRound takes them. */
function levelsOf(district: DemoDistrict, month: number): (gridCode: string) => number | undefined {
  return (gridCode) => district.levelFor(gridCode, month);
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** Units per level below the district: what the progress line and the summary report. */
type LevelCounts = Record<'township' | 'village' | 'grid', number>;

/** What every step of the seeding works on. */
interface DemoSeeding {
  db: Db;
  repos: Repos;
  district: DemoDistrict;
  now: Date;
  log: (line: string) => void;
  /** Creates and opens the demo round of a month, covering the whole district. */
  openRound: (period: string) => Round;
  /** The demo roster's contact ids per grid id: the phone calls dial these. */
  contacts: ReadonlyMap<number, readonly number[]>;
  /** Web answers a little rosier, phone interviews by the townships' interviewers (one of them fabricating). */
  modes: ModePlan;
}

/** The questionnaires from surveys/, and the demo's: without it there is no demo to seed. */
function loadDemoSurvey(repos: Repos): SurveyVersion {
  repos.surveys.syncFromDirectory(paths.surveys);
  const survey = repos.surveys.latest(DEMO_SURVEY);
  if (!survey) throw new Error(`演示数据需要问卷 ${DEMO_SURVEY}（surveys/${DEMO_SURVEY}.yaml）`);
  return survey;
}

function countLevels(district: DemoDistrict): LevelCounts {
  const counts = { township: 0, village: 0, grid: 0 };
  for (const r of district.rows) if (r.level !== 'district') counts[r.level]++;
  return counts;
}

/** Imports the district's units and returns the district's own database id. */
function importDistrict(repos: Repos, district: DemoDistrict, counts: LevelCounts, log: (line: string) => void): number {
  repos.units.importUnits(district.rows);
  const districtUnit = repos.units.getByCode(district.code);
  if (!districtUnit) throw new Error('demo district vanished after import');
  log(`  单位：${district.name}，${counts.township} 个乡镇（街道），${counts.village} 个村（社区），${counts.grid} 个网格`);
  return districtUnit.id;
}

function createLogins(repos: Repos, logins: DemoLogin[]): void {
  for (const login of logins) {
    const unitId = login.unitCode === null ? null : repos.units.getByCode(login.unitCode)?.id ?? null;
    repos.users.create({ username: login.username, displayName: login.displayName, password: DEMO_PASSWORD, role: login.role, unitId });
  }
}

function demoRoundOpener(repos: Repos, surveyVersionId: number, districtUnitId: number): (period: string) => Round {
  return (period) =>
    openRoundById(repos,
      createRound(repos, {
        surveyVersionId,
        period,
        unitIds: [districtUnitId],
        quotaPerGrid: QUOTA_PER_GRID,
        minSample: MIN_SAMPLE,
        channels: ['web', 'phone', 'paper'],
      }).id,
    );
}

/** The six closed months, oldest first, each logged as it is done. */
function seedClosedMonths({ db, repos, district, now, log, openRound, contacts, modes }: DemoSeeding): void {
  // Each month in one transaction: its responses, calls, answered receipts and closing commit together.
  for (let month = 0; month < CLOSED_MONTHS; month++) {
    const period = periodAt(now, month - CLOSED_MONTHS);
    const line = writeTransaction(db, () => {
      const round = openRound(period);
      const done = simulateRound(repos, round, { seed: DEMO_SEED + month, levels: levelsOf(district, month), now, contacts, modes });
      // Older months have had more time: about four receipts in five are answered there, two in three in the latest.
      const answered = answerReceipts(repos, round, 0.82 - 0.03 * month, DEMO_SEED + month, now);
      closeRoundById(repos, round.id);
      return `  ${period}：${count(done.responses - done.screenedOut)} 份完成答卷，${count(done.screenedOut)} 份甄别退出，${count(done.calls)} 条电话记录，${count(answered)} 张回执已答复（已结束）`;
    });
    log(line);
  }
}

/** The current month's round, left open with the share of its fieldwork the month so far would have. */
function seedCurrentMonth({ db, repos, district, now, log, openRound, contacts, modes }: DemoSeeding, gridCount: number): { period: string; round: Round } {
  const period = periodAt(now, 0);
  const current = writeTransaction(db, () => {
    const round = openRound(period);
    // Fieldwork keeps pace with the month (about 40% of the quota in by the 20th), and a little is in from day one so
    // the open round's pages are never empty.
    const n = Math.round(gridCount * QUOTA_PER_GRID * Math.max(0.1, 0.6 * monthElapsed(now)));
    const done = simulateRound(repos, round, { n, seed: DEMO_SEED + CLOSED_MONTHS, levels: levelsOf(district, CLOSED_MONTHS), now, contacts, modes });
    answerReceipts(repos, round, 0.4, DEMO_SEED + CLOSED_MONTHS, now);
    return { round, done };
  });
  log(`  ${period}：进行中，已收 ${count(current.done.responses)} 份答卷`);
  return { period, round: current.round };
}

/** Grids worth opening first: the grid login's own, one in a weak village, and the last one. */
function exampleGrids(district: DemoDistrict, logins: DemoLogin[]): UnitRow[] {
  const grids = district.rows.filter((r) => r.level === 'grid');
  const weak = district.villages.find((v) => v.story === 'weak');
  return [
    logins.find((l) => l.role === 'grid')?.unitCode,
    grids.find((g) => g.parentCode === weak?.code)?.code,
    grids[grids.length - 1]?.code,
  ]
    .map((code) => grids.find((g) => g.code === code))
    .filter((g) => g !== undefined);
}

/**
 * Seeds the demo when the database has no units yet; otherwise does nothing and returns undefined. Throws (and the
 * server refuses to start) when the questionnaires in surveys/ are invalid.
 */
export async function seedDemoIfEmpty(db: Db, { log, now = new Date(), secret, rosterKey }: SeedOptions): Promise<SeedResult | undefined> {
  const repos = createRepos(db, { secret, rosterKey });
  if (repos.units.count() > 0) return undefined;
  const started = Date.now();
  log('SafePoll: 新数据库，正在生成演示数据（清河区，模拟民调）…');

  const survey = loadDemoSurvey(repos);
  const district = buildDemoDistrict();
  const counts = countLevels(district);
  const districtUnitId = importDistrict(repos, district, counts, log);
  const logins = demoLogins(district);
  createLogins(repos, logins);

  const contacts = seedDemoRoster(repos, repos.units.descendants(districtUnitId, 'grid'));
  log(`  民调数据库：${count([...contacts.values()].reduce((n, ids) => n + ids.length, 0))} 个虚构号码（199 99xx xxxx）`);
  const modes = seedDemoInterviewers(repos, repos.units.descendants(districtUnitId, 'township'), DEMO_PASSWORD);
  const seeding: DemoSeeding = { db, repos, district, now, log, contacts, modes, openRound: demoRoundOpener(repos, survey.versionId, districtUnitId) };
  seedClosedMonths(seeding);
  const current = seedCurrentMonth(seeding, counts.grid);
  seedDemoDocuments(repos);
  seedForecastDemo(repos, DEMO_SURVEY, log);
  log(`演示数据生成完毕，用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);

  const examples = exampleGrids(district, logins);
  return {
    summary: (baseUrl) => [
      `  演示数据 demo: ${district.name}，${counts.grid} 个网格；${CLOSED_MONTHS} 个已结束的月度轮次，${current.period} 轮次进行中（${current.round.code}）`,
      `  工作人员登录 staff login: ${baseUrl}/login   演示密码 password: ${DEMO_PASSWORD}`,
      ...logins.map((l) => `    ${l.username.padEnd(10)} ${ROLE_NAMES[l.role].padEnd(18)} ${l.displayName}`),
      '  居民问卷链接 resident links:',
      ...examples.map((g) => `    ${baseUrl}/g/${g.code}   ${g.name}`),
    ],
  };
}

const DEMO_USERNAMES = ['admin', 'weifa', 'xiangzhen', 'wanggeyuan'];

/**
 * On a later start: the demo logins that still have the demo password, so whoever runs `npm start` again is told how
 * to sign in. Nothing when the passwords were changed or the database is not the demo's.
 */
export async function demoReminder(db: Db, baseUrl: string): Promise<string[]> {
  const repos = createRepos(db);
  const checked = await Promise.all(DEMO_USERNAMES.map((name) => verifyLogin(repos, name, DEMO_PASSWORD)));
  const still = checked.filter((u) => u !== undefined);
  if (still.length === 0) return [];
  return [
    `  工作人员登录 staff login: ${baseUrl}/login   演示密码 password: ${DEMO_PASSWORD}`,
    ...still.map((u) => `    ${u.username.padEnd(10)} ${ROLE_NAMES[u.role].padEnd(18)} ${u.displayName}`),
  ];
}
