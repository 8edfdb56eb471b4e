// What services keep in memory for one database (results of closed rounds, the background refresh of open ones, the
// forecast's frames): it belongs to that database's repositories (createRepos makes one), so each database — each
// test, the benchmark's fresh handle, the results worker's own connection — has its own, and it goes when they go.

/** One service's state: a name for reading a dump, and how to create it on first use. */
export interface MemoSlot<T> {
  readonly name: string;
  create(): T;
}

export function memoSlot<T>(name: string, create: () => T): MemoSlot<T> {
  return { name, create };
}

export class ServiceMemos {
  private readonly slots = new Map<MemoSlot<unknown>, unknown>();

  /** The state kept in this slot, created on first use. */
  of<T>(slot: MemoSlot<T>): T {
    if (this.slots.has(slot)) return this.slots.get(slot) as T;
    const value = slot.create();
    this.slots.set(slot, value);
    return value;
  }

  /** The state kept in this slot, or undefined when none was created yet. */
  peek<T>(slot: MemoSlot<T>): T | undefined {
    return this.slots.get(slot) as T | undefined;
  }
}
