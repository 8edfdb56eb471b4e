// The roster's storage: numbers sealed and hashed with keys of the roster secret (SAFEPOLL_ROSTER_KEY when set), all
// or nothing on import, status changes conditional and audited.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { smallDistrict } from '../../kit/fixtures.js';
import { createRepos } from '../../../server/platform/repos.js';
import { RosterConflict, type NewContact } from '../../../server/features/roster/contacts-repo.js';
import { loadConfig } from '../../../server/config.js';

const SECRET = 's'.repeat(40);
const ROSTER_KEY = 'r'.repeat(40);

function contact(gridId: number, canonical: string): NewContact {
  return { gridId, canonical, masked: `${canonical.slice(0, 3)}****${canonical.slice(-4)}`, category: '常住居民', name: null, note: null };
}

t.test('the hash is keyed: another secret, another hash; the roster key keeps numbers apart from the server secret', async (t) => {
  const { db } = testDb(t);
  const plain = createRepos(db, { secret: SECRET });
  const keyed = createRepos(db, { secret: SECRET, rosterKey: ROSTER_KEY });
  t.not(plain.contacts.hashOf('13812341234'), keyed.contacts.hashOf('13812341234'));
  t.not(plain.contacts.hashOf('13812341234'), createRepos(db, { secret: 't'.repeat(40) }).contacts.hashOf('13812341234'));
  t.notMatch(plain.contacts.hashOf('13812341234'), /^[0-9a-f]{64}$/, 'not a bare SHA-256 hex digest either');

  const { grids } = smallDistrict(keyed);
  const [id] = keyed.contacts.importMany([contact(grids[0].id, '13812341234')], null);
  t.equal(keyed.contacts.reveal(id)?.phone, '13812341234');
  t.throws(() => plain.contacts.reveal(id), /roster key/, 'the server secret alone does not open it');
  t.same(keyed.contacts.knownNumbers(['13812341234', '13912341234']), new Set(['13812341234']));
  t.same(plain.contacts.knownNumbers(['13812341234']), new Set(), 'and does not find it');
  t.equal(loadConfig({ SAFEPOLL_ROSTER_KEY: ROSTER_KEY }).rosterKey, ROSTER_KEY);
  t.throws(() => loadConfig({ SAFEPOLL_ROSTER_KEY: 'short' }), /rosterKey/);
});

t.test('an import meeting a number stored meanwhile stores nothing', async (t) => {
  const { db } = testDb(t);
  const repos = createRepos(db, { secret: SECRET });
  const { grids } = smallDistrict(repos);
  repos.contacts.importMany([contact(grids[0].id, '13700000000')], null);
  t.throws(() => repos.contacts.importMany([contact(grids[1].id, '13800000000'), contact(grids[1].id, '13700000000')], 7), RosterConflict);
  t.equal(repos.contacts.count({ gridIds: grids.map((g) => g.id) }), 1);
  t.equal(repos.audit.byAction('roster.import').length, 1);
});

t.test('status changes are conditional on the status the person saw, and audited', async (t) => {
  const { db } = testDb(t);
  const repos = createRepos(db, { secret: SECRET });
  const { grids } = smallDistrict(repos);
  const [id] = repos.contacts.importMany([contact(grids[0].id, '13700000000')], null);
  t.equal(repos.contacts.setStatus(id, 'active', 'suspended', null).status, 'suspended');
  t.throws(() => repos.contacts.setStatus(id, 'active', 'invalid', null), /已不是“正常”/);
  t.throws(() => repos.contacts.setStatus(id, 'suspended', 'suspended', null), /已经是“停机”/);
  t.equal(repos.contacts.getById(id)?.status, 'suspended');
  t.equal(repos.audit.byAction('roster.status').length, 1);
  t.same(repos.contacts.list({ gridIds: [grids[0].id], status: 'active' }, 10, 0), []);
  t.equal(repos.contacts.count({ gridIds: [grids[0].id], status: 'suspended' }), 1);
});
