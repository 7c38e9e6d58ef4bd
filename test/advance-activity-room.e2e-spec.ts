import { activitySpendingStreamId } from '@app/budgeting';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';
import { seedPlanRequest } from './support/plan-over-http';

const PANO = 'DA6.TDA2-pano';
const LINE = '2024.DA6.TDA2.central.2024.LDTBXH';

/**
 * An advance's unspent money recovered (thu hồi tạm ứng) is money not spent on its plan
 * activity: the activity's room comes back, and a new proposal fits it (README "Spending
 * under the approved plan").
 */
describe('a recovered advance frees its plan activity’s room, through HTTP', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let approver: string;
  let accountant: string;
  let auditor: string;

  const propose = (amount: string, extra: object = {}) =>
    api.post('/api/v1/expenditures', officer, {
      budgetLineId: LINE,
      amount,
      category: 'communication',
      description: 'Làm pano tuyên truyền 2 mặt',
      payee: 'Cơ sở quảng cáo (minh họa)',
      effectiveDate: '2024-05-10',
      activity: PANO,
      ...extra,
    });

  async function activityView(): Promise<Record<string, unknown> | undefined> {
    const res = await api.get('/api/v1/plans/2024/LDTBXH', auditor).expect(200);
    return (res.body as { activities: { id: string }[] }).activities.find((a) => a.id === PANO);
  }

  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    accountant = api.user('Kế toán LĐTBXH', 'accountant', { unit: 'LDTBXH' });
    auditor = api.user('Kiểm toán viên', 'auditor');
    await api.registerReference(admin);
    await api
      .post('/api/v1/allocations', admin, {
        fiscalYear: 2024,
        programPart: 'DA6.TDA2',
        fundSource: 'central',
        sourceYear: 2024,
        unit: 'LDTBXH',
        amount: '300000000',
        decision: '30/QĐ-UBND',
        effectiveDate: '2024-03-25',
      })
      .expect(201);
    await api.post('/api/v1/plans', officer, seedPlanRequest({ [PANO]: '50000000' })).expect(201);
    await api
      .post('/api/v1/plans/2024/LDTBXH/submit', officer, { effectiveDate: '2024-04-12' })
      .expect(200);
    await api
      .post('/api/v1/plans/2024/LDTBXH/approve', approver, {
        number: '120/KH-UBND',
        issuedOn: '2024-04-15',
        effectiveDate: '2024-04-15',
      })
      .expect(200);
  });

  afterAll(async () => {
    await api.stop();
  });

  it('lets a new proposal use what the advance gave back, and not one đồng more', async () => {
    const { id } = (await propose('50000000', { kind: 'advance' }).expect(201)).body as {
      id: string;
    };
    await api
      .post(`/api/v1/expenditures/${id}/approve`, approver, { effectiveDate: '2024-05-12' })
      .expect(200);
    await api
      .post(`/api/v1/expenditures/${id}/disburse`, accountant, {
        voucher: 'UNC-2024-201',
        paidOn: '2024-05-20',
      })
      .expect(200);
    await propose('1').expect(409);
    await api
      .post(`/api/v1/expenditures/${id}/recoveries`, accountant, {
        amount: '12000000',
        receipt: 'GNT-15',
        recoveredOn: '2024-08-20',
      })
      .expect(200);
    const stream = activitySpendingStreamId(2024, 'LDTBXH', PANO);
    for (let i = 0; i < 400; i++) {
      const events = await api.store.readStream(stream);
      if (events.some((e) => e.type === 'ActivitySpendingGivenBack')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await propose('12000000', { effectiveDate: '2024-08-21' }).expect(201);
    const over = await propose('1', { effectiveDate: '2024-08-22' }).expect(409);
    expect(over.body).toMatchObject({
      code: 'PLAN.ACTIVITY_CAP_EXCEEDED',
      details: { committed: '50000000', remaining: '0' },
    });
    // The plan view counts what the cap counts: 38 million of the advance, 12 of the new one.
    expect(await activityView()).toMatchObject({
      planned: '50000000',
      reserved: '50000000',
      disbursed: '38000000',
      remaining: '0',
    });
    const res = await api.post('/api/v1/admin/projections/rebuild', admin, {}).expect(200);
    const reports = (res.body as { reports: { projection: string; equal: boolean }[] }).reports;
    expect(reports.find((r) => r.projection === 'plans')).toMatchObject({ equal: true });
  });
});
