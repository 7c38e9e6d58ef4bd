import { PersistentMap } from './persistent-map';

describe('PersistentMap', () => {
  it('keeps every version readable with its own contents after newer ones are made', () => {
    const v0 = PersistentMap.empty<string, number>();
    const v1 = v0.set('a', 1);
    const v2 = v1.set('b', 2);
    const v3 = v2.set('a', 10);
    expect([...v0]).toEqual([]);
    expect([...v1]).toEqual([['a', 1]]);
    expect([...v2]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect([...v3]).toEqual([
      ['a', 10],
      ['b', 2],
    ]);
    expect(v1.get('a')).toBe(1);
    expect(v1.has('b')).toBe(false);
    expect(v2.get('a')).toBe(1);
    expect(v3.get('a')).toBe(10);
    expect([v0.size, v1.size, v2.size, v3.size]).toEqual([0, 1, 2, 2]);
  });

  it('branches: setting on an older version leaves the newer lineage alone', () => {
    const base = PersistentMap.of([['x', 1]]);
    const left = base.set('y', 2);
    const right = base.set('z', 3);
    expect([...left.keys()]).toEqual(['x', 'y']);
    expect([...right.keys()]).toEqual(['x', 'z']);
    expect([...base.values()]).toEqual([1]);
    expect(left.set('x', 5).get('x')).toBe(5);
    expect(right.get('x')).toBe(1);
  });

  it('never writes into the empty map, so a shared initial state stays cheap to start from', () => {
    const empty = PersistentMap.empty<string, number>();
    const a = empty.set('a', 1);
    const b = empty.set('b', 2);
    expect([...a.keys()]).toEqual(['a']);
    expect([...b.keys()]).toEqual(['b']);
    expect(empty.size).toBe(0);
  });

  it('an iterator of the newest version does not see a set made while it is open', () => {
    const v1 = PersistentMap.of([['a', 1]]);
    const values = v1.values();
    v1.set('b', 2);
    expect([...values]).toEqual([1]);
  });

  it('agrees with a plain Map over a random history of versions', () => {
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const versions: [PersistentMap<number, number>, Map<number, number>][] = [
      [PersistentMap.empty(), new Map()],
    ];
    for (let i = 0; i < 500; i++) {
      // Mostly the newest version, sometimes an older one.
      const from = random(4) === 0 ? random(versions.length) : versions.length - 1;
      const [persistent, plain] = versions[from] as [
        PersistentMap<number, number>,
        Map<number, number>,
      ];
      const key = random(40);
      const next = new Map(plain).set(key, i);
      versions.push([persistent.set(key, i), next]);
    }
    for (const [persistent, plain] of versions) {
      expect([...persistent]).toEqual([...plain]);
      expect(persistent.size).toBe(plain.size);
      for (let key = 0; key < 40; key++) expect(persistent.get(key)).toBe(plain.get(key));
    }
  });
});
