import { checkConservation } from '@app/application';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';

/** Illustrative signatories of Phòng LĐ-TB&XH (the seed plan names none). */
const holder = (personId: string, extra: object = {}) => ({
  capacity: 'account_holder',
  standing: 'head',
  personId,
  name: 'Trưởng phòng LĐ-TB&XH',
  title: 'Trưởng phòng',
  validFrom: '2024-01-02',
  specimen: { number: 'KBBT-2024-017', registeredOn: '2024-01-02' },
  ...extra,
});

describe('two signatures commit the money of a unit with registered signatories (HTTP)', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let head: string;
  let deputy: string;
  let chief: string;
  let approver: string;

  const events = async () => await api.eventCount();
  const line = async () =>
    (await api.get(`/api/v1/budget-lines/${LINE}`, officer).expect(200)).body as Record<
      string,
      string
    >;
  /** A refusal: 4xx problem+json with its code, and nothing recorded. */
  const refused = async (
    path: string,
    token: string,
    body: object,
    status: number,
    code: string,
  ): Promise<void> => {
    const before = await events();
    const res = await api.post(path, token, body).expect(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code });
    expect(await events()).toBe(before);
  };

  beforeAll(async () => {
    api = await ApiHarness.start();
    admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    head = api.user('Trưởng phòng LĐ-TB&XH', 'approver', { unit: 'LDTBXH', personId: 'p-head' });
    deputy = api.user('Phó Trưởng phòng', 'approver', { unit: 'LDTBXH', personId: 'p-deputy' });
    chief = api.user('Kế toán trưởng', 'accountant', { unit: 'LDTBXH', personId: 'p-chief' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    await api.registerReference(admin);
    await api.allocate(admin);
  });

  afterAll(async () => {
    const report = await checkConservation(api.store);
    await api.stop();
    expect(report.problems).toEqual([]);
  });

  it("registers the unit's signatories, refusing what the Treasury would not honour", async () => {
    const path = '/api/v1/units/LDTBXH/signatories';
    await refused(path, officer, holder('p-head'), 403, 'AUTH.ROLE_FORBIDDEN');
    const bad = await api.post(path, admin, { ...holder('p-head'), capacity: 'x', specimen: {} });
    expect(bad.status).toBe(400);
    const fields = (bad.body as { errors: { field: string }[] }).errors.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['capacity', 'specimen.number', 'specimen.registeredOn']),
    );
    await refused(
      '/api/v1/units/NOPE/signatories',
      admin,
      holder('p-head'),
      404,
      'UNIT.NOT_REGISTERED',
    );

    await api.post(path, admin, holder('p-head')).expect(201);
    const deputyUntilApril = holder('p-deputy', {
      standing: 'deputy',
      name: 'Phó Trưởng phòng',
      title: 'Phó Trưởng phòng',
      validTo: '2024-04-30',
      specimen: { number: 'KBBT-2024-018', registeredOn: '2024-01-02' },
    });
    await api.post(path, admin, deputyUntilApril).expect(201);
    const chiefAccountant = holder('p-chief', {
      capacity: 'chief_accountant',
      standing: 'chief_accountant',
      name: 'Kế toán trưởng',
      title: 'Kế toán trưởng',
      specimen: { number: 'KBBT-2024-019', registeredOn: '2024-01-02' },
    });
    await api.post(path, admin, chiefAccountant).expect(201);
    // The head may not also be the chief accountant: two signatures, two persons.
    await refused(
      path,
      admin,
      { ...chiefAccountant, personId: 'p-head' },
      409,
      'SIGNATORY.BOTH_CAPACITIES',
    );
  });

  it('commits the money once, on the second signature, and shows both in the trail and the history', async () => {
    const proposal = await api
      .post('/api/v1/expenditures', officer, {
        budgetLineId: LINE,
        amount: '600000',
        category: 'training',
        description: 'Tập huấn nâng cao năng lực cán bộ giảm nghèo',
        payee: 'Trung tâm Chính trị huyện',
        effectiveDate: '2024-05-10',
      })
      .expect(201);
    const id = (proposal.body as { id: string }).id;
    const sign = `/api/v1/expenditures/${id}/sign`;

    // The district's single approval is no longer how this unit's money is committed.
    await refused(
      `/api/v1/expenditures/${id}/approve`,
      approver,
      {},
      422,
      'EXPENDITURE.SIGNATURES_REQUIRED',
    );
    await refused(sign, officer, {}, 403, 'AUTH.ROLE_FORBIDDEN');
    await refused(sign, deputy, { effectiveDate: '2024-05-12' }, 403, 'SIGNATORY.NOT_REGISTERED');
    await refused(sign, head, { capacity: 'chief_accountant' }, 403, 'SIGNATORY.NOT_REGISTERED');

    await api.post(sign, chief, { effectiveDate: '2024-05-12' }).expect(200);
    expect(await line()).toMatchObject({ committed: '0', available: '1000000' });
    await refused(sign, chief, { effectiveDate: '2024-05-12' }, 409, 'EXPENDITURE.ALREADY_SIGNED');

    await api.post(sign, head, { effectiveDate: '2024-05-13' }).expect(200);
    expect(await line()).toMatchObject({ committed: '600000', available: '400000' });
    await refused(sign, head, {}, 409, 'EXPENDITURE.INVALID_STATE');

    const committed = (await api.allEvents()).filter(
      (e) => e.type === 'ExpenditureApproved' && e.data.expenditureId === id,
    );
    expect(committed).toHaveLength(1);
    const signatures = committed[0]?.data.signatures as { capacity: string; person: string }[];
    expect(signatures.map((s) => [s.capacity, s.person])).toEqual([
      ['account_holder', 'p-head'],
      ['chief_accountant', 'p-chief'],
    ]);

    const trail = await api.get('/api/v1/approvals', approver).expect(200);
    const rows = (trail.body as { approvals: Record<string, unknown>[] }).approvals.filter(
      (r) => r.subject === `expenditure:${id}`,
    );
    expect(rows.map((r) => [r.decision, r.capacity])).toEqual(
      expect.arrayContaining([
        ['signed', 'Kế toán trưởng'],
        ['signed', 'Chủ tài khoản'],
        ['approved', 'Chủ tài khoản'],
      ]),
    );

    const history = await api.get(`/api/v1/budget-lines/${LINE}/history`, officer).expect(200);
    const entries = (history.body as { entries: Record<string, unknown>[] }).entries.filter(
      (e) => e.expenditureId === id && e.type === 'ExpenditureSigned',
    );
    expect(entries.map((e) => (e.authority as { capacity: string }).capacity)).toEqual([
      'Kế toán trưởng',
      'Chủ tài khoản',
    ]);
  });
});
