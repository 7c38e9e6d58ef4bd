import { checkConservation } from '@app/application';
import { DayClock } from '@app/application/testing';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

/** 2023 money carried into 2024 by 699/QĐ-UBND, which states 30/9/2024 as its deadline. */
const CARRIED = '2024.DA6.TDA2.central.2023.LDTBXH';
/** Another line of the same 2023 money, reached only by a reallocation. */
const REACHED = '2024.DA7.TDA1.central.2023.LDTBXH';

/**
 * Money keeps the deadline it carries, over HTTP as a district's officer and approver move
 * it: carried-over money reallocated to another line shows its deadline and decision there
 * (line, balances, as of a date, history, the disbursement report), is refused there past
 * it, and lapses there at it.
 */
describe('carried-over money moved by a reallocation keeps its deadline, over HTTP', () => {
  let api: ApiHarness;
  let clock: DayClock;
  let officer: string;
  let approver: string;
  let admin: string;

  const transfer = async (body: object): Promise<string> => {
    const { id } = (await api.post('/api/v1/transfers', officer, body).expect(201)).body as {
      id: string;
    };
    await api.post(`/api/v1/transfers/${id}/approve`, approver, {}).expect(200);
    expect(await api.transferOutcome(id)).toBe('TransferCompleted');
    return id;
  };
  const spend = (effectiveDate: string) =>
    api.post('/api/v1/expenditures', officer, {
      budgetLineId: REACHED,
      amount: '40000',
      category: 'training',
      description: 'Tập huấn cán bộ giảm nghèo',
      payee: 'Trung tâm Chính trị huyện',
      effectiveDate,
    });
  const balanceOf = async (query: string) => {
    const res = await api.get(`/api/v1/budget-lines?fiscalYear=2024${query}`, officer).expect(200);
    return (res.body as { lines: { id: string }[] }).lines.find((l) => l.id === REACHED);
  };

  beforeEach(async () => {
    clock = new DayClock('2024-09-15');
    api = await ApiHarness.start({ BUDGET_RATE_LIMIT_PER_MINUTE: '0' }, { clock });
    admin = api.user('Phòng Tài chính – Kế hoạch', 'admin', { personId: 'p-tckh' });
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    await api.registerReference(admin, ['LDTBXH']);
    await transfer({
      kind: 'carry_over',
      toLine: CARRIED,
      amount: '250000',
      decision: '699/QĐ-UBND',
      deadline: '2024-09-30',
      effectiveDate: '2024-03-19',
    });
    await transfer({
      kind: 'reallocation',
      fromLine: CARRIED,
      toLine: REACHED,
      amount: '100000',
      decision: '120/QĐ-UBND',
      effectiveDate: '2024-08-01',
    });
  });

  afterEach(async () => {
    const report = await checkConservation(api.store);
    await api.stop();
    expect(report.problems).toEqual([]);
  });

  it('shows the deadline and its decision on the line it reached, in every view', async () => {
    const deadline = {
      carryOverDeadline: '2024-09-30',
      deadlineBasis: 'decision',
      deadlineDecision: '699/QĐ-UBND',
      deadlineExtensions: [],
    };
    const line = await api.get(`/api/v1/budget-lines/${REACHED}`, officer).expect(200);
    expect(line.body).toMatchObject(deadline);
    expect(await balanceOf('')).toMatchObject(deadline);
    expect(await balanceOf('&asOf=2024-08-31')).toMatchObject(deadline);
    // Before the reallocation the line held nothing.
    expect(await balanceOf('&asOf=2024-07-31')).toBeUndefined();

    const history = await api.get(`/api/v1/budget-lines/${REACHED}/history`, officer).expect(200);
    const credit = (history.body as { entries: { type: string }[] }).entries.find(
      (e) => e.type === 'FundsTransferredIn',
    );
    expect(credit).toMatchObject({
      deadline: '2024-09-30',
      deadlineBasis: 'decision',
      deadlineDecision: '699/QĐ-UBND',
    });

    const report = await api
      .get('/api/v1/reports/disbursement?fiscalYear=2024', officer)
      .expect(200);
    const rows = (report.body as { carriedOver: { programPart: string; deadline: string }[] })
      .carriedOver;
    expect(rows.find((r) => r.programPart === 'DA7.TDA1')).toMatchObject({
      deadline: '2024-09-30',
    });
    // The form's rows (column D): the one source is 699/QĐ-UBND's, no default 31/12.
    const form = report.body as { rows: { code: string; deadlineSources: object[] }[] };
    const part = form.rows.find((r) => r.code === 'DA7.TDA1');
    expect(part?.deadlineSources).toEqual([
      { deadline: '2024-09-30', basis: 'decision', decision: '699/QĐ-UBND', extensions: [] },
    ]);
  });

  it('spends it there up to its deadline, refuses it after, and lapses it at the deadline', async () => {
    await spend('2024-09-10').expect(201);
    clock.day = '2024-10-02';
    const before = await api.eventCount();
    const refused = await spend('2024-10-01').expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'BUDGET.CARRY_OVER_EXPIRED' });
    expect(JSON.stringify(refused.body)).toContain('30/9/2024');

    // eventCount waited for the lapse follow-up: both lines lapsed, before the refusal.
    const lapses = (await api.allEvents()).filter((e) => e.type === 'CarryOverLapsed');
    expect(lapses.map((e) => [e.data.budgetLineId, e.data.amount, e.data.deadline])).toEqual(
      expect.arrayContaining([
        [CARRIED, '150000', '2024-09-30'],
        [REACHED, '100000', '2024-09-30'],
      ]),
    );
    expect(await api.eventCount()).toBe(before);
    expect(await balanceOf('')).toMatchObject({ available: '0', cancelled: '100000' });
  });

  it('refuses a reallocation of it dated after its deadline, recording nothing on the line', async () => {
    clock.day = '2024-10-02';
    const id = (
      await api
        .post('/api/v1/transfers', officer, {
          kind: 'reallocation',
          fromLine: CARRIED,
          toLine: '2024.DA7.TDA2.central.2023.LDTBXH',
          amount: '10000',
          decision: '121/QĐ-UBND',
          effectiveDate: '2024-10-01',
        })
        .expect(201)
    ).body as { id: string };
    await api.post(`/api/v1/transfers/${id.id}/approve`, approver, {}).expect(200);
    expect(await api.transferOutcome(id.id)).toBe('TransferFailed');
    const failed = (await api.allEvents()).find(
      (e) => e.type === 'TransferFailed' && e.data.transferId === id.id,
    );
    expect(failed?.data).toMatchObject({ code: 'BUDGET.CARRY_OVER_EXPIRED' });
  });

  it('refuses the year’s estimate on a line of carried-over money, recording nothing', async () => {
    const before = await api.eventCount();
    const res = await api
      .post('/api/v1/allocations', admin, {
        fiscalYear: 2024,
        programPart: 'DA7.TDA2',
        fundSource: 'central',
        sourceYear: 2023,
        unit: 'LDTBXH',
        amount: '1000000',
        decision: '30/QĐ-UBND',
        effectiveDate: '2024-03-25',
      })
      .expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      code: 'BUDGET.ALLOCATION_TO_CARRIED_OVER_LINE',
      details: { field: 'sourceYear' },
    });
    expect(res.body.message.vi).toContain('chuyển nguồn');
    expect(await api.eventCount()).toBe(before);
  });
});
