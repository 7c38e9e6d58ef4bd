import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FollowUpRunner, checkConservation } from '@app/application';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const CARRIED = '2024.DA6.TDA2.district.2023.LDTBXH';
const LAPSE = `lapse:${CARRIED}:2024-12-31`;

const proposal = (amount: string, effectiveDate: string, extra: object = {}): object => ({
  budgetLineId: CARRIED,
  amount,
  category: 'training',
  description: 'Tập huấn cán bộ giảm nghèo',
  payee: 'Trung tâm Chính trị huyện',
  effectiveDate,
  ...extra,
});
const decision = (issuedOn: string) => ({
  number: '15/QĐ-UBND',
  issuedOn,
  issuer: 'UBND huyện Ba Tơ',
});
const correction = {
  corrects: LAPSE,
  reason: 'Chứng từ ngày 30/12/2024 nhập muộn',
  approvedBy: 'ke-toan-truong',
};

/**
 * Issue 16, items 3 and 4 over HTTP: approved-but-unpaid carried-over money lapses unless a
 * decision keeps it, money goes back to the level it came from, and a voucher dated before
 * the deadline but entered after the lapse is taken only as a correction of the lapse.
 * Each refusal is a 4xx problem+json with its stable code, and records nothing.
 */
describe('the lapse as the law has it, over HTTP', () => {
  let api: ApiHarness;
  let admin: string;
  let officer: string;
  let approver: string;
  let accountant: string;
  let auditor: string;

  const refused = async (
    path: string,
    token: string,
    body: object,
    status: number,
    code: string,
  ): Promise<void> => {
    const before = await api.eventCount();
    const res = await api.post(path, token, body).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code, status });
    expect(await api.eventCount()).toBe(before);
  };
  const line = async (id: string): Promise<Record<string, string>> =>
    (await api.get(`/api/v1/budget-lines/${id}`, auditor).expect(200)).body as Record<
      string,
      string
    >;
  const start = async (today: string, dir: string, env: Record<string, string> = {}) => {
    api = await ApiHarness.start(
      { BUDGET_RATE_LIMIT_PER_MINUTE: '0', BUDGET_DATA_DIR: dir, ...env },
      { clock: new FixedClock(`${today}T03:00:00Z`) },
    );
    admin = api.user('Phòng Tài chính – Kế hoạch', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    accountant = api.user('Kế toán', 'accountant', { unit: 'LDTBXH' });
    auditor = api.user('Kiểm toán', 'auditor');
  };

  it('keeps, lapses, returns and corrects as the law says, each refusal recording nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'budget-lapse-'));
    try {
      // 2024: 250.000 carried in by 699/QĐ-UBND; two expenditures approved, none paid;
      // 1.000.000 of central money allocated by 30/QĐ-UBND.
      await start('2024-12-20', dir);
      await api.registerReference(admin, ['LDTBXH']);
      await api.allocate(admin);
      expect((await api.carryOver(officer, approver, CARRIED, '250000')).outcome).toBe(
        'TransferCompleted',
      );
      const ids: string[] = [];
      for (const amount of ['100000', '50000', '20000']) {
        const res = await api
          .post('/api/v1/expenditures', officer, proposal(amount, '2024-06-01'))
          .expect(201);
        ids.push((res.body as { id: string }).id);
      }
      const [kept, unkept, pending] = ids as [string, string, string];
      for (const e of [kept, unkept]) {
        await api
          .post(`/api/v1/expenditures/${e}/approve`, approver, { effectiveDate: '2024-06-02' })
          .expect(200);
      }

      // A decision keeps one of them past the deadline, until 31/03/2025.
      const retentions = `/api/v1/budget-lines/${CARRIED}/retentions`;
      const retention = {
        decision: decision('2024-12-20'),
        expenditureIds: [kept],
        until: '2025-03-31',
        effectiveDate: '2024-12-20',
      };
      await refused(retentions, officer, retention, 403, 'AUTH.ROLE_FORBIDDEN');
      await refused(
        retentions,
        admin,
        { ...retention, until: '2024-12-31' },
        400,
        'BUDGET.RETENTION_NOT_AFTER_DEADLINE',
      );
      await refused(
        retentions,
        admin,
        { ...retention, expenditureIds: [pending] },
        409,
        'BUDGET.EXPENDITURE_NOT_RETAINABLE',
      );
      await api.post(retentions, admin, retention).expect(201);
      await api.stop();

      // 10/02/2025: the lapse recorded. The unkept approval lapsed with the uncommitted money.
      await start('2025-02-10', dir);
      await api.app.get(FollowUpRunner).lapseWhenCaughtUp();
      const stream = await api.store.readStream(`budget-line-${CARRIED}`);
      expect(
        stream
          .filter((e) => e.type === 'ExpenditureLapsed')
          .map((e) => [e.data.expenditureId, e.data.amount]),
      ).toEqual([[unkept, '50000']]);
      expect(await line(CARRIED)).toMatchObject({ committed: '100000', cancelled: '150000' });

      // What the decision kept is paid after the deadline; what it did not keep is not.
      await api
        .post(`/api/v1/expenditures/${kept}/disburse`, accountant, {
          voucher: 'UNC-0101',
          paidOn: '2025-02-05',
        })
        .expect(200);
      await refused(
        `/api/v1/expenditures/${unkept}/disburse`,
        accountant,
        { voucher: 'UNC-0102', paidOn: '2025-01-20' },
        422,
        'BUDGET.CARRY_OVER_EXPIRED',
      );
      await refused(
        `/api/v1/expenditures/${unkept}/reverse`,
        accountant,
        { reason: 'Hủy', effectiveDate: '2025-02-05' },
        409,
        'EXPENDITURE.INVALID_STATE',
      );

      // Late entries: a voucher of 30/12/2024 entered now is a correction of the lapse.
      await refused(
        '/api/v1/expenditures',
        officer,
        proposal('30000', '2024-12-30'),
        422,
        'BUDGET.LATE_ENTRY_NEEDS_CORRECTION',
      );
      await refused(
        '/api/v1/expenditures',
        officer,
        proposal('30000', '2024-12-30', {
          correction: { ...correction, corrects: `lapse:${LINE}:2024-12-31` },
        }),
        422,
        'BUDGET.CORRECTION_WRONG_LAPSE',
      );
      const late = (
        (
          await api
            .post('/api/v1/expenditures', officer, proposal('30000', '2024-12-30', { correction }))
            .expect(201)
        ).body as { id: string }
      ).id;
      await api
        .post(`/api/v1/expenditures/${late}/approve`, approver, { effectiveDate: '2024-12-30' })
        .expect(200);
      await api
        .post(`/api/v1/expenditures/${late}/disburse`, accountant, {
          voucher: 'UNC-0103',
          paidOn: '2024-12-31',
        })
        .expect(200);
      // The lapsed approval's payment made in time, entered late: a correction recommitting it.
      const paidInTime = { voucher: 'UNC-0104', paidOn: '2024-12-20' };
      const unkeptPay = `/api/v1/expenditures/${unkept}/disburse`;
      await refused(unkeptPay, accountant, paidInTime, 422, 'BUDGET.LATE_ENTRY_NEEDS_CORRECTION');
      // This one cites the lapse by its event id: recorded as the lapse's reference.
      const lapseEvent = stream.find((e) => e.type === 'CarryOverLapsed');
      const byId = { ...correction, corrects: lapseEvent?.id ?? 'none' };
      const paid = (
        await api.post(unkeptPay, accountant, { ...paidInTime, correction: byId }).expect(200)
      ).body as { position: string };

      const after = await api.store.readStream(`budget-line-${CARRIED}`);
      const corrected = after.filter((e) => e.type === 'LapseCorrected');
      expect(corrected.map((e) => [e.data.amount, e.data.recommits, e.data.lapse])).toEqual([
        ['30000', false, LAPSE],
        ['50000', true, LAPSE],
      ]);
      const next = after[after.indexOf(corrected[0]!) + 1];
      expect(next?.type).toBe('ExpenditureProposed');
      expect(await line(CARRIED)).toMatchObject({
        committed: '180000',
        disbursed: '180000',
        cancelled: '70000',
        available: '0',
      });

      // The history shows the correction and the expenditure, both.
      const history = (
        await api
          .get(`/api/v1/budget-lines/${CARRIED}/history?minPosition=${paid.position}`, auditor)
          .expect(200)
      ).body as { entries: Record<string, unknown>[] };
      const shown = history.entries
        .filter((e) => e.type === 'LapseCorrected')
        .map((e) => [e.amount, e.correction]);
      expect(shown).toEqual(
        expect.arrayContaining([
          ['30000', correction],
          ['50000', correction],
        ]) as unknown,
      );
      expect(history.entries.map((e) => e.type)).toContain('ExpenditureLapsed');

      // Both time axes: as of 31/12/2024, before the late entries were known and after.
      const firstLate = corrected[0]!.metadata.recordedAt;
      const knownBefore = new Date(new Date(firstLate).getTime() - 1).toISOString();
      const asOf = async (knownAt: string | null) =>
        (
          (
            await api
              .get(
                `/api/v1/budget-lines?fiscalYear=2024&asOf=2024-12-31${knownAt ? `&knownAt=${knownAt}` : ''}&minPosition=${paid.position}`,
                auditor,
              )
              .expect(200)
          ).body as { lines: Record<string, string>[] }
        ).lines.find((l) => l.id === CARRIED);
      expect(await asOf(knownBefore)).toMatchObject({ disbursed: '0', committed: '150000' });
      expect(await asOf(null)).toMatchObject({ disbursed: '80000', committed: '180000' });

      // Hoàn trả: central money left unspent goes back to the centre; district money does not.
      const returns = (id: string) => `/api/v1/budget-lines/${id}/returns`;
      const giveBack = {
        amount: '200000',
        source: 'unspent',
        toLevel: 'central',
        decision: { ...decision('2025-01-20'), number: '40/QĐ-UBND' },
        reason: 'Hoàn trả ngân sách trung ương kinh phí không sử dụng hết',
        effectiveDate: '2025-01-20',
      };
      await refused(returns(LINE), officer, giveBack, 403, 'AUTH.ROLE_FORBIDDEN');
      await refused(returns(CARRIED), admin, giveBack, 422, 'BUDGET.RETURN_NOT_FROM_HIGHER_LEVEL');
      await refused(
        returns(LINE),
        admin,
        { ...giveBack, source: 'lapsed' },
        409,
        'BUDGET.RETURN_EXCEEDS_LAPSED',
      );
      await refused(
        returns(LINE),
        admin,
        { ...giveBack, amount: '1000001' },
        409,
        'BUDGET.LINE_OVERDRAWN',
      );
      const returned = (await api.post(returns(LINE), admin, giveBack).expect(201)).body as {
        position: string;
      };
      expect(await line(LINE)).toMatchObject({ returned: '200000', available: '800000' });
      // The year-final disbursement report (to 31/01, the adjustment period) shows it in
      // column 12 (cancelled, lapsed, returned) on its part.
      const report = (
        await api
          .get(
            `/api/v1/reports/disbursement?fiscalYear=2024&period=year-final&minPosition=${returned.position}`,
            auditor,
          )
          .expect(200)
      ).body as { rows: { level: string; code: string; lapsed?: string }[] };
      const part = (code: string) => report.rows.find((r) => r.level === 'part' && r.code === code);
      expect(part('DA7.TDA1')).toMatchObject({ lapsed: '200000' });
      expect(part('DA6.TDA2')).toMatchObject({ lapsed: '70000' });

      const conservation = await checkConservation(api.store);
      expect(conservation.problems).toEqual([]);
    } finally {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
