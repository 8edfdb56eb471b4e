// One heavy page at a time per turn of the event loop. Node reads every request that arrived together in one pass
// (the poll phase) and runs each handler as far as its first wait, so ten bulletin pages asked at once — ten
// connections of staff or a script — were built back to back, each about 10–25 ms, and held the loop 100–330 ms
// (bench/event-loop.ts, load of 10 connections, demo district, 2026-12-07): every other request, the resident form
// included, waited that long. A handler awaits `ownTurn()` before its heavy part; the waiting handlers are let go one
// per turn (setImmediate: the next is queued from inside the check phase, so it runs in the next turn, after timers
// and the sockets' new data have had their go). The work and what it answers are unchanged; only the order of
// waiting changes.

const queue: Array<() => void> = [];
let scheduled = false;

function letNextGo(): void {
  queue.shift()?.();
  if (queue.length > 0) setImmediate(letNextGo);
  else scheduled = false;
}

/** Resolves in a turn of the event loop of this handler's own (the heavy work then runs after other requests' turns). */
export function ownTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    queue.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(letNextGo);
    }
  });
}
