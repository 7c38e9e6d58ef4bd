import { crossOverlaps, maxInFlight, together, type Span } from './overlap';

const span = (start: number, end: number, by?: string): Span => ({
  start,
  end,
  ...(by === undefined ? {} : { by }),
});

describe('overlap of operations', () => {
  it('counts the most operations in flight at one instant', () => {
    expect(maxInFlight([])).toBe(0);
    expect(maxInFlight([span(0, 10)])).toBe(1);
    expect(maxInFlight([span(0, 10), span(5, 15), span(8, 9)])).toBe(3);
    expect(maxInFlight([span(0, 10), span(20, 30)])).toBe(1);
  });

  it('does not count operations that only touch as overlapping', () => {
    expect(maxInFlight([span(0, 10), span(10, 20), span(20, 30)])).toBe(1);
  });

  it('counts overlapping pairs of different owners only', () => {
    const spans = [span(0, 10, 'a'), span(1, 2, 'a'), span(5, 15, 'b'), span(16, 20, 'a')];
    expect(crossOverlaps(spans)).toBe(1);
    expect(crossOverlaps([span(0, 10, 'a'), span(10, 20, 'b')])).toBe(0);
  });

  it('runs tasks together, keeping each outcome and span', async () => {
    const wait = (ms: number, value: string) => () =>
      new Promise<string>((resolve) => setTimeout(() => resolve(value), ms));
    const tasks = [wait(30, 'a'), wait(30, 'b'), () => Promise.reject(new Error('refused'))];
    const { outcomes, spans } = await together(tasks, { serial: false, by: (i) => i % 2 });
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(maxInFlight(spans)).toBeGreaterThanOrEqual(2);
    expect(spans.map((s) => s.by)).toEqual([0, 1, 0]);
  });

  it('runs them one after another when forced serial, so that nothing overlaps', async () => {
    const wait = () => new Promise<void>((resolve) => setTimeout(resolve, 5));
    const { spans } = await together([wait, wait, wait], { serial: true });
    expect(maxInFlight(spans)).toBe(1);
  });
});
