// One heavy handler per turn of the event loop (server/platform/loop-turns.ts): handlers that asked together run one
// after another, with timers (and sockets) served between them, instead of back to back in one long block.
import t from 'tap';
import { ownTurn } from '../../server/platform/loop-turns.js';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

t.test('five heavy handlers asked at once: a timer due meanwhile fires after the first, not after all five', async (t) => {
  const order: string[] = [];
  setTimeout(() => order.push('timer'), 0);
  await Promise.all(
    [1, 2, 3, 4, 5].map(async (n) => {
      await ownTurn();
      busy(5);
      order.push(`handler ${n}`);
    }),
  );
  t.same(order.slice(0, 2), ['handler 1', 'timer'], order.join(', '));
  t.same(order.filter((o) => o !== 'timer'), ['handler 1', 'handler 2', 'handler 3', 'handler 4', 'handler 5'], 'in the order they asked');
});
