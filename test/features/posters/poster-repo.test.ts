// A grid's worker and the posters' public URL: stored with their audit entry, the phone never in the audit detail;
// a units import carries workers through to the posters.
import t from 'tap';
import { testDb } from '../../kit/app.js';
import { smallDistrict } from '../../kit/fixtures.js';

const CLI = { userId: null, client: null };

t.test('a grid worker is stored, read in one go for a batch, cleared, and refused on a village', async (t) => {
  const { repos } = testDb(t);
  smallDistrict(repos);
  const grid = repos.units.getByCode('D01-T1-V1-G1');
  const village = repos.units.getByCode('D01-T1-V1');
  if (!grid || !village) throw new Error('fixture');
  t.equal(repos.posters.gridWorker(grid.id), undefined);
  t.equal(repos.posters.setGridWorker(grid.id, grid.code, { name: '李红', phone: '13812345678' }, CLI), true);
  t.same(repos.posters.gridWorker(grid.id), { name: '李红', phone: '13812345678' });
  t.same([...repos.posters.gridWorkers().entries()], [[grid.id, { name: '李红', phone: '13812345678' }]]);
  t.equal(repos.posters.setGridWorker(village.id, village.code, { name: '王芳', phone: '13812345679' }, CLI), false, 'only grids');
  t.equal(repos.posters.gridWorker(village.id), undefined);
  t.equal(repos.posters.setGridWorker(grid.id, grid.code, null, CLI), true);
  t.equal(repos.posters.gridWorker(grid.id), undefined);
  const entries = repos.audit.byAction('unit.grid-worker');
  t.equal(entries.length, 2, 'one entry per change, none for the refused village');
  t.notMatch(JSON.stringify(entries), '1381234567', 'no phone in the audit log');
  t.equal(repos.units.getByCode('D01-T1-V1-G1')?.name, grid.name, 'the unit tree still reads after the change');
});

t.test('the public URL setting: stored, cleared with an empty value, audited', async (t) => {
  const { repos } = testDb(t);
  repos.posters.setPublicUrl('https://poll.example.gov.cn', CLI);
  t.equal(repos.settings.storedPublicUrl(), 'https://poll.example.gov.cn');
  repos.posters.setPublicUrl('', CLI);
  t.equal(repos.settings.storedPublicUrl(), undefined);
  t.equal(repos.audit.byAction('settings.poster').length, 2);
});

t.test('a units import stores the workers of its grids', async (t) => {
  const { repos } = testDb(t);
  repos.units.importUnits([
    { code: 'D9', name: '新城区', parentCode: null, level: 'district', population: null, households: null },
    { code: 'D9-T1', name: '一街道', parentCode: 'D9', level: 'township', population: null, households: null },
    { code: 'D9-T1-V1', name: '幸福村', parentCode: 'D9-T1', level: 'village', population: null, households: null },
    { code: 'D9-T1-V1-G1', name: '一号网格', parentCode: 'D9-T1-V1', level: 'grid', population: 10, households: 3, worker: { name: '李红', phone: '0731-88886666' } },
  ]);
  const grid = repos.units.getByCode('D9-T1-V1-G1');
  if (!grid) throw new Error('import');
  t.same(repos.posters.gridWorker(grid.id), { name: '李红', phone: '0731-88886666' });
});
