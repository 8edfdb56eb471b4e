// Handing a village's receipts on in one go takes the write lock before it reads each receipt's state: with another
// connection writing meanwhile (the CLI, the response writer's thread) it waits instead of failing with SQLITE_BUSY.
import t from 'tap';
import { join } from 'node:path';
import { testDb } from '../../kit/helper.js';
import { receiptWorld } from '../../kit/receipts.js';
import { holdWriteLock } from '../../kit/write-lock.js';
import { bulkAssign } from '../../../server/features/receipts/receipt-steps.js';

t.test("a village's receipts are handed on while another connection holds the write lock for a moment", async (t) => {
  const { db, repos, dir } = testDb(t);
  const w = receiptWorld(repos);
  const ids = [w.newReceipt(), w.newReceipt('楼道灯不亮')];
  const village = repos.units.getById(w.d.grids[0].parentId ?? -1);
  if (!village) throw new Error('fixture');
  const other = await holdWriteLock(join(dir, 'test.db'), 200);
  const n = bulkAssign(db, repos, w.township, { roundId: w.round.id, villageId: village.id, assignee: `user:${w.worker.id}` });
  await other.released;
  t.equal(n, 2, 'both handed on');
  t.same(ids.map((id) => repos.receipts.getById(id)?.state), ['assigned', 'assigned']);
});
