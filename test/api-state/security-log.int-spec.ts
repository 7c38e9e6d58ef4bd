import type { Refusal } from '@app/api-state';
import { describeOnApiStateBackends } from '../support/api-state-backends';

const refusal = (at: string, code: string, extra: Partial<Refusal> = {}): Refusal => ({
  at,
  userId: 'u-1',
  role: 'officer',
  method: 'POST',
  path: '/api/v1/expenditures',
  status: 403,
  code,
  reason: 'Chỉ người phê duyệt / only approvers',
  ip: '10.0.0.7',
  ...extra,
});

describeOnApiStateBackends('SecurityLog', (backend) => {
  it('keeps every refusal, newest first, bounded in length', async () => {
    const { securityLog } = await backend.replica();
    await securityLog.record(refusal('2024-07-01T00:00:01.000Z', 'A'));
    await securityLog.record(
      refusal('2024-07-01T00:00:02.000Z', 'B', {
        userId: null,
        role: null,
        ip: null,
        path: `/${'p'.repeat(900)}`,
        reason: 'r'.repeat(3000),
      }),
    );
    await securityLog.record(refusal('2024-07-01T00:00:03.000Z', 'C'));
    const all = await securityLog.recent();
    expect(all.map((r) => r.code)).toEqual(['C', 'B', 'A']);
    expect(all[2]).toEqual(refusal('2024-07-01T00:00:01.000Z', 'A'));
    expect(all[1]).toMatchObject({ userId: null, role: null, ip: null });
    expect(all[1]?.path).toHaveLength(500);
    expect(all[1]?.reason).toHaveLength(1000);
    expect((await securityLog.recent(2)).map((r) => r.code)).toEqual(['C', 'B']);
  });

  it('is one log for every replica', async () => {
    const a = await backend.replica();
    const b = await backend.replica();
    await a.securityLog.record(refusal('2024-07-01T00:00:01.000Z', 'FROM_A'));
    await b.securityLog.record(refusal('2024-07-01T00:00:02.000Z', 'FROM_B'));
    expect((await a.securityLog.recent()).map((r) => r.code)).toEqual(['FROM_B', 'FROM_A']);
  });
});
