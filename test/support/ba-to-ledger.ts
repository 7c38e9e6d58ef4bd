import { LedgerClock } from '@app/application';
import { ApiHarness, BA_TO_AUTHORITY } from './api-harness';

/** "Today" for the ledger's own processes: mid-2024, so the carried-over money has not lapsed. */
export class FixedClock extends LedgerClock {
  constructor(private readonly instant: string) {
    super();
  }
  now(): Date {
    return new Date(this.instant);
  }
}

export const UNIT = 'LDTBXH';
export const line = (part: string, source: string, year: number): string =>
  `2024.${part}.${source}.${year}.${UNIT}`;

export interface Payment {
  readonly line: string;
  readonly amount: string;
  readonly activity?: string;
  readonly proposedOn: string;
  readonly paidOn: string;
  readonly category: string;
  readonly description: string;
}

/**
 * A few payments around the second quarter of 2024: one before it, two in it (one from
 * carried-over money), one committed in it and paid after it. The first is proposed before
 * the plan's approval (89/KH-UBND of 15/4/2024, in the example), so it is not tied to a plan
 * activity (the transition, README "Spending under the approved plan"); every later one
 * names its activity.
 */
export const PAYMENTS: readonly Payment[] = [
  {
    line: line('DA6.TDA2', 'central', 2024),
    amount: '45000000',
    proposedOn: '2024-03-26',
    paidOn: '2024-03-29',
    category: 'communication',
    description: 'Làm 6 pano tuyên truyền 2 mặt (đợt 1)',
  },
  {
    line: line('DA6.TDA2', 'central', 2023),
    amount: '20000000',
    activity: 'DA6.TDA2-pano',
    // The day the plan was approved (89/KH-UBND of 15/4/2024): from then on it funds.
    proposedOn: '2024-04-15',
    paidOn: '2024-04-15',
    category: 'communication',
    description: 'Làm 4 pano tuyên truyền 2 mặt (đợt 2)',
  },
  {
    line: line('DA7.TDA1', 'central', 2024),
    amount: '120000000',
    activity: 'DA7.TDA1-hoc-tap-kinh-nghiem',
    proposedOn: '2024-06-03',
    paidOn: '2024-06-20',
    category: 'study_tour',
    description: 'Học tập kinh nghiệm ngoài tỉnh 04 ngày',
  },
  {
    line: line('DA7.TDA2', 'provincial', 2024),
    amount: '10000000',
    activity: 'DA7.TDA2-ra-soat',
    proposedOn: '2024-06-25',
    paidOn: '2024-07-05',
    category: 'survey',
    description: 'Rà soát hộ nghèo, hộ cận nghèo (đợt 1)',
  },
];

export interface BaToLedger {
  readonly api: ApiHarness;
  readonly tokens: Record<
    'admin' | 'officer' | 'accountant' | 'approver' | 'head' | 'chief' | 'auditor' | 'other',
    string
  >;
}

/**
 * The Ba Tơ example as `npm start` loads it — its plan issued (89/KH-UBND of 15/4/2024),
 * Phòng LĐ-TB&XH's two signatories registered, its own payments of July to September
 * (examples/ba-to-2024/payments.yaml) — with output progress reported and the payments
 * above made through the API, as the district's staff would: proposed by the officer,
 * signed by the chief accountant and the head (the example's signatories: the office's
 * payments take two signatures), paid by the accountant. The ledger's "today" is
 * 10/7/2024, before the example's payments.
 */
export async function baToLedger(): Promise<BaToLedger> {
  // With the Ba Tơ example loaded, as a first start does.
  const api = await ApiHarness.start(
    { BUDGET_NO_EXAMPLE: '0' },
    { clock: new FixedClock('2024-07-10T03:00:00Z') },
  );
  const tokens = {
    admin: api.user('Quản trị hệ thống', 'admin'),
    officer: api.user('Cán bộ LĐTBXH', 'officer', { unit: UNIT }),
    accountant: api.user('Kế toán LĐTBXH', 'accountant', { unit: UNIT }),
    approver: api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY }),
    // Accounts of the example's signatories (units.yaml → signatories).
    head: api.user('Trưởng phòng LĐ-TB&XH (minh họa)', 'approver', {
      unit: UNIT,
      personId: 'truong-phong-ldtbxh',
    }),
    chief: api.user('Kế toán trưởng Phòng LĐ-TB&XH (minh họa)', 'accountant', {
      unit: UNIT,
      personId: 'ke-toan-truong-ldtbxh',
    }),
    auditor: api.user('Kiểm toán viên', 'auditor'),
    other: api.user('Cán bộ Phòng Tài chính', 'officer', { unit: 'TCKH' }),
  };
  for (const [activityId, outputId, delivered, on] of [
    ['DA6.TDA2-pano', 'pano', 10, '2024-05-10'],
    ['DA7.TDA1-hoc-tap-kinh-nghiem', 'so-ngay', 4, '2024-06-20'],
    ['DA6.TDA2-pano', 'pano', 15, '2024-07-05'],
  ] as const) {
    await api
      .post('/api/v1/plans/2024/LDTBXH/progress', tokens.officer, {
        activityId,
        outputId,
        kind: 'count',
        delivered,
        effectiveDate: on,
      })
      .expect(201);
  }
  for (const [i, p] of PAYMENTS.entries()) {
    const proposed = await api
      .post('/api/v1/expenditures', tokens.officer, {
        budgetLineId: p.line,
        amount: p.amount,
        category: p.category,
        description: p.description,
        payee: 'Đơn vị cung cấp (minh họa)',
        effectiveDate: p.proposedOn,
        ...(p.activity ? { activity: p.activity } : {}),
      })
      .expect(201);
    const { id } = proposed.body as { id: string };
    await api.post(`/api/v1/expenditures/${id}/sign`, tokens.chief, {}).expect(200);
    await api.post(`/api/v1/expenditures/${id}/sign`, tokens.head, {}).expect(200);
    await api
      .post(`/api/v1/expenditures/${id}/disburse`, tokens.accountant, {
        voucher: `UNC-2024-${String(i + 1).padStart(3, '0')}`,
        paidOn: p.paidOn,
      })
      .expect(200);
  }
  return { api, tokens };
}
