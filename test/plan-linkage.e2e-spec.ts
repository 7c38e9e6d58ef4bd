import { activitySpendingStreamId } from '@app/budgeting';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';
import { seedPlanRequest } from './support/plan-over-http';

const PANO = 'DA6.TDA2-pano';
const CENTRAL = '2024.DA6.TDA2.central.2024.LDTBXH';
const DISTRICT = '2024.DA6.TDA2.district.2024.LDTBXH';

interface ActivityView {
  id: string;
  planned: string | null;
  reserved: string;
  committed: string;
  disbursed: string;
  remaining: string | null;
  outputs: { id: string; target: number; progress: { delivered?: number } | null }[];
}

describe('spending under the approved plan (issue 17 item 5) through HTTP', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let approver: string;
  let accountant: string;
  let auditor: string;

  const proposal = (extra: object = {}) => ({
    budgetLineId: CENTRAL,
    amount: '30000000',
    category: 'communication',
    description: 'Làm 6 pano tuyên truyền 2 mặt',
    payee: 'Cơ sở quảng cáo (minh họa)',
    effectiveDate: '2024-05-10',
    activity: PANO,
    ...extra,
  });
  const propose = (extra: object = {}) =>
    api.post('/api/v1/expenditures', officer, proposal(extra));

  /** A refusal: a 4xx problem+json with its code, and not one event recorded. */
  async function refused(extra: object, status: number, code: string): Promise<void> {
    const before = await api.eventCount();
    const res = await propose(extra).expect(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code });
    expect((res.body as { message: { vi: string; en: string } }).message.vi).not.toBe('');
    expect(await api.eventCount()).toBe(before);
  }

  async function activityView(id = PANO): Promise<ActivityView | undefined> {
    const res = await api.get('/api/v1/plans/2024/LDTBXH', auditor).expect(200);
    return (res.body as { activities: ActivityView[] }).activities.find((a) => a.id === id);
  }

  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    accountant = api.user('Kế toán LĐTBXH', 'accountant', { unit: 'LDTBXH' });
    auditor = api.user('Kiểm toán viên', 'auditor');
    await api.registerReference(admin);
    for (const [fundSource, amount] of [
      ['central', '300000000'],
      ['district', '78000000'],
    ] as const) {
      await api
        .post('/api/v1/allocations', admin, {
          fiscalYear: 2024,
          programPart: 'DA6.TDA2',
          fundSource,
          sourceYear: 2024,
          unit: 'LDTBXH',
          amount,
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
    }
  });

  afterAll(async () => {
    await api.stop();
  });

  it('refuses to spend under a draft plan, recording nothing', async () => {
    await api.post('/api/v1/plans', officer, seedPlanRequest({ [PANO]: '50000000' })).expect(201);
    await refused({}, 422, 'PLAN.NOT_APPROVED');
  });

  it('once the plan is approved, refuses each proposal that breaks a rule, recording nothing', async () => {
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
    // Dated before the approving decision was issued.
    await refused({ effectiveDate: '2024-04-14' }, 422, 'PLAN.NOT_APPROVED');
    // No activity named, while the unit's plan is in force.
    await refused({ activity: undefined }, 422, 'PLAN.ACTIVITY_REQUIRED');
    // An activity of DA7.TDA1 paid from a DA6.TDA2 line.
    await refused({ activity: 'DA7.TDA1-so-ket' }, 422, 'PLAN.ACTIVITY_PART_MISMATCH');
    await refused({ activity: 'DA6.TDA2-khong-co' }, 422, 'PLAN.UNKNOWN_ACTIVITY');
    // Another unit's plan, which does not exist.
    await refused({ planUnit: 'TCKH' }, 422, 'PLAN.NOT_FOUND_FOR_SPENDING');
    // Over the 50 million the plan gives the panels.
    await refused({ amount: '50000001' }, 409, 'PLAN.ACTIVITY_CAP_EXCEEDED');
  });

  it('records a proposal naming its activity, through approval and payment, and the plan view shows the figures', async () => {
    const { id } = (await propose().expect(201)).body as { id: string };
    await api.post(`/api/v1/expenditures/${id}/approve`, approver, {}).expect(200);
    await api
      .post(`/api/v1/expenditures/${id}/disburse`, accountant, {
        voucher: 'UNC-2024-101',
        paidOn: '2024-05-20',
      })
      .expect(200);
    // A second proposal on the other line of the part: pending, it counts against the cap.
    await propose({ budgetLineId: DISTRICT, amount: '15000000' }).expect(201);
    await refused({ budgetLineId: DISTRICT, amount: '5000001' }, 409, 'PLAN.ACTIVITY_CAP_EXCEEDED');
    await api
      .post('/api/v1/plans/2024/LDTBXH/progress', officer, {
        activityId: PANO,
        outputId: 'pano',
        kind: 'count',
        delivered: 6,
        effectiveDate: '2024-05-20',
      })
      .expect(201);

    const proposed = (await api.allEvents()).find(
      (e) => e.type === 'ExpenditureProposed' && e.data.expenditureId === id,
    );
    expect(proposed?.data).toMatchObject({
      activity: PANO,
      plan: {
        fiscalYear: 2024,
        leadUnit: 'LDTBXH',
        activityId: PANO,
        version: 1,
        decision: '120/KH-UBND',
      },
    });
    expect(await activityView()).toMatchObject({
      planned: '50000000',
      reserved: '45000000',
      committed: '30000000',
      disbursed: '30000000',
      remaining: '5000000',
      outputs: [{ id: 'pano', target: 15, progress: { delivered: 6 } }],
    });
    expect(await activityView('DA6.TDA2-doi-thoai')).toMatchObject({
      planned: null,
      reserved: '0',
      committed: '0',
      disbursed: '0',
      remaining: null,
    });
  });

  it('gives a rejected proposal’s room back, and rebuilds the plan view equal', async () => {
    const { id } = (await propose({ budgetLineId: DISTRICT, amount: '5000000' }).expect(201))
      .body as { id: string };
    await api
      .post(`/api/v1/expenditures/${id}/reject`, approver, { reason: 'Trùng nội dung' })
      .expect(200);
    const stream = activitySpendingStreamId(2024, 'LDTBXH', PANO);
    for (let i = 0; i < 400; i++) {
      const events = await api.store.readStream(stream);
      if (events.some((e) => e.type === 'ActivitySpendingReleased')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await propose({ budgetLineId: DISTRICT, amount: '5000000' }).expect(201);
    const before = await activityView();
    expect(before).toMatchObject({ reserved: '50000000', remaining: '0' });
    const res = await api.post('/api/v1/admin/projections/rebuild', admin, {}).expect(200);
    const reports = (res.body as { reports: { projection: string; equal: boolean }[] }).reports;
    expect(reports.find((r) => r.projection === 'plans')).toMatchObject({ equal: true });
    expect(await activityView()).toEqual(before);
  });
});
