// Half-year sweep progress by category and grid against a hand-built roster and call history.
import t from 'tap';
import { sweepProgress, UNCATEGORISED } from '../../../server/core/results/sweep-progress.js';

t.test('roster, target, attempted, completed and final dispositions by category and grid', async (t) => {
  const roster = [
    { gridId: 1, category: '常住居民', status: 'active', n: 4 },
    { gridId: 1, category: '常住居民', status: 'do_not_call', n: 1 },
    { gridId: 1, category: '企业', status: 'active', n: 2 },
    { gridId: 2, category: '常住居民', status: 'active', n: 3 },
    { gridId: 2, category: null, status: 'invalid', n: 1 },
    { gridId: 9, category: '企业', status: 'active', n: 50 },
  ];
  const finals = [
    { gridId: 1, category: '常住居民', fromRoster: true, disposition: 'complete', n: 2 },
    { gridId: 1, category: '常住居民', fromRoster: true, disposition: 'refusal', n: 1 },
    { gridId: 1, category: '企业', fromRoster: true, disposition: 'non_contact', n: 1 },
    { gridId: 2, category: '常住居民', fromRoster: true, disposition: 'complete', n: 1 },
    { gridId: 2, category: null, fromRoster: false, disposition: 'complete', n: 5 },
    { gridId: 9, category: '企业', fromRoster: true, disposition: 'complete', n: 7 },
  ];
  const p = sweepProgress([1, 2], roster, finals);
  const resident = p.byCategory.find((c) => c.category === '常住居民');
  t.match(resident, { roster: 8, target: 7, attempted: 4, completed: 3 });
  t.equal(resident?.completion, 3 / 7);
  t.equal(resident?.dispositions.refusal, 1);
  t.match(p.byCategory.find((c) => c.category === '企业'), { roster: 2, target: 2, attempted: 1, completed: 0, completion: 0 });
  t.match(p.byCategory.find((c) => c.category === UNCATEGORISED), { roster: 1, target: 0, attempted: 0, completion: null });
  t.match(p.total, { roster: 11, target: 9, attempted: 5, completed: 3 }, 'calls without a roster number and other grids are left out');
  t.match(p.byGrid, [{ gridId: 1, roster: 7, target: 6, attempted: 4, completed: 2 }, { gridId: 2, roster: 4, target: 3, attempted: 1, completed: 1 }]);
});
