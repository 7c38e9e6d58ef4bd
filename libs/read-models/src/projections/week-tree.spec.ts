import fc from 'fast-check';
import { addWeeks } from './time-axes';
import { nodesBefore, nodesHolding, plus, treeAdd, treeBefore, treeTotal, NONE } from './week-tree';
import { ZERO_AMOUNTS } from './line-deltas';

const weekArb = fc.integer({ min: 0, max: 4000 }).map((n) => addWeeks('2000-01-03', n));

describe('the tree over weeks', () => {
  it('counts a movement filed at w in the totals before W exactly when w is before W, once', () => {
    fc.assert(
      fc.property(weekArb, weekArb, (w, before) => {
        const holding = new Set(nodesHolding(w));
        const shared = nodesBefore(before).filter((node) => holding.has(node));
        expect(shared.length).toBe(w < before ? 1 : 0);
      }),
      { seed: 20, numRuns: 2000 },
    );
  });

  it('touches at most 14 nodes a side, whatever the weeks between them', () => {
    for (const week of ['1970-01-05', '2024-01-01', '2024-12-30', '2126-12-28']) {
      expect(nodesHolding(week).length).toBeLessThanOrEqual(14);
      expect(nodesBefore(week).length).toBeLessThanOrEqual(14);
    }
  });

  it('keeps a small tree inside a document that sums as the movements it was given', () => {
    const at = (n: number) => ({ n: 1, amounts: { ...ZERO_AMOUNTS, allocated: BigInt(n) } });
    const weeks = [5, 60, 3, 60, 200].map((n) => addWeeks('2023-01-02', n));
    let tree = {};
    weeks.forEach((w, i) => (tree = treeAdd(tree, w, at(i + 1))));
    expect(treeTotal(tree)).toEqual({ n: 5, amounts: { ...ZERO_AMOUNTS, allocated: 15n } });
    const before61 = treeBefore(tree, addWeeks('2023-01-02', 61));
    // Weeks 5, 60, 3, 60 (amounts 1, 2, 3, 4): not week 200.
    expect(before61).toEqual({ n: 4, amounts: { ...ZERO_AMOUNTS, allocated: 10n } });
    expect(treeBefore(tree, addWeeks('2023-01-02', 3))).toEqual(plus(NONE, NONE));
  });
});
