import { checkConservation } from '@app/application';
import { CredentialStore } from '@app/api-state';
import { maxInFlight, together, valuesOf } from '@app/testing';
import { givenClosedYear } from '@app/application/testing';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const OTHER_LINE = '2024.DA7.TDA2.central.2024.LDTBXH';
const CARRIED_LINE = '2024.DA7.TDA1.district.2023.LDTBXH';

describe('budget flows through HTTP', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let accountant: string;
  let approver: string;

  const allocate = (line: string, amount: string): Promise<unknown> => {
    const [fiscalYear, da, tda, fundSource, sourceYear, unit] = line.split('.');
    return api
      .post('/api/v1/allocations', admin, {
        fiscalYear: Number(fiscalYear),
        programPart: `${da}.${tda}`,
        fundSource,
        sourceYear: Number(sourceYear),
        unit,
        amount,
        decision: '30/QĐ-UBND',
        effectiveDate: '2024-03-25',
      })
      .expect(201);
  };

  const propose = (amount: string, extra: object = {}, token = officer) =>
    api.post('/api/v1/expenditures', token, {
      budgetLineId: LINE,
      amount,
      category: 'training',
      description: 'Tập huấn nâng cao năng lực cán bộ giảm nghèo',
      payee: 'Trung tâm Chính trị huyện',
      effectiveDate: '2024-05-10',
      ...extra,
    });

  const line = async (id = LINE): Promise<Record<string, string>> =>
    (await api.get(`/api/v1/budget-lines/${id}`, officer).expect(200)).body as Record<
      string,
      string
    >;

  beforeEach(async () => {
    api = await ApiHarness.start({ BUDGET_FOLLOW_UPS: 'on' });
    admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    accountant = api.user('Kế toán', 'accountant', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    await api.registerReference(admin);
    await allocate(LINE, '1000000');
  });

  afterEach(async () => {
    const report = await checkConservation(api.store);
    await api.stop();
    expect(report.problems).toEqual([]);
  });

  it('proposes, approves, disburses and reverses an expenditure, every đồng accounted for', async () => {
    const { id } = (await propose('600000').expect(201)).body as { id: string };
    expect(await line()).toMatchObject({
      allocated: '1000000',
      committed: '0',
      available: '1000000',
    });

    const approved = await api.post(`/api/v1/expenditures/${id}/approve`, approver, {}).expect(200);
    expect(approved.body).toMatchObject({ id });
    expect(await line()).toMatchObject({ committed: '600000', available: '400000' });

    await api
      .post(`/api/v1/expenditures/${id}/disburse`, accountant, {
        voucher: 'UNC-2024-0012',
        paidOn: '2024-05-20',
      })
      .expect(200);
    expect(await line()).toMatchObject({ committed: '600000', disbursed: '600000' });

    await api
      .post(`/api/v1/expenditures/${id}/reverse`, accountant, {
        reason: 'Kho bạc từ chối thanh toán',
      })
      .expect(200);
    expect(await line()).toMatchObject({ committed: '0', disbursed: '0', available: '1000000' });

    const events = await api.allEvents();
    const approval = events.find((e) => e.type === 'ExpenditureApproved');
    expect(approval?.metadata).toMatchObject({
      effectiveDate: '2024-05-10',
      extra: { capacity: 'KT. Chủ tịch', actorName: 'Lữ Đình Tích' },
    });
    expect(approval?.data).toMatchObject({
      amount: '600000',
      authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
    });
  });

  it('refuses an approval that would overdraw the line with 409 and records nothing', async () => {
    const first = (await propose('700000').expect(201)).body as { id: string };
    const second = (await propose('300001').expect(201)).body as { id: string };
    await api.post(`/api/v1/expenditures/${first.id}/approve`, approver, {}).expect(200);
    const before = await api.eventCount();
    const res = await api
      .post(`/api/v1/expenditures/${second.id}/approve`, approver, {})
      .expect(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'BUDGET.LINE_OVERDRAWN' });
    expect(await api.eventCount()).toBe(before);
    expect(await line()).toMatchObject({ committed: '700000', available: '300000' });
  });

  it('lists every problem of a bad proposal with 400 and records nothing', async () => {
    const before = await api.eventCount();
    const res = await api
      .post('/api/v1/expenditures', officer, {
        budgetLineId: LINE,
        amount: '-5',
        category: 'party',
        description: '',
        payee: 'x',
        effectiveDate: '2024-02-30',
        sneaky: true,
      })
      .expect(400);
    const fields = (res.body as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['amount', 'category', 'description', 'effectiveDate', 'sneaky']);
    expect(await api.eventCount()).toBe(before);
  });

  it('replays the first answer for a repeated Idempotency-Key and records nothing new', async () => {
    const body = { amount: '1000' };
    const first = await propose(body.amount).set('Idempotency-Key', 'propose-1').expect(201);
    const events = await api.eventCount();
    const again = await propose(body.amount).set('Idempotency-Key', 'propose-1').expect(201);
    expect(again.body).toEqual(first.body);
    expect(await api.eventCount()).toBe(events);
    await propose('2000').set('Idempotency-Key', 'propose-1').expect(422);
  });

  it('refuses the same voucher twice anywhere in the program (no double funding)', async () => {
    await propose('1000', { voucher: 'HĐ-0042' }).expect(201);
    const res = await propose('1000', { voucher: 'hđ 0042' }).expect(409);
    expect(res.body).toMatchObject({ code: 'BUDGET.DOUBLE_FUNDING' });
  });

  it('refuses users acting outside their unit, role or delegation', async () => {
    const communeOfficer = api.user('Cán bộ xã', 'officer', { unit: 'XA-BA-DIEN' });
    expect((await propose('1000', {}, communeOfficer).expect(403)).body).toMatchObject({
      code: 'AUTH.UNIT_FORBIDDEN',
    });
    const { id } = (await propose('1000').expect(201)).body as { id: string };
    await api.post(`/api/v1/expenditures/${id}/approve`, officer, {}).expect(403);
    const outOfScope = api.user('Phó Chủ tịch khác', 'approver', {
      authority: { ...BA_TO_AUTHORITY, programParts: ['DA6'] },
    });
    expect(
      (await api.post(`/api/v1/expenditures/${id}/approve`, outOfScope, {}).expect(403)).body,
    ).toMatchObject({
      code: 'AUTH.OUTSIDE_DELEGATION',
    });
    await api
      .post(`/api/v1/expenditures/${id}/approve`, approver, {})
      .set('Authorization', '')
      .expect(401);
  });

  it('refuses the lead-agency rule and the per-diem norm with their codes', async () => {
    await allocate('2024.DA7.TDA1.central.2024.TU_PHAP', '100000');
    const justice = api.user('Cán bộ Tư pháp', 'officer', { unit: 'TU_PHAP' });
    const res = await api
      .post('/api/v1/expenditures', justice, {
        budgetLineId: '2024.DA7.TDA1.central.2024.TU_PHAP',
        amount: '1000',
        category: 'study_tour',
        description: 'Học tập kinh nghiệm ngoài tỉnh',
        payee: 'Đoàn công tác',
        effectiveDate: '2024-06-01',
      })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'BUDGET.LEAD_AGENCY_PAYS_JOINT_TEAMS' });
    const trip = {
      period: { from: '2024-05-06', to: '2024-05-10' },
      items: [{ kind: 'per_diem', amount: '1000001', persons: 1, days: 5 }],
    };
    const norm = await propose('1000001', {
      category: 'travel_allowance',
      personDays: 5,
      normClaim: trip,
    }).expect(422);
    expect(norm.body).toMatchObject({
      code: 'BUDGET.EXCEEDS_SPENDING_NORM',
      details: { norm: '40/2017/TT-BTC' },
    });
  });

  it('moves money between lines on an approved reallocation, both lines or neither', async () => {
    await allocate(OTHER_LINE, '50000');
    const { id } = (
      await api
        .post('/api/v1/transfers', officer, {
          kind: 'reallocation',
          fromLine: LINE,
          toLine: OTHER_LINE,
          amount: '200000',
          decision: '120/QĐ-UBND',
          effectiveDate: '2024-09-01',
        })
        .expect(201)
    ).body as { id: string };
    await api.post(`/api/v1/transfers/${id}/approve`, approver, {}).expect(200);
    await api.transferOutcome(id);
    expect(await line(LINE)).toMatchObject({ transferredOut: '200000', available: '800000' });
    expect(await line(OTHER_LINE)).toMatchObject({ transferredIn: '200000', available: '250000' });

    const { id: tooMuch } = (
      await api
        .post('/api/v1/transfers', officer, {
          kind: 'reallocation',
          fromLine: LINE,
          toLine: OTHER_LINE,
          amount: '900000',
          decision: '121/QĐ-UBND',
          effectiveDate: '2024-09-02',
        })
        .expect(201)
    ).body as { id: string };
    await api.post(`/api/v1/transfers/${tooMuch}/approve`, approver, {}).expect(200);
    expect(await api.transferOutcome(tooMuch)).toBe('TransferFailed');
    expect(await line(LINE)).toMatchObject({ transferredOut: '200000' });
  });

  it('carries unspent 2023 money into 2024 under Decision 699/QĐ-UBND, with its deadline', async () => {
    const carried = await api.carryOver(officer, approver, CARRIED_LINE, '300000');
    expect(carried.outcome).toBe('TransferCompleted');
    expect(await line(CARRIED_LINE)).toMatchObject({
      carriedIn: '300000',
      available: '300000',
      carryOverDeadline: '2024-12-31',
    });
  });

  it('takes only corrections citing what they correct once the fiscal year is closed', async () => {
    // Given a closed year (closing itself, with its settled lines: fiscal-year-close.e2e-spec).
    await givenClosedYear(api.store, 2024);
    const closed = await propose('1000').expect(422);
    expect(closed.body).toMatchObject({ code: 'BUDGET.FISCAL_YEAR_CLOSED' });
    await propose('1000', {
      correction: { corrects: 'UNC-2024-0007', reason: 'Ghi thiếu khoản chi đã thanh toán' },
    }).expect(201);
    const proposal = (await api.allEvents()).find((e) => e.type === 'ExpenditureProposed');
    expect(proposal?.data).toMatchObject({ correction: { corrects: 'UNC-2024-0007' } });
  });

  it('refuses a person approving what they proposed, even after their role changed', async () => {
    const credentials = api.app.get(CredentialStore);
    const { id } = (await propose('1000').expect(201)).body as { id: string };
    const proposer = credentials.listUsers().find((u) => u.actor.name === 'Cán bộ LĐTBXH');
    if (!proposer) throw new Error('proposer not found');
    credentials.upsertUser({
      id: proposer.actor.userId,
      name: proposer.actor.name,
      role: 'approver',
      authority: BA_TO_AUTHORITY,
    });
    const res = await api.post(`/api/v1/expenditures/${id}/approve`, officer, {}).expect(403);
    expect(res.body).toMatchObject({ code: 'AUTH.SEGREGATION_OF_DUTIES' });
  });

  it('never commits more than a line holds when many approvals race', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 24; i++)
      ids.push(((await propose('100000').expect(201)).body as { id: string }).id);
    const { outcomes, spans } = await together(
      ids.map(
        (id) => async () => await api.post(`/api/v1/expenditures/${id}/approve`, approver, {}),
      ),
    );
    // They were in flight together: run one after another, this would prove nothing.
    expect(maxInFlight(spans)).toBeGreaterThan(1);
    const answers = valuesOf(outcomes);
    // The line holds 1.000.000: exactly ten approvals of 100.000 fit, the rest are refused.
    const approved = answers.filter((r) => r.status === 200).length;
    expect(approved).toBe(10);
    const refused = answers.filter((r) => r.status !== 200);
    expect(refused.map((r) => [r.status, (r.body as { code?: string }).code])).toEqual(
      Array.from({ length: 14 }, () => [409, 'BUDGET.LINE_OVERDRAWN']),
    );
    const after = await line();
    expect(after).toMatchObject({ committed: '1000000', available: '0' });
  });
});
