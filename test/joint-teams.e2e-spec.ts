import { checkConservation } from '@app/application';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const LEAD_LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const JUSTICE_LINE = '2024.DA7.TDA1.central.2024.TU_PHAP';

// The Ba Tơ plan names Phòng LĐ-TB&XH the lead agency (cơ quan chủ trì) that alone pays
// joint teams' travel; the trip, its members and the travel order are illustrative.
const trip = {
  tripId: 'KT-2024-01',
  team: 'Đoàn kiểm tra, giám sát Chương trình MTQG giảm nghèo bền vững năm 2024',
  leadUnit: 'LDTBXH',
  members: [
    { personId: 'nguyen-van-a', name: 'Nguyễn Văn A', unit: 'LDTBXH' },
    { personId: 'tran-thi-b', name: 'Trần Thị B', unit: 'TU_PHAP' },
    { personId: 'le-thi-d', name: 'Lê Thị D', unit: 'TCKH' },
  ],
  from: '2024-05-13',
  to: '2024-05-15',
  travelOrder: { number: '15/QĐ-LĐTBXH', issuedOn: '2024-05-10' },
};

/** A per-diem claim for one traveller over `from`…15/5/2024, at 150.000 đồng a day. */
const teamTravel = (budgetLineId: string, personId: string, from = '2024-05-13') => {
  const days = 16 - Number(from.slice(-2));
  return {
    budgetLineId,
    amount: String(days * 150_000),
    category: 'travel_allowance',
    description: 'Công tác phí đoàn kiểm tra, giám sát',
    payee: 'Thành viên đoàn',
    effectiveDate: '2024-05-16',
    personDays: days,
    jointTeam: true,
    normClaim: {
      period: { from, to: trip.to },
      items: [{ kind: 'per_diem', amount: String(days * 150_000), persons: 1, days }],
    },
    jointTrip: { tripId: trip.tripId, travellers: [{ personId, from, to: trip.to }] },
  };
};

describe('the lead agency and joint-team trips through HTTP', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let justice: string;

  /** Sends the request, expects a problem+json refusal with `status` and `code`, and that nothing was recorded. */
  const refused = async (
    send: () => Promise<{ status: number; headers: Record<string, string>; body: unknown }>,
    status: number,
    code: string,
  ) => {
    const before = await api.eventCount();
    const res = await send();
    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({
      status,
      code,
    });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await api.eventCount()).toBe(before);
    return res.body as {
      code: string;
      detail?: string;
      messages?: { vi: string; en: string };
    } & Record<string, unknown>;
  };

  beforeAll(async () => {
    // The follow-ups give a rejected claim's days back (as they do vouchers).
    api = await ApiHarness.start({ BUDGET_FOLLOW_UPS: 'on' });
    admin = api.user('Phòng Tài chính – Kế hoạch', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    justice = api.user('Cán bộ Tư pháp', 'officer', { unit: 'TU_PHAP' });
    await api.registerReference(admin);
    await api.allocate(admin);
    await api
      .post('/api/v1/allocations', admin, {
        fiscalYear: 2024,
        programPart: 'DA7.TDA1',
        fundSource: 'central',
        sourceYear: 2024,
        unit: 'TU_PHAP',
        amount: '1000000',
        decision: '30/QĐ-UBND',
        effectiveDate: '2024-03-25',
      })
      .expect(201);
  }, 60_000);
  afterAll(async () => {
    const report = await checkConservation(api.store);
    await api.stop();
    expect(report.problems).toEqual([]);
  });

  it('records the lead agency of 2024 from the plan, by the finance office only', async () => {
    const lead = {
      unit: 'LDTBXH',
      validFrom: '2024-01-01',
      decision: { number: '54/KH-UBND', issuedOn: '2024-03-19' },
      note: 'Kế hoạch 54/KH-UBND: Phòng LĐ-TB&XH là cơ quan chủ trì',
    };
    await refused(
      () => api.post('/api/v1/fiscal-years/2024/lead-agency', officer, lead),
      403,
      'AUTH.ROLE_FORBIDDEN',
    );
    await api.post('/api/v1/fiscal-years/2024/lead-agency', admin, lead).expect(201);
    const events = await api.allEvents();
    expect(events.find((e) => e.type === 'LeadAgencyDesignated')?.data).toMatchObject({
      fiscalYear: 2024,
      unit: 'LDTBXH',
      decision: { number: '54/KH-UBND' },
    });
    const other = { ...lead, unit: 'TCKH', validFrom: '2024-07-01' };
    await refused(
      () => api.post('/api/v1/fiscal-years/2024/lead-agency', admin, other),
      409,
      'LEAD_AGENCY.PERIOD_OVERLAPS',
    );
  });

  it("records the team's trip by the lead unit, refusing a bad one", async () => {
    const twice = { ...trip, members: [...trip.members, trip.members[0]] };
    await refused(
      () => api.post('/api/v1/joint-trips', officer, twice),
      400,
      'TRIP.MEMBER_DUPLICATE',
    );
    await refused(
      () => api.post('/api/v1/joint-trips', officer, { ...trip, to: '2024-05-12' }),
      400,
      'TRIP.DATES_OUT_OF_ORDER',
    );
    await refused(() => api.post('/api/v1/joint-trips', justice, trip), 403, 'AUTH.UNIT_FORBIDDEN');
    await api.post('/api/v1/joint-trips', officer, trip).expect(201);
  });

  it("accepts the lead agency's claim for its team and refuses another unit's", async () => {
    await api
      .post('/api/v1/expenditures', officer, teamTravel(LEAD_LINE, 'nguyen-van-a'))
      .expect(201);
    const body = await refused(
      () => api.post('/api/v1/expenditures', justice, teamTravel(JUSTICE_LINE, 'tran-thi-b')),
      422,
      'BUDGET.LEAD_AGENCY_PAYS_JOINT_TEAMS',
    );
    expect(JSON.stringify(body)).toContain('54/KH-UBND');
  });

  it('refuses the same person-day claimed twice, naming the person and the days', async () => {
    const body = await refused(
      () =>
        api.post(
          '/api/v1/expenditures',
          officer,
          teamTravel(LEAD_LINE, 'nguyen-van-a', '2024-05-15'),
        ),
      409,
      'BUDGET.DOUBLE_FUNDING_PERSON_DAYS',
    );
    expect(JSON.stringify(body)).toContain('Nguyễn Văn A');
    expect(JSON.stringify(body)).toContain('15/5/2024');
  });

  it('refuses a day of a person already claimed on another, overlapping trip', async () => {
    // Illustrative: Nguyễn Văn A is also on a study tour of 15–17/5; his 15/5 is claimed above.
    const tour = {
      ...trip,
      tripId: 'HT-2024-02',
      team: 'Đoàn học tập kinh nghiệm giảm nghèo 2024',
      from: '2024-05-15',
      to: '2024-05-17',
      travelOrder: { number: '16/QĐ-LĐTBXH', issuedOn: '2024-05-11' },
    };
    await api.post('/api/v1/joint-trips', officer, tour).expect(201);
    const onTour = (from: string) => {
      const claim = teamTravel(LEAD_LINE, 'nguyen-van-a', from);
      const days = 18 - Number(from.slice(-2));
      const amount = String(days * 150_000);
      return {
        ...claim,
        amount,
        effectiveDate: '2024-05-18',
        personDays: days,
        normClaim: {
          period: { from, to: tour.to },
          items: [{ kind: 'per_diem', amount, persons: 1, days }],
        },
        jointTrip: {
          tripId: tour.tripId,
          travellers: [{ personId: 'nguyen-van-a', from, to: tour.to }],
        },
      };
    };
    const body = await refused(
      () => api.post('/api/v1/expenditures', officer, onTour('2024-05-15')),
      409,
      'BUDGET.DOUBLE_FUNDING_PERSON_DAYS',
    );
    expect(body).toMatchObject({
      message: {
        vi: expect.stringContaining(`Ngày 15/5/2024 của Nguyễn Văn A (nguyen-van-a)`),
        en: expect.stringContaining(`on trip ${trip.tripId}`),
      },
      details: { field: 'jointTrip.travellers', from: '2024-05-15', tripId: trip.tripId },
    });
    await api.post('/api/v1/expenditures', officer, onTour('2024-05-16')).expect(201);
  });

  it("refuses a team's travel without its trip, or for someone not on the team", async () => {
    const { jointTrip: _trip, ...withoutTrip } = teamTravel(LEAD_LINE, 'tran-thi-b');
    await refused(
      () => api.post('/api/v1/expenditures', officer, withoutTrip),
      422,
      'TRIP.REQUIRED',
    );
    await refused(
      () => api.post('/api/v1/expenditures', officer, teamTravel(LEAD_LINE, 'le-van-c')),
      422,
      'TRIP.NOT_A_MEMBER',
    );
    await api
      .post('/api/v1/expenditures', officer, teamTravel(LEAD_LINE, 'tran-thi-b'))
      .expect(201);
  });

  it("gives a rejected claim's days back for a corrected claim", async () => {
    const approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    const { id } = (
      await api.post('/api/v1/expenditures', officer, teamTravel(LEAD_LINE, 'le-thi-d')).expect(201)
    ).body as { id: string };
    await api
      .post(`/api/v1/expenditures/${id}/reject`, approver, { reason: 'Sai số ngày' })
      .expect(200);
    let released = false;
    for (let i = 0; i < 200 && !released; i++) {
      const events = await api.store.readStream(`joint-trip-${trip.tripId}`);
      released = events.some((e) => e.type === 'TripDaysReleased' && e.data.expenditureId === id);
      if (!released) await new Promise((r) => setTimeout(r, 25));
    }
    expect(released).toBe(true);
    // The person's own hold (across trips) was given back before the trip's.
    const own = await api.store.readStream('traveller-days-le-thi-d');
    expect(own.map((e) => e.type)).toEqual(['TravellerDaysHeld', 'TravellerDaysReleased']);
    await api.post('/api/v1/expenditures', officer, teamTravel(LEAD_LINE, 'le-thi-d')).expect(201);
  });
});
