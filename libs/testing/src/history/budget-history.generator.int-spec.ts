import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConservation } from '@app/application';
import { SqliteEventStore } from '@app/event-store';
import { generateBudgetHistory, ManualClock } from './budget-history.generator';

/**
 * The seeded history goes through the real deciders, so what it records is what the rules
 * accept: its year's end holds the lapse rules' events (a decision keeping spending, lapsed
 * commitments, late vouchers correcting the lapse, money returned), none refused, and money
 * stays conserved.
 */
describe('the seeded budget history at the year’s end', () => {
  let dir: string;
  let store: SqliteEventStore;
  const types = new Map<string, number>();
  let lines: readonly string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-gen-'));
    const clock = new ManualClock(new Date('2024-03-19T01:00:00.000Z'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), clock: clock.now });
    ({ lines } = await generateBudgetHistory(store, clock, { seed: 7, operations: 250 }));
    for (const event of await store.readAll({ maxCount: 100_000 })) {
      types.set(event.type, (types.get(event.type) ?? 0) + 1);
    }
  }, 60_000);

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the lapse rules’ events, every year-end step accepted', () => {
    const carried = lines.filter((l) => l.includes('.2023.'));
    const higher = lines.filter((l) => !l.includes('.2023.') && !l.includes('.district.'));
    expect(carried.length).toBeGreaterThan(0);
    expect(higher.length).toBeGreaterThan(0);
    expect(types.get('CommitmentRetained') ?? 0).toBeGreaterThan(0);
    expect(types.get('CarryOverLapsed') ?? 0).toBeGreaterThanOrEqual(carried.length);
    // One late voucher per carry-over, each a correction of its lapse, and one return per
    // line of a higher level's money.
    expect(types.get('LapseCorrected')).toBe(carried.length);
    expect(types.get('FundsReturned')).toBe(higher.length);
  });

  it('carries payments through the Treasury: sent, accepted, refused (kept and released)', async () => {
    expect(types.get('ExpenditureSentToTreasury') ?? 0).toBeGreaterThan(0);
    const events = await store.readAll({ maxCount: 100_000 });
    const accepted = events.filter((e) => e.type === 'ExpenditureDisbursed' && e.data.treasury);
    const refusals = events.filter((e) => e.type === 'ExpenditureRefusedByTreasury');
    expect(accepted.length).toBeGreaterThan(0);
    expect(new Set(refusals.map((e) => e.data.commitment))).toEqual(new Set(['kept', 'released']));
  });

  it('pays advances, settles some by vouchers and recovers the rest of some', () => {
    expect(types.get('AdvanceSettled') ?? 0).toBeGreaterThan(0);
    expect(types.get('AdvanceRecovered') ?? 0).toBeGreaterThan(0);
  });

  it('keeps money conserved', async () => {
    const report = await checkConservation(store);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});
