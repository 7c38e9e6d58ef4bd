import { randomUUID } from 'node:crypto';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness } from './support/api-harness';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const PATH = `/api/v1/budget-lines/${LINE}/cancellations`;

const cancellation = (extra: object = {}): object => ({
  amount: '300000',
  decision: '45/QĐ-UBND',
  reason: 'Hủy dự toán không sử dụng hết',
  effectiveDate: '2024-06-01',
  ...extra,
});

/**
 * Hủy dự toán over HTTP (the CancelFunds command's door): the finance office cancels part
 * of a line's estimate by a decision. Each refusal is a problem+json with its stable code
 * and field, and records nothing; a 201 means FundsCancelled is in the line's stream and
 * the line's balance shows it.
 */
describe('cancelling funds over HTTP', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let outsider: string;

  beforeAll(async () => {
    api = await ApiHarness.start(
      { BUDGET_RATE_LIMIT_PER_MINUTE: '0' },
      { clock: new FixedClock('2024-07-01T03:00:00Z') },
    );
    admin = api.user('Phòng Tài chính – Kế hoạch', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    outsider = api.user('Kiểm toán', 'auditor');
    await api.registerReference(admin, ['LDTBXH']);
    await api.allocate(admin, '1000000');
  });

  afterAll(async () => {
    await api.stop();
  });

  const lineStream = () => api.store.readStream(`budget-line-${LINE}`);

  const refused = async (
    token: string,
    body: object,
    status: number,
    code: string,
    path = PATH,
  ): Promise<Record<string, unknown>> => {
    const before = await api.eventCount();
    const res = await api.post(path, token, body).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code, status });
    expect(await api.eventCount()).toBe(before);
    return res.body as Record<string, unknown>;
  };

  it('refuses roles that may not cancel, bad input and an overdraw, recording nothing', async () => {
    await refused(officer, cancellation(), 403, 'AUTH.ROLE_FORBIDDEN');
    await refused(outsider, cancellation(), 403, 'AUTH.ROLE_FORBIDDEN');
    const invalid = await refused(
      admin,
      cancellation({ amount: '1.5', reason: '', decision: 'bốn lăm' }),
      400,
      'VALIDATION.FAILED',
    );
    const fields = JSON.stringify(invalid);
    for (const field of ['amount', 'reason', 'decision']) expect(fields).toContain(field);
    // Under a registered decision of the committee (the allocation's), still more than is there.
    await refused(
      admin,
      cancellation({ amount: '1000001', decision: '30/QĐ-UBND' }),
      409,
      'BUDGET.LINE_OVERDRAWN',
    );
    await refused(
      admin,
      cancellation(),
      400,
      'VALIDATION.BUDGET_LINE_KEY',
      '/api/v1/budget-lines/not-a-line/cancellations',
    );
    expect((await lineStream()).map((e) => e.type)).toEqual(['BudgetLineOpened', 'FundsAllocated']);
  });

  it('refuses a decision the register does not hold, or holds as another kind, recording nothing', async () => {
    const unregistered = await refused(admin, cancellation(), 422, 'DOCUMENT.NOT_REGISTERED');
    expect(unregistered).toMatchObject({ details: { field: 'decision', decision: '45/QĐ-UBND' } });
    expect(JSON.stringify(unregistered)).toContain('hủy dự toán');
    // A plan (KH) is in the register, but it does not cancel an estimate.
    await api
      .post('/api/v1/documents', admin, {
        type: 'KH',
        issuer: 'UBND huyện Ba Tơ',
        number: '46/KH-UBND',
        issuedOn: '2024-05-20',
        title: 'Kế hoạch (minh họa)',
      })
      .expect(201);
    await refused(
      admin,
      cancellation({ decision: '46/KH-UBND' }),
      422,
      'DOCUMENT.NOT_A_CANCELLATION_DECISION',
    );
    // Registered now, but issued after the cancellation's date.
    await api.registerReference(
      admin,
      [],
      [{ number: '45/QĐ-UBND', issuedOn: '2024-06-01', title: 'Hủy dự toán (minh họa)' }],
    );
    await refused(
      admin,
      cancellation({ effectiveDate: '2024-05-31' }),
      422,
      'DOCUMENT.ISSUED_AFTER',
    );
    expect((await lineStream()).map((e) => e.type)).toEqual(['BudgetLineOpened', 'FundsAllocated']);
  });

  it('records FundsCancelled on a 201, the balance shows it, and the same key appends once', async () => {
    const key = randomUUID();
    const first = await api.post(PATH, admin, cancellation(), key).expect(201);
    const again = await api.post(PATH, admin, cancellation(), key).expect(201);
    expect(again.body).toEqual(first.body);
    expect(first.body).toMatchObject({ id: LINE, position: expect.any(String) as unknown });

    const cancelled = (await lineStream()).filter((e) => e.type === 'FundsCancelled');
    expect(cancelled.map((e) => e.data)).toEqual([
      {
        budgetLineId: LINE,
        amount: '300000',
        decision: '45/QĐ-UBND',
        reason: 'Hủy dự toán không sử dụng hết',
      },
    ]);
    expect(cancelled[0]?.metadata.effectiveDate).toBe('2024-06-01');
    const line = (await api.get(`/api/v1/budget-lines/${LINE}`, admin).expect(200)).body as Record<
      string,
      string
    >;
    expect(line).toMatchObject({ cancelled: '300000', available: '700000' });

    // What is left is what may still be cancelled.
    await refused(admin, cancellation({ amount: '700001' }), 409, 'BUDGET.LINE_OVERDRAWN');
  });
});
