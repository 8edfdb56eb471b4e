// Rows with snake_case columns read as camelCase objects, values untouched.
import t from 'tap';
import { camelRow } from '../../server/platform/rows.js';

t.test('every column is renamed, nothing else changes', async (t) => {
  const row = { id: 7, user_id: null, display_name: '张三', assignee_unit_id: 12, q2_text: 'x', at: '2026-01-01T00:00:00Z' };
  const camel = camelRow(row);
  t.same(camel, { id: 7, userId: null, displayName: '张三', assigneeUnitId: 12, q2Text: 'x', at: '2026-01-01T00:00:00Z' });
  t.same(Object.keys(camel), ['id', 'userId', 'displayName', 'assigneeUnitId', 'q2Text', 'at'], 'in column order');
  t.same(camelRow({}), {});
});
