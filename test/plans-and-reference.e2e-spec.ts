import { baTo2024Draft } from '@app/budgeting/testing';
import { checkConservation } from '@app/application';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

/** The seed plan as the JSON body an officer sends (amounts as strings). */
function seedPlanBody(): object {
  const d = baTo2024Draft.data;
  return {
    fiscalYear: d.fiscalYear,
    leadUnit: d.leadUnit,
    title: d.title,
    legalBasis: d.legalBasis,
    fundingDecisions: d.fundingDecisions,
    parts: d.parts.map((p) => ({ ...p, budgetAmount: p.budgetAmount.toString() })),
    activities: d.activities.map((a) => ({
      ...a,
      ...(a.plannedAmount === undefined ? {} : { plannedAmount: a.plannedAmount.toString() }),
    })),
    effectiveDate: '2024-04-10',
  };
}

describe('reference data and the Ba Tơ 2024 plan through HTTP', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let approver: string;

  beforeEach(async () => {
    api = await ApiHarness.start();
    admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
  });

  afterEach(async () => {
    const report = await checkConservation(api.store);
    await api.stop();
    expect(report.problems).toEqual([]);
  });

  it('registers the lead agency and a cited decision once; the same registration again changes nothing', async () => {
    const unit = {
      code: 'LDTBXH',
      name: 'Phòng Lao động - Thương binh và Xã hội',
      kind: 'lead_agency',
      validFrom: '2021-01-01',
      validTo: '2025-06-30',
    };
    await api.post('/api/v1/units', admin, unit).expect(201);
    const decision = {
      number: '699/QĐ-UBND',
      type: 'QĐ',
      issuer: 'Chủ tịch UBND huyện Ba Tơ',
      issuedOn: '2024-03-19',
      title: 'Chuyển nguồn kinh phí sự nghiệp các CTMTQG năm 2023 sang năm 2024',
    };
    // The document register is district-wide reference data: the administrator keeps it.
    await api.post('/api/v1/documents', officer, decision).expect(403);
    await api.post('/api/v1/documents', admin, decision).expect(201);
    await api
      .post('/api/v1/documents', admin, {
        ...decision,
        number: '90/QĐ-TTg',
        issuer: 'Thủ tướng Chính phủ',
        issuedOn: '2022-01-18',
      })
      .expect(201);
    const before = await api.eventCount();
    await api.post('/api/v1/units', admin, unit).expect(201);
    await api.post('/api/v1/documents', admin, decision).expect(201);
    expect(await api.eventCount()).toBe(before);
    const conflict = await api
      .post('/api/v1/documents', admin, { ...decision, title: 'Khác' })
      .expect(409);
    expect(conflict.body).toMatchObject({ code: 'DOCUMENT.ALREADY_REGISTERED' });
    await api.post('/api/v1/units', officer, unit).expect(403);
  });

  it('drafts, submits and approves the seed plan, then records output progress', async () => {
    const drafted = await api.post('/api/v1/plans', officer, seedPlanBody()).expect(201);
    expect(drafted.body).toMatchObject({ id: '2024-LDTBXH' });
    await api
      .post('/api/v1/plans/2024/LDTBXH/submit', officer, { effectiveDate: '2024-04-11' })
      .expect(200);
    await api
      .post('/api/v1/plans/2024/LDTBXH/approve', approver, {
        number: '120/KH-UBND',
        issuedOn: '2024-04-15',
        effectiveDate: '2024-04-15',
      })
      .expect(200);
    const events = await api.allEvents();
    const draftedEvent = events.find((e) => e.type === 'PlanDrafted');
    expect(draftedEvent?.data).toMatchObject({ totalAmount: '2444771300' });
    const approval = events.find((e) => e.type === 'PlanApproved');
    expect(approval?.data).toMatchObject({
      number: '120/KH-UBND',
      authority: { capacity: 'KT. Chủ tịch' },
    });

    const panels = baTo2024Draft.data.activities.find((a) =>
      a.outputs?.some((o) => o.target === 15),
    );
    const output = panels?.outputs?.find((o) => o.target === 15);
    expect(output).toBeDefined();
    await api
      .post('/api/v1/plans/2024/LDTBXH/progress', officer, {
        activityId: panels?.id,
        outputId: output?.id,
        kind: 'count',
        delivered: 8,
        effectiveDate: '2024-06-30',
      })
      .expect(201);
    const tooMany = await api
      .post('/api/v1/plans/2024/LDTBXH/progress', officer, {
        activityId: panels?.id,
        outputId: output?.id,
        kind: 'count',
        delivered: 16,
        effectiveDate: '2024-07-30',
      })
      .expect(422);
    expect(tooMany.body).toMatchObject({ code: 'PLAN.PROGRESS_EXCEEDS_TARGET' });
  });

  it('refuses activities planned beyond their sub-project budget, recording nothing', async () => {
    const body = seedPlanBody() as {
      activities: { programPart: string; plannedAmount?: string }[];
    };
    const first = body.activities.find((a) => a.programPart === 'DA6.TDA2');
    if (first) first.plannedAmount = '378000001';
    const before = await api.eventCount();
    const res = await api.post('/api/v1/plans', officer, body);
    expect(res.body).toMatchObject({
      code: 'PLAN.ACTIVITIES_EXCEED_BUDGET',
      details: { programPart: 'DA6.TDA2' },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await api.eventCount()).toBe(before);
  });

  it('refuses approving a plan outside the delegation, and an officer approving', async () => {
    await api.post('/api/v1/plans', officer, seedPlanBody()).expect(201);
    await api
      .post('/api/v1/plans/2024/LDTBXH/submit', officer, { effectiveDate: '2024-04-11' })
      .expect(200);
    const narrow = api.user('Phó Chủ tịch khác', 'approver', {
      authority: { ...BA_TO_AUTHORITY, programParts: ['DA6'] },
    });
    const body = { number: '120/KH-UBND', issuedOn: '2024-04-15', effectiveDate: '2024-04-15' };
    const res = await api.post('/api/v1/plans/2024/LDTBXH/approve', narrow, body).expect(403);
    expect(res.body).toMatchObject({ code: 'AUTH.OUTSIDE_DELEGATION' });
    await api.post('/api/v1/plans/2024/LDTBXH/approve', officer, body).expect(403);
  });
});
