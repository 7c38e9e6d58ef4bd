import { ApiHarness, BA_TO_AUTHORITY } from '../support/api-harness';

/**
 * Issue 13's repros, as a hostile insider with a valid token would try them against
 * `npm start`: each must now answer as the issue expects, and record nothing it refuses.
 */
const LDTBXH_LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const TCKH_LINE = '2024.DA7.TDA1.central.2024.TCKH';

function allocation(line: string, amount: string, extra: object = {}): object {
  const [fiscalYear, da, tda, fundSource, sourceYear, unit] = line.split('.');
  return {
    fiscalYear: Number(fiscalYear),
    programPart: `${da}.${tda}`,
    fundSource,
    sourceYear: Number(sourceYear),
    unit,
    amount,
    decision: '30/QĐ-UBND',
    effectiveDate: '2024-03-25',
    ...extra,
  };
}

const proposal = (effectiveDate: string, line = LDTBXH_LINE): object => ({
  budgetLineId: line,
  amount: '1000000',
  category: 'training',
  description: 'Tập huấn cán bộ giảm nghèo',
  payee: 'Trung tâm Chính trị huyện',
  effectiveDate,
});

describe('a hostile insider against the ledger’s write rules (issue 13)', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let tckhOfficer: string;
  let approver: string;

  const eventCount = async (): Promise<number> => await api.eventCount();

  beforeEach(async () => {
    api = await ApiHarness.start({ BUDGET_RATE_LIMIT_PER_MINUTE: '0' });
    admin = api.user('Phòng Tài chính – Kế hoạch', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    tckhOfficer = api.user('Cán bộ TCKH', 'officer', { unit: 'TCKH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    await api.registerReference(admin, ['LDTBXH', 'TCKH']);
    await api.post('/api/v1/allocations', admin, allocation(LDTBXH_LINE, '50000000')).expect(201);
    await api.post('/api/v1/allocations', admin, allocation(TCKH_LINE, '50000000')).expect(201);
  });

  afterEach(async () => {
    await api.stop();
  });

  describe('allocations (critical row)', () => {
    it("refuses another unit's officer creating money on any line, and records nothing", async () => {
      const before = await eventCount();
      const forged = allocation(LDTBXH_LINE, '999999999999999999', { decision: '4242/QĐ-UBND' });
      const res = await api.post('/api/v1/allocations', tckhOfficer, forged).expect(403);
      expect(res.body).toMatchObject({ code: 'AUTH.ROLE_FORBIDDEN' });
      await api.post('/api/v1/allocations', officer, allocation(LDTBXH_LINE, '1000')).expect(403);
      expect(await eventCount()).toBe(before);
    });

    it('refuses a decision registered nowhere, an amount no line may hold, a unit and a part that do not exist', async () => {
      const before = await eventCount();
      const cases: [object, number, string][] = [
        [
          allocation(LDTBXH_LINE, '1000', { decision: '4242/QĐ-UBND' }),
          422,
          'DOCUMENT.NOT_REGISTERED',
        ],
        [allocation(LDTBXH_LINE, '999999999999999999'), 400, 'VALIDATION.AMOUNT_TOO_LARGE'],
        [allocation('2024.DA7.TDA1.central.2024.NOUNIT', '1000'), 422, 'UNIT.NOT_REGISTERED'],
        [
          allocation(LDTBXH_LINE, '1000', { programPart: 'DA99' }),
          400,
          'BUDGET.UNKNOWN_PROGRAM_PART',
        ],
      ];
      for (const [body, status, code] of cases) {
        const res = await api.post('/api/v1/allocations', admin, body).expect(status);
        expect(res.body).toMatchObject({ code });
      }
      expect(await eventCount()).toBe(before);
    });

    it('takes only a decision of a People’s Committee, issued by the effective date, and never more than it decides', async () => {
      await api
        .post('/api/v1/documents', admin, {
          number: '12/KH-UBND',
          type: 'KH',
          issuer: 'UBND huyện Ba Tơ',
          issuedOn: '2024-03-01',
          title: 'Kế hoạch',
        })
        .expect(201);
      await api
        .post('/api/v1/documents', admin, {
          number: '77/QĐ-UBND',
          type: 'QĐ',
          issuer: 'UBND huyện Ba Tơ',
          issuedOn: '2024-05-02',
          title: 'Giao bổ sung dự toán',
          amount: '1000000',
        })
        .expect(201);
      const plan = allocation(LDTBXH_LINE, '1000', { decision: '12/KH-UBND' });
      expect((await api.post('/api/v1/allocations', admin, plan).expect(422)).body).toMatchObject({
        code: 'DOCUMENT.NOT_AN_ALLOCATION_DECISION',
      });
      const early = allocation(LDTBXH_LINE, '1000', { decision: '77/QĐ-UBND' });
      expect((await api.post('/api/v1/allocations', admin, early).expect(422)).body).toMatchObject({
        code: 'DOCUMENT.ISSUED_AFTER',
      });
      const under = { decision: '77/QĐ-UBND', effectiveDate: '2024-05-02' };
      await api
        .post('/api/v1/allocations', admin, allocation(LDTBXH_LINE, '600000', under))
        .expect(201);
      const over = await api
        .post('/api/v1/allocations', admin, allocation(TCKH_LINE, '400001', under))
        .expect(422);
      expect(over.body).toMatchObject({ code: 'DOCUMENT.AMOUNT_EXCEEDED' });
      await api
        .post('/api/v1/allocations', admin, allocation(TCKH_LINE, '400000', under))
        .expect(201);
    });

    it('bounds what a line holds, and every read of it answers', async () => {
      const full = allocation('2024.DA7.TDA2.central.2024.LDTBXH', '1000000000000000');
      await api.post('/api/v1/allocations', admin, full).expect(201);
      const more = allocation('2024.DA7.TDA2.central.2024.LDTBXH', '1');
      const res = await api.post('/api/v1/allocations', admin, more).expect(422);
      expect(res.body).toMatchObject({ code: 'BUDGET.LINE_LIMIT_EXCEEDED' });
      await api
        .post('/api/v1/plans', officer, {
          fiscalYear: 2024,
          leadUnit: 'LDTBXH',
          title: 'Kế hoạch thực hiện năm 2024',
          legalBasis: ['30/QĐ-UBND'],
          fundingDecisions: ['30/QĐ-UBND'],
          parts: [
            { code: 'DA7.TDA2', name: 'Giám sát, đánh giá', budgetAmount: '1000000000000000' },
          ],
          activities: [],
          effectiveDate: '2024-04-01',
        })
        .expect(201);
      for (const path of [
        '/api/v1/plans/2024/LDTBXH',
        '/api/v1/budget-lines?fiscalYear=2024',
        '/api/v1/reports/disbursement?fiscalYear=2024',
        '/api/v1/reports/disbursement?fiscalYear=2024&format=xlsx',
        '/api/v1/budget-lines/2024.DA7.TDA2.central.2024.LDTBXH/history',
      ]) {
        await api.get(path, admin).expect(200);
      }
      const balances = await api.get('/api/v1/budget-lines?fiscalYear=2024', admin).expect(200);
      expect(balances.body).toMatchObject({ totals: { allocated: '1000000100000000' } });
    });
  });

  describe('shared Idempotency-Keys (high row)', () => {
    it('records the proposals of two users sending the same key, each as their own', async () => {
      const other = api.user('Kế toán LĐTBXH', 'accountant', { unit: 'LDTBXH' });
      const a = await api
        .post('/api/v1/expenditures', officer, proposal('2024-05-10'), 'shared')
        .expect(201);
      const b = await api
        .post('/api/v1/expenditures', other, proposal('2024-05-11'), 'shared')
        .expect(201);
      expect(b.headers['idempotent-replayed']).toBeUndefined();
      const ids = [(a.body as { id: string }).id, (b.body as { id: string }).id];
      expect(ids[0]).not.toBe(ids[1]);
      for (const id of ids) {
        await api.post(`/api/v1/expenditures/${id}/approve`, approver, {}).expect(200);
      }
      const line = await api.get(`/api/v1/budget-lines/${LDTBXH_LINE}`, admin).expect(200);
      expect(line.body).toMatchObject({ committed: '2000000' });
    });

    it('approves two expenditures two approvers decided with the same key', async () => {
      const second = api.user('Phó Chủ tịch khác', 'approver', { authority: BA_TO_AUTHORITY });
      const ids: string[] = [];
      for (const date of ['2024-05-10', '2024-05-11']) {
        const res = await api.post('/api/v1/expenditures', officer, proposal(date)).expect(201);
        ids.push((res.body as { id: string }).id);
      }
      await api
        .post(`/api/v1/expenditures/${ids[0]}/approve`, approver, {}, 'same-key')
        .expect(200);
      await api.post(`/api/v1/expenditures/${ids[1]}/approve`, second, {}, 'same-key').expect(200);
      const approvals = (await api.allEvents()).filter((e) => e.type === 'ExpenditureApproved');
      expect(approvals.map((e) => e.data.expenditureId).sort()).toEqual([...ids].sort());
    });
  });

  describe('back-dating an approval (high row)', () => {
    const ended = { ...BA_TO_AUTHORITY, validFrom: '2024-01-01', validTo: '2024-06-30' };

    it('checks the delegation on the day the approval is recorded, not only on its date', async () => {
      const expired = api.user('Phó Chủ tịch (hết ủy quyền)', 'approver', { authority: ended });
      const early = await api
        .post('/api/v1/expenditures', officer, proposal('2024-05-10'))
        .expect(201);
      const late = await api
        .post('/api/v1/expenditures', officer, proposal('2024-09-01'))
        .expect(201);
      const before = await eventCount();
      for (const [id, body] of [
        [(late.body as { id: string }).id, { effectiveDate: '2024-06-01' }],
        [(early.body as { id: string }).id, {}],
      ] as const) {
        const res = await api.post(`/api/v1/expenditures/${id}/approve`, expired, body).expect(403);
        expect(res.body).toMatchObject({ code: 'AUTH.OUTSIDE_DELEGATION' });
      }
      expect(await eventCount()).toBe(before);
    });

    it('never dates an approval, a rejection or a transfer decision before what it decides on', async () => {
      const late = await api
        .post('/api/v1/expenditures', officer, proposal('2024-09-01'))
        .expect(201);
      const id = (late.body as { id: string }).id;
      for (const action of ['approve', 'reject']) {
        const res = await api
          .post(`/api/v1/expenditures/${id}/${action}`, approver, {
            effectiveDate: '2024-06-01',
            ...(action === 'reject' ? { reason: 'Thiếu hồ sơ' } : {}),
          })
          .expect(422);
        expect(res.body).toMatchObject({ code: 'DATE.BEFORE_DECIDED_ITEM' });
      }
      const transfer = await api
        .post('/api/v1/transfers', officer, {
          kind: 'reallocation',
          fromLine: LDTBXH_LINE,
          toLine: '2024.DA7.TDA2.central.2024.LDTBXH',
          amount: '1000',
          decision: '101/QĐ-UBND',
          effectiveDate: '2024-08-01',
        })
        .expect(201);
      const decided = await api
        .post(`/api/v1/transfers/${(transfer.body as { id: string }).id}/approve`, approver, {
          effectiveDate: '2024-07-01',
        })
        .expect(422);
      expect(decided.body).toMatchObject({ code: 'DATE.BEFORE_DECIDED_ITEM' });
      await api.post(`/api/v1/expenditures/${id}/approve`, approver, {}).expect(200);
    });
  });

  describe("another unit's things (high row)", () => {
    it("refuses a transfer from another unit's line and every write on another unit's plan", async () => {
      await api
        .post('/api/v1/plans', officer, {
          fiscalYear: 2024,
          leadUnit: 'LDTBXH',
          title: 'Kế hoạch thực hiện năm 2024',
          legalBasis: ['30/QĐ-UBND'],
          fundingDecisions: ['30/QĐ-UBND'],
          parts: [{ code: 'DA7.TDA1', name: 'Nâng cao năng lực', budgetAmount: '1000000' }],
          activities: [],
          effectiveDate: '2024-04-01',
        })
        .expect(201);
      const before = await eventCount();
      const attempts: [string, object][] = [
        [
          '/api/v1/transfers',
          {
            kind: 'reallocation',
            fromLine: LDTBXH_LINE,
            toLine: TCKH_LINE,
            amount: '1000',
            decision: '101/QĐ-UBND',
            effectiveDate: '2024-06-01',
          },
        ],
        [
          '/api/v1/plans',
          {
            fiscalYear: 2025,
            leadUnit: 'LDTBXH',
            title: 'Kế hoạch của đơn vị khác',
            legalBasis: ['30/QĐ-UBND'],
            fundingDecisions: ['30/QĐ-UBND'],
            parts: [{ code: 'DA7.TDA1', name: 'Nâng cao năng lực', budgetAmount: '1000' }],
            activities: [],
            effectiveDate: '2024-04-01',
          },
        ],
        ['/api/v1/plans/2024/LDTBXH/submit', { effectiveDate: '2024-04-02' }],
        [
          '/api/v1/plans/2024/LDTBXH/progress',
          {
            effectiveDate: '2024-06-01',
            activityId: 'HD1',
            outputId: 'SP1',
            kind: 'count',
            delivered: 1,
          },
        ],
      ];
      for (const [path, body] of attempts) {
        const res = await api.post(path, tckhOfficer, body).expect(403);
        expect(res.body).toMatchObject({ code: 'AUTH.UNIT_FORBIDDEN' });
      }
      await api.get('/api/v1/plans/2024/LDTBXH', tckhOfficer).expect(403);
      await api.get('/api/v1/plans/2024/LDTBXH', officer).expect(200);
      for (const path of ['/api/v1/documents', '/api/v1/units']) {
        await api.post(path, tckhOfficer, {}).expect((r) => expect([400, 403]).toContain(r.status));
      }
      expect(await eventCount()).toBe(before);
    });
  });

  describe('business dates (medium row)', () => {
    it('answers 400 with a code for year 0, on every route that takes a date', async () => {
      const proposed = await api
        .post('/api/v1/expenditures', officer, proposal('2024-05-10'))
        .expect(201);
      const id = (proposed.body as { id: string }).id;
      const accountant = api.user('Kế toán LĐTBXH', 'accountant', { unit: 'LDTBXH' });
      const before = await eventCount();
      const zero = '0000-01-01';
      const routes: [string, string, object][] = [
        ['/api/v1/expenditures', officer, { ...proposal(zero) }],
        [`/api/v1/expenditures/${id}/approve`, approver, { effectiveDate: zero }],
        [`/api/v1/expenditures/${id}/reject`, approver, { reason: 'x', effectiveDate: zero }],
        [`/api/v1/expenditures/${id}/disburse`, accountant, { voucher: 'UNC-1', paidOn: zero }],
        [`/api/v1/expenditures/${id}/reverse`, accountant, { reason: 'x', effectiveDate: zero }],
        ['/api/v1/allocations', admin, allocation(LDTBXH_LINE, '1000', { effectiveDate: zero })],
        ['/api/v1/fiscal-years/2024/close', admin, { effectiveDate: zero }],
        [
          '/api/v1/units',
          admin,
          { code: 'XA_MOI', name: 'Xã mới', kind: 'commune', validFrom: zero },
        ],
        [
          '/api/v1/documents',
          admin,
          { number: '5/QĐ-UBND', type: 'QĐ', issuer: 'UBND', issuedOn: zero, title: 'x' },
        ],
        [
          '/api/v1/transfers',
          officer,
          {
            kind: 'reallocation',
            fromLine: LDTBXH_LINE,
            toLine: '2024.DA7.TDA2.central.2024.LDTBXH',
            amount: '1',
            decision: '1/QĐ-UBND',
            effectiveDate: zero,
          },
        ],
        ['/api/v1/plans/2024/LDTBXH/submit', officer, { effectiveDate: '9999-12-31' }],
      ];
      for (const [path, token, body] of routes) {
        const res = await api.post(path, token, body);
        expect([path, res.status]).toEqual([path, 400]);
        expect(res.body).toMatchObject({ code: 'VALIDATION.FAILED' });
      }
      expect(await eventCount()).toBe(before);
    });
  });
});
