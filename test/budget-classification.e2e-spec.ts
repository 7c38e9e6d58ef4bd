import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness } from './support/api-harness';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';

const proposal = (economicCode?: string): object => ({
  budgetLineId: LINE,
  amount: '100000',
  category: 'travel_allowance',
  description: 'Công tác phí kiểm tra',
  payee: 'Cán bộ LĐTBXH',
  effectiveDate: '2024-05-10',
  personDays: 1,
  normClaim: {
    period: { from: '2024-05-08', to: '2024-05-08' },
    items: [{ kind: 'per_diem', amount: '100000', persons: 1, days: 1 }],
  },
  ...(economicCode === undefined ? {} : { economicCode }),
});

/** Issue 17, item 4 over HTTP: a payment's tiểu mục is checked against the code table. */
describe('a payment’s budget code over HTTP', () => {
  let api: ApiHarness;
  let officer: string;

  beforeAll(async () => {
    api = await ApiHarness.start(
      { BUDGET_RATE_LIMIT_PER_MINUTE: '0' },
      { clock: new FixedClock('2024-06-15T03:00:00Z') },
    );
    const admin = api.user('Phòng Tài chính – Kế hoạch', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    await api.registerReference(admin, ['LDTBXH']);
    await api.allocate(admin);
  }, 60_000);
  afterAll(() => api.stop());

  it('records the tiểu mục on the proposal', async () => {
    await api.post('/api/v1/expenditures', officer, proposal('6702')).expect(201);
    const proposed = (await api.allEvents()).filter((e) => e.type === 'ExpenditureProposed');
    expect(proposed.at(-1)?.data).toMatchObject({ economicCode: '6702' });
  });

  it('refuses a code not in the table with 400 problem+json naming the field, recording nothing', async () => {
    const before = await api.eventCount();
    const res = await api.post('/api/v1/expenditures', officer, proposal('6700')).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.body as { code: string; detail?: string; title?: string } & Record<
      string,
      unknown
    >;
    expect(body.code).toBe('BUDGET.CLASSIFICATION_UNKNOWN_CODE');
    expect(JSON.stringify(body)).toContain('economicCode');
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses a code of the wrong shape before anything runs', async () => {
    const res = await api.post('/api/v1/expenditures', officer, proposal('67')).expect(400);
    expect(JSON.stringify(res.body)).toContain('economicCode');
  });
});
