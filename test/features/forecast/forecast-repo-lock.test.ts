// The forecast's changes take the write lock before they read: with another connection writing (the CLI, the
// response writer's thread), removing a peer or replacing the list waits for it instead of failing with SQLITE_BUSY.
import t from 'tap';
import { join } from 'node:path';
import { testDb } from '../../kit/helper.js';
import { holdWriteLock } from '../../kit/write-lock.js';
import { CLI_ACTOR } from '../../../server/core/auth/actor.js';

const PEERS = [{ name: '甲县', score: 90, sd: null, published: null }, { name: '乙县', score: 80, sd: null, published: null }];

t.test('a peer is removed while another connection holds the write lock for a moment', async (t) => {
  const { repos, dir } = testDb(t);
  repos.forecast.savePeers(PEERS, CLI_ACTOR, 'forecast.peers.import');
  const id = repos.forecast.peers().find((p) => p.name === '乙县')?.id;
  if (id === undefined) throw new Error('fixture');
  const other = await holdWriteLock(join(dir, 'test.db'), 200);
  t.equal(repos.forecast.deletePeer(id, CLI_ACTOR), true, 'waited for the lock, then removed it');
  await other.released;
  t.same(repos.forecast.peers().map((p) => p.name), ['甲县']);
  t.equal(repos.audit.byAction('forecast.peer.delete').length, 1);
});

t.test('the peer list is replaced while another connection holds the write lock for a moment', async (t) => {
  const { repos, dir } = testDb(t);
  repos.forecast.savePeers(PEERS, CLI_ACTOR, 'forecast.peers.import');
  const other = await holdWriteLock(join(dir, 'test.db'), 200);
  repos.forecast.replacePeers([{ name: '丙县', score: 70, sd: null, published: null }], CLI_ACTOR);
  await other.released;
  t.same(repos.forecast.peers().map((p) => p.name), ['丙县']);
  t.match(repos.audit.byAction('forecast.peers.import')[0].detail, /"removed":\["甲县","乙县"\]/);
});
