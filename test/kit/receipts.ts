// A district with staff at every level and receipts to work on, for the receipts pages' tests.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../server/platform/db.js';
import type { Repos } from '../../server/platform/repos.js';
import type { Round } from '../../server/core/rounds/round.js';
import type { StaffUser } from '../../server/core/auth/staff.js';
import { openRound, smallDistrict, type SmallDistrict } from './fixtures.js';
import { build, injectAs, PASSWORD, type StaffSession } from './app.js';

export interface ReceiptWorld {
  d: SmallDistrict;
  round: Round;
  committee: StaffUser;
  /** Staff of the first township (D01-T1) and of the second (D01-T2). */
  township: StaffUser;
  otherTownship: StaffUser;
  /** The worker of D01-T1-V1-G1, of D01-T1-V1-G2 (same village), and of D01-T2-V1-G1 (other township). */
  worker: StaffUser;
  neighbour: StaffUser;
  farWorker: StaffUser;
  /** A 待处理 receipt of D01-T1-V1-G1. */
  newReceipt(body?: string, grid?: number, createdAt?: string): number;
}

export function receiptWorld(repos: Repos): ReceiptWorld {
  const d = smallDistrict(repos);
  const round = openRound(repos);
  const make = (username: string, displayName: string, role: StaffUser['role'], unitId: number | null) =>
    repos.users.create({ username, displayName, password: PASSWORD, role, unitId });
  const [g1, g2] = [d.grids[0], d.grids[1]];
  const far = d.grids.find((g) => g.code.startsWith('D01-T2'));
  if (!far) throw new Error('fixture');
  return {
    d,
    round,
    committee: make('committee', '政法委张三', 'committee', null),
    township: make('township', '东城综治中心李四', 'township', d.townships[0].id),
    otherTownship: make('township2', '西山综治中心赵六', 'township', d.townships[1].id),
    worker: make('worker', '网格员王五', 'grid', g1.id),
    neighbour: make('neighbour', '网格员钱七', 'grid', g2.id),
    farWorker: make('far', '网格员孙八', 'grid', far.id),
    newReceipt: (body = '小区路灯坏了，希望尽快修好', grid = g1.id, createdAt?: string) =>
      repos.receipts.create({ roundId: round.id, gridId: grid, responseId: null, source: 'suggestion', questionId: null, body, createdAt }),
  };
}

export interface ReceiptApp {
  app: FastifyInstance;
  repos: Repos;
  db: Db;
  w: ReceiptWorld;
  as(username: string): Promise<StaffSession>;
}

export async function receiptApp(t: Parameters<typeof build>[0]): Promise<ReceiptApp> {
  let w: ReceiptWorld | undefined;
  const { app, repos, db } = await build(t, { seed: (r) => {
    w = receiptWorld(r);
  } });
  if (!w) throw new Error('fixture');
  const sessions = new Map<string, StaffSession>();
  return {
    app, repos, db, w,
    async as(username) {
      let s = sessions.get(username);
      if (!s) sessions.set(username, (s = await injectAs(app, username)));
      await s.get('/receipts');
      return s;
    },
  };
}

/** The receipt audit entries, oldest first. */
export function receiptAudit(db: Db): Array<{ user_id: number | null; action: string; detail: string }> {
  return db.prepare<[], { user_id: number | null; action: string; detail: string }>(
    "SELECT user_id, action, detail FROM audit_log WHERE action LIKE 'receipt.%' ORDER BY id",
  ).all();
}
