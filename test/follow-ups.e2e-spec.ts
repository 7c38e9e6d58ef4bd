import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConservation, FollowUpRunner } from '@app/application';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const SOURCE = '2024.DA7.TDA1.central.2024.LDTBXH';
const TARGET = '2024.DA7.TDA2.central.2024.LDTBXH';
const CARRIED = '2024.DA6.TDA2.district.2023.LDTBXH';

/** Processes that must happen after an event: they run off the log and survive restarts. */
describe('follow-up processes across restarts', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-followups-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves an approved transfer after a restart, when the process was down at approval', async () => {
    // First life: follow-ups off, as if the process died right after the approval answered.
    const first = await ApiHarness.start({ BUDGET_DATA_DIR: dir, BUDGET_FOLLOW_UPS: 'off' });
    const admin = first.user('Quản trị', 'admin');
    const officer = first.user('Cán bộ', 'officer', { unit: 'LDTBXH' });
    const approver = first.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    await first.registerReference(admin);
    for (const line of [SOURCE, TARGET]) {
      const [, da, tda, fundSource, , unit] = line.split('.');
      await first
        .post('/api/v1/allocations', admin, {
          fiscalYear: 2024,
          programPart: `${da}.${tda}`,
          fundSource,
          sourceYear: 2024,
          unit,
          amount: '1000000',
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
    }
    const { id } = (
      await first
        .post('/api/v1/transfers', officer, {
          kind: 'reallocation',
          fromLine: SOURCE,
          toLine: TARGET,
          amount: '400000',
          decision: '120/QĐ-UBND',
          effectiveDate: '2024-08-01',
        })
        .expect(201)
    ).body as { id: string };
    await first.post(`/api/v1/transfers/${id}/approve`, approver, {}).expect(200);
    const before = await checkConservation(first.store);
    expect(before.ok).toBe(true);
    expect((await first.store.readStream(`transfer-${id}`)).at(-1)?.type).toBe('TransferApproved');
    await first.stop();

    // Second life: the checkpointed subscription finds the approval and finishes the job, once.
    const second = await ApiHarness.start({ BUDGET_DATA_DIR: dir });
    try {
      expect(await second.transferOutcome(id)).toBe('TransferCompleted');
      const reader = second.user('Kiểm toán', 'auditor');
      const source = (await second.get(`/api/v1/budget-lines/${SOURCE}`, reader).expect(200))
        .body as Record<string, string>;
      const target = (await second.get(`/api/v1/budget-lines/${TARGET}`, reader).expect(200))
        .body as Record<string, string>;
      expect(source).toMatchObject({ transferredOut: '400000', available: '600000' });
      expect(target).toMatchObject({ transferredIn: '400000', available: '1400000' });
      expect((await checkConservation(second.store)).problems).toEqual([]);
    } finally {
      await second.stop();
    }
  });

  it('lapses carried-over money whose deadline passed while the service was down', async () => {
    const before = await ApiHarness.start(
      { BUDGET_DATA_DIR: dir },
      { clock: new FixedClock('2024-06-01T03:00:00Z') },
    );
    const officer = before.user('Cán bộ', 'officer', { unit: 'LDTBXH' });
    const approver = before.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    const carried = await before.carryOver(officer, approver, CARRIED, '250000');
    expect(carried.outcome).toBe('TransferCompleted');
    expect(await before.app.get(FollowUpRunner).lapseWhenCaughtUp()).toEqual([]);
    await before.stop();

    // Back up in 2025: the deadline (31/12/2024) passed while it was down.
    const after = await ApiHarness.start(
      { BUDGET_DATA_DIR: dir },
      { clock: new FixedClock('2025-01-05T03:00:00Z') },
    );
    try {
      const runner = after.app.get(FollowUpRunner);
      await runner.lapseWhenCaughtUp();
      const events = await after.store.readStream(`budget-line-${CARRIED}`);
      const lapses = events.filter((e) => e.type === 'CarryOverLapsed');
      expect(lapses).toHaveLength(1);
      expect(lapses[0]).toMatchObject({
        data: { amount: '250000', deadline: '2024-12-31' },
        metadata: { effectiveDate: '2025-01-01' },
      });
      // Running again changes nothing.
      await runner.lapseWhenCaughtUp();
      expect(
        (await after.store.readStream(`budget-line-${CARRIED}`)).filter(
          (e) => e.type === 'CarryOverLapsed',
        ),
      ).toHaveLength(1);
      const reader = after.user('Kiểm toán', 'auditor');
      const line = (await after.get(`/api/v1/budget-lines/${CARRIED}`, reader).expect(200))
        .body as Record<string, string>;
      expect(line).toMatchObject({ carriedIn: '250000', cancelled: '250000', available: '0' });
    } finally {
      await after.stop();
    }
  });
});
