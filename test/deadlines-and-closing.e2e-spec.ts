import { checkConservation } from '@app/application';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY, NQ111 } from './support/api-harness';

const CARRIED = '2024.DA7.TDA1.central.2023.LDTBXH';
const CARRIED_DEFAULT = '2024.DA6.TDA2.central.2023.LDTBXH';
const CURRENT = '2024.DA7.TDA1.central.2024.LDTBXH';

/**
 * Issue 16, items 1, 5 and 6 over HTTP: deadlines from decisions and their extension,
 * transfers that need a permitting decision, closing a year in two steps. Each refusal is
 * a 4xx problem+json with its stable code and both languages, and records nothing.
 */
describe('deadlines, permitted transfers and closing a year over HTTP', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let approver: string;

  const eventCount = (): Promise<number> => api.eventCount();
  const refused = async (
    path: string,
    token: string,
    body: object,
    status: number,
    code: string,
  ): Promise<void> => {
    const before = await eventCount();
    const res = await api.post(path, token, body).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code, status });
    expect(JSON.stringify(res.body)).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/u);
    expect(await eventCount()).toBe(before);
  };
  const carryOver = async (toLine: string, extra: object = {}): Promise<string> => {
    const { id } = (
      await api
        .post('/api/v1/transfers', officer, {
          kind: 'carry_over',
          toLine,
          amount: '500000',
          decision: '699/QĐ-UBND',
          effectiveDate: '2024-03-19',
          ...extra,
        })
        .expect(201)
    ).body as { id: string };
    await api.post(`/api/v1/transfers/${id}/approve`, approver, {}).expect(200);
    expect(await api.transferOutcome(id)).toBe('TransferCompleted');
    return id;
  };
  const line = async (id: string) =>
    (await api.get(`/api/v1/budget-lines/${id}`, officer).expect(200)).body as Record<
      string,
      unknown
    >;
  const extension = (extra: object = {}): object => ({
    lines: [CARRIED],
    decision: '111/2024/QH15',
    decisionIssuedOn: '2024-01-18',
    deadline: '2025-12-31',
    effectiveDate: '2024-06-01',
    ...extra,
  });

  beforeEach(async () => {
    api = await ApiHarness.start(
      { BUDGET_RATE_LIMIT_PER_MINUTE: '0' },
      { clock: new FixedClock('2025-03-01T03:00:00Z') },
    );
    admin = api.user('Phòng Tài chính – Kế hoạch', 'admin', { personId: 'p-tckh' });
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    await api.registerReference(admin, ['LDTBXH']);
    await api.registerReference(admin, [], [NQ111]);
  });

  afterEach(async () => {
    const report = await checkConservation(api.store);
    await api.stop();
    expect(report.problems).toEqual([]);
  });

  it('records the deadline a carry-over decision states, or the default as such, and extends it by a decision', async () => {
    await carryOver(CARRIED, { deadline: '2025-06-30' });
    await carryOver(CARRIED_DEFAULT);
    expect(await line(CARRIED)).toMatchObject({
      carryOverDeadline: '2025-06-30',
      deadlineBasis: 'decision',
      deadlineExtensions: [],
    });
    expect(await line(CARRIED_DEFAULT)).toMatchObject({
      carryOverDeadline: '2024-12-31',
      deadlineBasis: 'default',
    });

    await refused(
      '/api/v1/carry-over-extensions',
      officer,
      extension(),
      403,
      'AUTH.ROLE_FORBIDDEN',
    );
    await refused(
      '/api/v1/carry-over-extensions',
      admin,
      extension({ deadline: '2025-06-30' }),
      400,
      'BUDGET.DEADLINE_NOT_LATER',
    );
    // The default line's deadline passed on 31/12/2024: only a decision covering lapsed money.
    await refused(
      '/api/v1/carry-over-extensions',
      admin,
      extension({ lines: [CARRIED, CARRIED_DEFAULT], effectiveDate: '2025-02-10' }),
      422,
      'BUDGET.CARRY_OVER_ALREADY_LAPSED',
    );
    await refused(
      '/api/v1/carry-over-extensions',
      admin,
      extension({ decisionIssuedOn: '2024-07-01' }),
      422,
      'DOCUMENT.ISSUED_ON_MISMATCH',
    );

    await api
      .post(
        '/api/v1/carry-over-extensions',
        admin,
        extension({
          lines: [CARRIED, CARRIED_DEFAULT],
          effectiveDate: '2025-02-10',
          coversLapsed: true,
        }),
      )
      .expect(201);
    for (const id of [CARRIED, CARRIED_DEFAULT]) {
      expect(await line(id)).toMatchObject({
        carryOverDeadline: '2025-12-31',
        deadlineExtensions: ['111/2024/QH15'],
      });
    }
    const balances = (await api.get('/api/v1/budget-lines?fiscalYear=2024', officer).expect(200))
      .body as {
      lines: {
        id: string;
        carryOverDeadline: string;
        deadlineBasis: string;
        deadlineExtensions: string[];
      }[];
    };
    expect(balances.lines.find((l) => l.id === CARRIED)).toMatchObject({
      carryOverDeadline: '2025-12-31',
      deadlineBasis: 'decision',
      deadlineExtensions: ['111/2024/QH15'],
    });
    const history = (await api.get(`/api/v1/budget-lines/${CARRIED}/history`, officer).expect(200))
      .body as { entries: { type: string; legalBasis: string[] }[] };
    expect(history.entries.map((e) => e.type)).toContain('CarryOverDeadlineExtended');
    // Now spending in 2025 on the extended money is within its deadline.
    await api
      .post('/api/v1/expenditures', officer, {
        budgetLineId: CARRIED,
        amount: '100000',
        category: 'training',
        description: 'Tập huấn cán bộ giảm nghèo',
        payee: 'Trung tâm Chính trị huyện',
        effectiveDate: '2025-02-20',
      })
      .expect(201);
  });

  it('refuses an extension by a decision the register does not hold, holds as another kind, or as issued later, recording nothing', async () => {
    await carryOver(CARRIED);
    const problem = async (body: object, code: string, field = 'decision') => {
      const before = await eventCount();
      const res = await api.post('/api/v1/carry-over-extensions', admin, body).expect(422);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code, details: { field } });
      expect(await eventCount()).toBe(before);
      return JSON.stringify(res.body);
    };
    const cite = (decision: string, decisionIssuedOn: string) =>
      extension({ decision, decisionIssuedOn, deadline: '2025-06-30' });
    // Not in the register: the extension would let the money be spent after its legal date.
    const unregistered = await problem(
      cite('812/QĐ-UBND', '2024-05-20'),
      'DOCUMENT.NOT_REGISTERED',
    );
    expect(unregistered).toContain('812/QĐ-UBND');
    expect(unregistered).toContain('gia hạn');
    // A plan is in the register but extends nothing.
    await api.registerReference(
      admin,
      [],
      [{ number: '813/KH-UBND', type: 'KH', issuedOn: '2024-05-20', title: 'Kế hoạch (minh họa)' }],
    );
    await problem(cite('813/KH-UBND', '2024-05-20'), 'DOCUMENT.NOT_AN_EXTENSION_DECISION');
    // Registered, but issued after the extension's date (1/6/2024).
    await api.registerReference(
      admin,
      [],
      [{ number: '812/QĐ-UBND', issuedOn: '2024-07-01', title: 'Gia hạn (minh họa)' }],
    );
    await problem(cite('812/QĐ-UBND', '2024-07-01'), 'DOCUMENT.ISSUED_AFTER');
    // Cited with a date of issue the register does not hold.
    const misdated = await problem(
      cite('812/QĐ-UBND', '2024-07-02'),
      'DOCUMENT.ISSUED_ON_MISMATCH',
      'decisionIssuedOn',
    );
    expect(misdated).toContain('1/7/2024');
    // English on ?lang=en.
    const en = await api
      .post('/api/v1/carry-over-extensions?lang=en', admin, cite('814/QĐ-UBND', '2024-05-20'))
      .expect(422);
    expect(JSON.stringify(en.body)).toContain('is not registered');
    expect(await line(CARRIED)).toMatchObject({ deadlineExtensions: [] });
  });

  it('refuses a second carry-over and moves across fund sources or money kinds without a permitting decision', async () => {
    await api.allocate(admin);
    await carryOver(CARRIED);
    const transfer = (extra: object): object => ({
      kind: 'reallocation',
      fromLine: CURRENT,
      toLine: '2024.DA7.TDA1.district.2024.LDTBXH',
      amount: '1000',
      decision: '120/QĐ-UBND',
      effectiveDate: '2024-08-01',
      ...extra,
    });
    await refused(
      '/api/v1/transfers',
      officer,
      transfer({
        kind: 'carry_over',
        fromLine: CARRIED,
        toLine: '2025.DA7.TDA1.central.2023.LDTBXH',
        effectiveDate: '2025-02-01',
      }),
      422,
      'TRANSFER.SECOND_CARRY_OVER_NOT_PERMITTED',
    );
    await refused('/api/v1/transfers', officer, transfer({}), 422, 'TRANSFER.ACROSS_FUND_SOURCES');
    await refused(
      '/api/v1/transfers',
      officer,
      transfer({ fromLine: CARRIED, toLine: CURRENT }),
      422,
      'TRANSFER.ACROSS_CARRY_OVER',
    );
    await refused(
      '/api/v1/transfers',
      officer,
      transfer({ deadline: '2024-12-31' }),
      400,
      'TRANSFER.DEADLINE_ONLY_FOR_CARRY_OVER',
    );
    const res = await api
      .post('/api/v1/transfers', officer, transfer({ permittedBy: '15/QĐ-UBND' }))
      .expect(201);
    const requested = (
      await api.store.readStream(`transfer-${(res.body as { id: string }).id}`)
    )[0];
    expect(requested?.data).toMatchObject({ permittedBy: '15/QĐ-UBND' });
  });

  it('closes a year in two steps by two persons, after the adjustment period, every line settled', async () => {
    // Its deadline is after this clock's today: the money is carried, not due to lapse, so
    // 2024 holds carried money not yet lapsed in the books — not settled. (With the default
    // 31/12/2024 the lapse timer would settle it a moment later: a race, not a test.)
    await carryOver(CARRIED, { deadline: '2025-06-30' });
    await refused(
      '/api/v1/fiscal-years/2024/close',
      admin,
      { effectiveDate: '2025-02-15' },
      422,
      'FISCAL_YEAR.LINES_NOT_SETTLED',
    );
    await refused(
      '/api/v1/fiscal-years/2023/close',
      admin,
      { effectiveDate: '2024-01-31' },
      422,
      'FISCAL_YEAR.ADJUSTMENT_PERIOD_NOT_OVER',
    );
    await refused(
      '/api/v1/fiscal-years/2023/close/approve',
      approver,
      {},
      409,
      'FISCAL_YEAR.CLOSE_NOT_PROPOSED',
    );
    await refused(
      '/api/v1/fiscal-years/2023/close',
      approver,
      { effectiveDate: '2024-02-15' },
      403,
      'AUTH.ROLE_FORBIDDEN',
    );
    await api
      .post('/api/v1/fiscal-years/2023/close', admin, { effectiveDate: '2024-02-15' })
      .expect(201);
    // The finance office's officer is also an approver: the same person may not approve.
    const same = api.user('Phòng TCKH (phê duyệt)', 'approver', {
      authority: BA_TO_AUTHORITY,
      personId: 'p-tckh',
    });
    await refused(
      '/api/v1/fiscal-years/2023/close/approve',
      same,
      {},
      403,
      'AUTH.SEGREGATION_OF_DUTIES',
    );
    await refused(
      '/api/v1/fiscal-years/2023/close/approve',
      approver,
      { effectiveDate: '2024-02-14' },
      422,
      'DATE.BEFORE_DECIDED_ITEM',
    );
    await api.post('/api/v1/fiscal-years/2023/close/approve', approver, {}).expect(200);
    const stream = await api.store.readStream('fiscal-year-2023');
    expect(stream.map((e) => e.type)).toEqual(['FiscalYearCloseProposed', 'FiscalYearClosed']);
    await refused(
      '/api/v1/fiscal-years/2023/close/approve',
      approver,
      {},
      409,
      'FISCAL_YEAR.ALREADY_CLOSED',
    );
  });
});
