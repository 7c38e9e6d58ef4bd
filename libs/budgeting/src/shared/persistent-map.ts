/**
 * An immutable map whose newest version updates in O(1): the backing Map is shared, and
 * `set` on the newest version writes into it and turns the old version into a one-entry
 * diff ("key had this value") pointing at the new one (Baker's trick). Every version
 * stays readable with its own contents, so a fold that keeps evolving one state costs no
 * copies, while a holder of an older state (a cached state another command evolved
 * further, a test keeping intermediate states) still sees exactly what it had.
 *
 * Older versions pay instead: a read walks the diffs newer than it, and `set` or
 * iteration on one copies the map once. The empty map is never written in place, so a
 * shared initial state never starts such a chain.
 */
const ABSENT: unique symbol = Symbol('absent');

export class PersistentMap<K, V> implements Iterable<[K, V]> {
  /** The backing map while this is the newest version of its lineage; null once superseded. */
  private map: Map<K, V> | null;
  /** Once superseded: the key the next version changed, its value here, and that version. */
  private diffKey: K | undefined = undefined;
  private diffValue: V | typeof ABSENT = ABSENT;
  private next: PersistentMap<K, V> | null = null;

  private constructor(
    map: Map<K, V>,
    readonly size: number,
  ) {
    this.map = map;
  }

  static empty<K, V>(): PersistentMap<K, V> {
    return new PersistentMap(new Map<K, V>(), 0);
  }

  static of<K, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    const map = new Map<K, V>(entries);
    return new PersistentMap(map, map.size);
  }

  get(key: K): V | undefined {
    const found = this.lookup(key);
    return found === ABSENT ? undefined : found;
  }

  has(key: K): boolean {
    return this.lookup(key) !== ABSENT;
  }

  /** A new version with `key` set; this one keeps its contents. */
  set(key: K, value: V): PersistentMap<K, V> {
    const map = this.map;
    if (map === null || map.size === 0) {
      const copy = this.snapshot();
      copy.set(key, value);
      return new PersistentMap(copy, copy.size);
    }
    const previous = map.has(key) ? (map.get(key) as V) : ABSENT;
    map.set(key, value);
    const newer = new PersistentMap(map, map.size);
    this.map = null;
    this.diffKey = key;
    this.diffValue = previous;
    this.next = newer;
    return newer;
  }

  values(): IterableIterator<V> {
    return this.snapshot().values();
  }

  keys(): IterableIterator<K> {
    return this.snapshot().keys();
  }

  entries(): IterableIterator<[K, V]> {
    return this.snapshot().entries();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  private lookup(key: K): V | typeof ABSENT {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking the version chain
    let version: PersistentMap<K, V> = this;
    for (;;) {
      if (version.map !== null) return version.map.has(key) ? (version.map.get(key) as V) : ABSENT;
      if (version.diffKey === key) return version.diffValue;
      if (version.next === null) throw new Error('unreachable: a superseded version has a next');
      version = version.next;
    }
  }

  /**
   * This version's entries, in insertion order, as a Map nobody else writes to while it is
   * iterated: the backing map copied when newest (a later `set` must not show through a
   * lazy iterator), else rebuilt from the newest map and the diffs back to here.
   */
  private snapshot(): Map<K, V> {
    if (this.map !== null) return new Map(this.map);
    const diffs: PersistentMap<K, V>[] = [];
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking the version chain
    let version: PersistentMap<K, V> = this;
    while (version.map === null) {
      diffs.push(version);
      if (version.next === null) throw new Error('unreachable: a superseded version has a next');
      version = version.next;
    }
    const copy = new Map(version.map);
    // Undo the newest change first, so this version's own diff is applied last.
    for (let i = diffs.length - 1; i >= 0; i--) {
      const diff = diffs[i] as PersistentMap<K, V>;
      const key = diff.diffKey as K;
      if (diff.diffValue === ABSENT) copy.delete(key);
      else copy.set(key, diff.diffValue);
    }
    return copy;
  }
}
