import { ModulesContainer } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ALL_POLICIES, ROLES, type Authority, type Policy, type Role } from '@app/budgeting';
import { POLICY_KEY, PUBLIC_KEY } from '@app/api';
import { FollowUpRunner } from '@app/application';
import { ApiHarness, BA_TO_AUTHORITY, NQ111 } from '../support/api-harness';

/**
 * The authorization table walked, route by route, role by role: every route of the API
 * names a policy (or is public), every policy's doors name its routes (so the README
 * table, rendered from the policies, lists every route), and every role gets what the
 * table says — through a request aimed at a target in the state the route succeeds from,
 * so an allowed role is answered 2xx and a refused one 403, never a 404 that would hide
 * a missing check. Scopes are walked too: another unit's user, an approver whose
 * delegation does not cover the target, an administrator who belongs to a unit.
 */

interface Route {
  readonly method: string;
  /** As the README's doors write it: `POST /api/v1/expenditures/{id}/approve`. */
  readonly door: string;
  readonly policy: Policy | null;
  readonly isPublic: boolean;
}

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const CARRIED = '2024.DA6.TDA2.district.2023.LDTBXH';

function routesOf(api: ApiHarness): Route[] {
  const routes: Route[] = [];
  for (const module of api.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const classPolicy = Reflect.getMetadata(POLICY_KEY, controller) as Policy | undefined;
      const classPublic = Reflect.getMetadata(PUBLIC_KEY, controller) === true;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function' || name === 'constructor') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        const full = `/${[base, path]
          .map((p) => p.replace(/^\/|\/$/g, ''))
          .filter(Boolean)
          .join('/')}`
          .replace(':year', '{y}')
          .replace(/:(\w+)/g, '{$1}');
        routes.push({
          method: RequestMethod[method],
          door: `${RequestMethod[method]} ${full}`,
          policy:
            (Reflect.getMetadata(POLICY_KEY, handler) as Policy | undefined) ?? classPolicy ?? null,
          isPublic: Reflect.getMetadata(PUBLIC_KEY, handler) === true || classPublic,
        });
      }
    }
  }
  return routes;
}

/** A request aimed at a fresh target in the state the route succeeds from. */
type Scenario = (s: Scene) => Promise<{ method: 'GET' | 'POST'; path: string; body?: object }>;

class Scene {
  private serial = 0;
  /** Fiscal years, each used once: plans brought to a state, new drafts, years closed. */
  private readonly years = { plan: 2000, draft: 2061, close: 2012 };
  private carried: Promise<string> | null = null;
  constructor(
    readonly api: ApiHarness,
    readonly tokens: Readonly<Record<string, string>>,
  ) {}

  next(): number {
    return ++this.serial;
  }

  year(kind: keyof Scene['years']): number {
    // Not 2024, the year of the scene's lines: a plan approved for it would make every
    // proposal name one of its activities (README, "Spending under the approved plan").
    if (this.years[kind] === 2024) this.years[kind]++;
    return this.years[kind]++;
  }

  /** A year with no lines, proposed for closing by the administrator (after 31/01 next). */
  async closeProposed(): Promise<number> {
    const year = this.year('close');
    await this.api
      .post(`/api/v1/fiscal-years/${year}/close`, this.tokens.admin ?? '', {
        effectiveDate: Scene.closingDate(year),
      })
      .expect(201);
    return year;
  }

  /** After the adjustment period, and not before the approver's delegation (1/1/2024). */
  static closingDate(year: number): string {
    const after = `${year + 1}-02-15`;
    return after > '2024-02-15' ? after : '2024-02-15';
  }

  /** A line of 2023 money carried into 2024 (once): its deadline is extended later and later. */
  carriedLine(): Promise<string> {
    const line = '2024.DA7.TDA1.central.2023.LDTBXH';
    this.carried ??= this.api
      .carryOver(this.tokens.officer ?? '', this.tokens.approver ?? '', line, '1000')
      .then(() => line);
    return this.carried;
  }

  /** From 1/9/2024 the unit signs with two signatures (signatories registered then). */
  async proposed(effectiveDate = '2024-05-10'): Promise<string> {
    const res = await this.api
      .post('/api/v1/expenditures', this.tokens.officer ?? '', {
        budgetLineId: LINE,
        amount: '1000',
        category: 'training',
        description: 'Tập huấn',
        payee: 'Trung tâm',
        effectiveDate,
      })
      .expect(201);
    return (res.body as { id: string }).id;
  }

  async approved(): Promise<string> {
    const id = await this.proposed();
    await this.api
      .post(`/api/v1/expenditures/${id}/approve`, this.tokens.approver ?? '', {})
      .expect(200);
    return id;
  }

  /** Approved, its payment dossier at the Treasury (sent on 14/5/2024). */
  async sent(): Promise<string> {
    const id = await this.approved();
    await this.api
      .post(`/api/v1/expenditures/${id}/treasury-submissions`, this.tokens.accountant ?? '', {
        dossier: `HS-${this.next()}`,
        sentOn: '2024-05-14',
      })
      .expect(200);
    return id;
  }

  /** An advance (tạm ứng) of 1.000 đồng, approved and paid on 20/5/2024. */
  async paidAdvance(): Promise<string> {
    const res = await this.api
      .post('/api/v1/expenditures', this.tokens.officer ?? '', {
        budgetLineId: LINE,
        amount: '1000',
        category: 'training',
        description: 'Tạm ứng tập huấn',
        payee: 'Trung tâm',
        kind: 'advance',
        effectiveDate: '2024-05-10',
      })
      .expect(201);
    const id = (res.body as { id: string }).id;
    await this.api
      .post(`/api/v1/expenditures/${id}/approve`, this.tokens.approver ?? '', {})
      .expect(200);
    await this.api
      .post(`/api/v1/expenditures/${id}/disburse`, this.tokens.accountant ?? '', {
        voucher: `UNC-A${this.next()}`,
        paidOn: '2024-05-20',
      })
      .expect(200);
    return id;
  }

  /** A commune registered from 1/1/2024, fresh each time (returns its code). */
  async unit(): Promise<string> {
    const code = `XS_${this.next()}`;
    await this.api
      .post('/api/v1/units', this.tokens.admin ?? '', {
        code,
        name: 'UBND xã',
        kind: 'commune',
        validFrom: '2024-01-01',
      })
      .expect(201);
    return code;
  }

  private carriedIn = false;

  /**
   * An approved, unpaid expenditure of 2023 money carried into 2024 (699/QĐ-UBND). The
   * server's clock is past the deadline, so the lapse is recorded first (deterministically)
   * and the voucher entered as a correction of it, as a late entry must be.
   */
  async carriedApproved(): Promise<string> {
    if (!this.carriedIn) {
      await this.api.carryOver(
        this.tokens.officer ?? '',
        this.tokens.approver ?? '',
        CARRIED,
        '100000000',
      );
      this.carriedIn = true;
    }
    await this.api.app.get(FollowUpRunner).lapseWhenCaughtUp();
    const res = await this.api
      .post('/api/v1/expenditures', this.tokens.officer ?? '', {
        budgetLineId: CARRIED,
        amount: '1000',
        category: 'training',
        description: 'Tập huấn',
        payee: 'Trung tâm',
        effectiveDate: '2024-05-10',
        correction: {
          corrects: `lapse:${CARRIED}:2024-12-31`,
          reason: 'Chứng từ nhập muộn',
          approvedBy: 'ke-toan-truong',
        },
      })
      .expect(201);
    const id = (res.body as { id: string }).id;
    await this.api
      .post(`/api/v1/expenditures/${id}/approve`, this.tokens.approver ?? '', {})
      .expect(200);
    return id;
  }

  async transfer(): Promise<string> {
    const res = await this.api
      .post('/api/v1/transfers', this.tokens.officer ?? '', {
        kind: 'reallocation',
        fromLine: LINE,
        toLine: '2024.DA7.TDA2.central.2024.LDTBXH',
        amount: '1000',
        decision: '101/QĐ-UBND',
        effectiveDate: '2024-06-01',
      })
      .expect(201);
    return (res.body as { id: string }).id;
  }

  planBody(year: number): object {
    return {
      fiscalYear: year,
      leadUnit: 'LDTBXH',
      title: `Kế hoạch năm ${year}`,
      legalBasis: ['30/QĐ-UBND'],
      fundingDecisions: ['30/QĐ-UBND'],
      parts: [{ code: 'DA7.TDA1', name: 'Nâng cao năng lực', budgetAmount: '1000000' }],
      activities: [
        {
          id: 'HD1',
          programPart: 'DA7.TDA1',
          name: 'Tập huấn',
          category: 'training',
          outputs: [{ id: 'SP1', description: 'Lớp', unit: 'lớp', target: 100 }],
        },
      ],
      effectiveDate: '2024-03-01',
    };
  }

  /** A fresh plan of LDTBXH brought to `state`; returns its year. */
  async plan(state: 'draft' | 'submitted' | 'approved'): Promise<number> {
    const year = this.year('plan');
    const officer = this.tokens.officer ?? '';
    await this.api.post('/api/v1/plans', officer, this.planBody(year)).expect(201);
    if (state === 'draft') return year;
    await this.api
      .post(`/api/v1/plans/${year}/LDTBXH/submit`, officer, { effectiveDate: '2024-03-05' })
      .expect(200);
    if (state === 'submitted') return year;
    await this.api
      .post(`/api/v1/plans/${year}/LDTBXH/approve`, this.tokens.approver ?? '', {
        effectiveDate: '2024-03-10',
        number: `${year}/KH-UBND`,
        issuedOn: '2024-03-10',
      })
      .expect(200);
    return year;
  }
}

/** A signatory as registered through POST /units/{code}/signatories (illustrative). */
const SIGNATORY = {
  capacity: 'account_holder',
  standing: 'head',
  personId: 'p-approver',
  name: 'Lữ Đình Tích',
  title: 'Chủ tịch UBND xã',
  validFrom: '2024-09-01',
  specimen: { number: 'KB-01', registeredOn: '2024-09-01' },
};

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'GET /api/v1/budget-lines': async () => ({ method: 'GET', path: '/api/v1/budget-lines' }),
  'GET /api/v1/budget-lines/{id}': async () => ({
    method: 'GET',
    path: `/api/v1/budget-lines/${LINE}`,
  }),
  'GET /api/v1/budget-lines/{id}/history': async () => ({
    method: 'GET',
    path: `/api/v1/budget-lines/${LINE}/history`,
  }),
  'GET /api/v1/approvals': async () => ({ method: 'GET', path: '/api/v1/approvals' }),
  'GET /api/v1/reports/disbursement': async () => ({
    method: 'GET',
    path: '/api/v1/reports/disbursement?fiscalYear=2024',
  }),
  'GET /api/v1/reports/outputs': async () => ({
    method: 'GET',
    path: '/api/v1/reports/outputs?fiscalYear=2024',
  }),
  'GET /api/v1/plans/{y}/{unit}': async () => ({
    method: 'GET',
    path: '/api/v1/plans/2024/LDTBXH',
  }),
  'GET /api/v1/audit/verify': async () => ({ method: 'GET', path: '/api/v1/audit/verify' }),
  'POST /api/v1/audit/checkpoints': async () => ({
    method: 'POST',
    path: '/api/v1/audit/checkpoints',
    body: {},
  }),
  'POST /api/v1/admin/projections/rebuild': async () => ({
    method: 'POST',
    path: '/api/v1/admin/projections/rebuild',
    body: { projection: 'approvals' },
  }),
  'POST /api/v1/expenditures': async () => ({
    method: 'POST',
    path: '/api/v1/expenditures',
    body: {
      budgetLineId: LINE,
      amount: '1000',
      category: 'training',
      description: 'Tập huấn',
      payee: 'Trung tâm',
      effectiveDate: '2024-05-10',
    },
  }),
  'POST /api/v1/expenditures/{id}/approve': async (s) => ({
    method: 'POST',
    path: `/api/v1/expenditures/${await s.proposed()}/approve`,
    body: {},
  }),
  // The approver's person is the account holder, the accountant's the chief accountant.
  'POST /api/v1/expenditures/{id}/sign': async (s) => ({
    method: 'POST',
    path: `/api/v1/expenditures/${await s.proposed('2024-09-10')}/sign`,
    body: {},
  }),
  'POST /api/v1/units/{code}/signatories': async (s) => ({
    method: 'POST',
    path: `/api/v1/units/${await s.unit()}/signatories`,
    body: SIGNATORY,
  }),
  'POST /api/v1/units/{code}/budget-relationship-codes': async (s) => ({
    method: 'POST',
    path: `/api/v1/units/${await s.unit()}/budget-relationship-codes`,
    body: { budgetRelationshipCode: '1040123', validFrom: '2024-01-01' },
  }),
  // One classification per line: the same one again is answered 201 and records nothing.
  'POST /api/v1/budget-lines/{id}/classification': async () => ({
    method: 'POST',
    path: `/api/v1/budget-lines/${LINE}/classification`,
    body: {
      chapter: '622',
      sector: '398',
      program: '0357',
      source: '12',
      effectiveDate: '2024-03-25',
    },
  }),
  'GET /api/v1/advances': async () => ({ method: 'GET', path: '/api/v1/advances?fiscalYear=2024' }),
  'POST /api/v1/expenditures/{id}/settlements': async (s) => ({
    method: 'POST',
    path: `/api/v1/expenditures/${await s.paidAdvance()}/settlements`,
    body: {
      amount: '600',
      vouchers: [{ number: `HD-S${s.next()}`, date: '2024-05-25' }],
      settledOn: '2024-05-26',
    },
  }),
  'POST /api/v1/expenditures/{id}/recoveries': async (s) => ({
    method: 'POST',
    path: `/api/v1/expenditures/${await s.paidAdvance()}/recoveries`,
    body: { amount: '400', receipt: `GNT-${s.next()}`, recoveredOn: '2024-05-26' },
  }),
  'POST /api/v1/expenditures/{id}/reject': async (s) => ({
    method: 'POST',
    path: `/api/v1/expenditures/${await s.proposed()}/reject`,
    body: { reason: 'Thiếu hồ sơ' },
  }),
  'POST /api/v1/expenditures/{id}/disburse': async (s) => ({
    method: 'POST',
    path: `/api/v1/expenditures/${await s.approved()}/disburse`,
    body: { voucher: `UNC-${s.next()}`, paidOn: '2024-05-20' },
  }),
  'POST /api/v1/expenditures/{id}/treasury-submissions': async (s) => ({
    method: 'POST',
    path: `/api/v1/expenditures/${await s.approved()}/treasury-submissions`,
    body: { dossier: `HS-${s.next()}`, sentOn: '2024-05-14' },
  }),
  'POST /api/v1/expenditures/{id}/treasury-acceptance': async (s) => ({
    method: 'POST',
    path: `/api/v1/expenditures/${await s.sent()}/treasury-acceptance`,
    body: { paymentOrder: `UNC-${s.next()}`, paidOn: '2024-05-16' },
  }),
  'POST /api/v1/expenditures/{id}/treasury-refusal': async (s) => ({
    method: 'POST',
    path: `/api/v1/expenditures/${await s.sent()}/treasury-refusal`,
    body: { reason: 'Thiếu hồ sơ', refusedOn: '2024-05-16', commitment: 'released' },
  }),
  'POST /api/v1/expenditures/{id}/reverse': async (s) => ({
    method: 'POST',
    path: `/api/v1/expenditures/${await s.approved()}/reverse`,
    body: { reason: 'Kho bạc từ chối' },
  }),
  'POST /api/v1/transfers': async () => ({
    method: 'POST',
    path: '/api/v1/transfers',
    body: {
      kind: 'reallocation',
      fromLine: LINE,
      toLine: '2024.DA7.TDA2.central.2024.LDTBXH',
      amount: '1000',
      decision: '101/QĐ-UBND',
      effectiveDate: '2024-06-01',
    },
  }),
  'POST /api/v1/transfers/{id}/approve': async (s) => ({
    method: 'POST',
    path: `/api/v1/transfers/${await s.transfer()}/approve`,
    body: {},
  }),
  'POST /api/v1/transfers/{id}/reject': async (s) => ({
    method: 'POST',
    path: `/api/v1/transfers/${await s.transfer()}/reject`,
    body: { reason: 'Không phù hợp' },
  }),
  'POST /api/v1/allocations': async () => ({
    method: 'POST',
    path: '/api/v1/allocations',
    body: {
      fiscalYear: 2024,
      programPart: 'DA7.TDA1',
      fundSource: 'central',
      sourceYear: 2024,
      unit: 'LDTBXH',
      amount: '1000',
      decision: '30/QĐ-UBND',
      effectiveDate: '2024-03-25',
    },
  }),
  'POST /api/v1/budget-lines/{id}/retentions': async (s) => ({
    method: 'POST',
    path: `/api/v1/budget-lines/${CARRIED}/retentions`,
    body: {
      decision: { number: '15/QĐ-UBND', issuedOn: '2024-12-20', issuer: 'UBND huyện Ba Tơ' },
      expenditureIds: [await s.carriedApproved()],
      until: '2025-03-31',
      effectiveDate: '2024-12-20',
    },
  }),
  'POST /api/v1/budget-lines/{id}/returns': async () => ({
    method: 'POST',
    path: `/api/v1/budget-lines/${LINE}/returns`,
    body: {
      amount: '1',
      source: 'unspent',
      toLevel: 'central',
      decision: { number: '40/QĐ-UBND', issuedOn: '2025-01-20', issuer: 'UBND huyện Ba Tơ' },
      reason: 'Hoàn trả kinh phí không sử dụng hết',
      effectiveDate: '2025-01-20',
    },
  }),
  'POST /api/v1/budget-lines/{id}/cancellations': async (_s) => ({
    method: 'POST',
    path: `/api/v1/budget-lines/${LINE}/cancellations`,
    body: {
      amount: '1',
      // A registered decision of the committee: the register is checked after the role.
      decision: '30/QĐ-UBND',
      reason: 'Hủy dự toán không sử dụng hết',
      effectiveDate: '2024-06-01',
    },
  }),
  'POST /api/v1/fiscal-years/{y}/close': async (s) => {
    const year = s.year('close');
    return {
      method: 'POST',
      path: `/api/v1/fiscal-years/${year}/close`,
      body: { effectiveDate: Scene.closingDate(year) },
    };
  },
  // A year of its own each time: a year's lead periods may not overlap.
  'POST /api/v1/fiscal-years/{y}/lead-agency': async (s) => {
    const year = 2040 + s.next();
    return {
      method: 'POST',
      path: `/api/v1/fiscal-years/${year}/lead-agency`,
      body: {
        unit: 'LDTBXH',
        validFrom: `${year}-01-01`,
        decision: { number: '54/KH-UBND', issuedOn: '2024-03-19' },
      },
    };
  },
  'POST /api/v1/joint-trips': async (s) => ({
    method: 'POST',
    path: '/api/v1/joint-trips',
    body: {
      tripId: `KT-${s.next()}`,
      team: 'Đoàn kiểm tra, giám sát',
      leadUnit: 'LDTBXH',
      members: [{ personId: 'nguyen-van-a', name: 'Nguyễn Văn A', unit: 'LDTBXH' }],
      from: '2024-05-13',
      to: '2024-05-15',
      travelOrder: { number: '15/QĐ-LĐTBXH', issuedOn: '2024-05-10' },
    },
  }),
  'POST /api/v1/fiscal-years/{y}/close/approve': async (s) => ({
    method: 'POST',
    path: `/api/v1/fiscal-years/${await s.closeProposed()}/close/approve`,
    body: {},
  }),
  'POST /api/v1/carry-over-extensions': async (s) => ({
    method: 'POST',
    path: '/api/v1/carry-over-extensions',
    body: {
      lines: [await s.carriedLine()],
      decision: '111/2024/QH15',
      decisionIssuedOn: '2024-01-18',
      deadline: `${2030 + s.next()}-12-31`,
      effectiveDate: '2024-06-01',
    },
  }),
  'POST /api/v1/units': async (s) => ({
    method: 'POST',
    path: '/api/v1/units',
    body: { code: `XA_${s.next()}`, name: 'UBND xã', kind: 'commune', validFrom: '2024-01-01' },
  }),
  'POST /api/v1/documents': async (s) => ({
    method: 'POST',
    path: '/api/v1/documents',
    body: {
      number: `${s.next()}/QĐ-UBND`,
      type: 'QĐ',
      issuer: 'UBND huyện Ba Tơ',
      issuedOn: '2024-03-01',
      title: 'Quyết định',
    },
  }),
  'POST /api/v1/plans': async (s) => ({
    method: 'POST',
    path: '/api/v1/plans',
    body: s.planBody(s.year('draft')),
  }),
  'POST /api/v1/plans/{y}/{unit}/submit': async (s) => ({
    method: 'POST',
    path: `/api/v1/plans/${await s.plan('draft')}/LDTBXH/submit`,
    body: { effectiveDate: '2024-03-05' },
  }),
  'POST /api/v1/plans/{y}/{unit}/approve': async (s) => ({
    method: 'POST',
    path: `/api/v1/plans/${await s.plan('submitted')}/LDTBXH/approve`,
    body: { effectiveDate: '2024-03-10', number: `${s.next()}/KH-UBND`, issuedOn: '2024-03-10' },
  }),
  'POST /api/v1/plans/{y}/{unit}/reject': async (s) => ({
    method: 'POST',
    path: `/api/v1/plans/${await s.plan('submitted')}/LDTBXH/reject`,
    body: { effectiveDate: '2024-03-10', reason: 'Chưa phân khai' },
  }),
  'POST /api/v1/plans/{y}/{unit}/amend': async (s) => {
    const year = await s.plan('approved');
    const {
      fiscalYear: _y,
      leadUnit: _u,
      title: _t,
      legalBasis: _l,
      ...content
    } = s.planBody(year) as Record<string, unknown>;
    return {
      method: 'POST',
      path: `/api/v1/plans/${year}/LDTBXH/amend`,
      body: { ...content, amendingDecision: `${s.next()}/QĐ-UBND`, reason: 'Điều chỉnh' },
    };
  },
  'POST /api/v1/plans/{y}/{unit}/progress': async (s) => ({
    method: 'POST',
    path: `/api/v1/plans/${await s.plan('approved')}/LDTBXH/progress`,
    body: {
      effectiveDate: '2024-06-01',
      activityId: 'HD1',
      outputId: 'SP1',
      kind: 'count',
      delivered: 1,
    },
  }),
};

describe('the authorization table, walked route by route and role by role', () => {
  let api: ApiHarness;
  let scene: Scene;
  let routes: Route[];
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    api = await ApiHarness.start({ BUDGET_RATE_LIMIT_PER_MINUTE: '0' });
    tokens.admin = api.user('Quản trị', 'admin');
    tokens.officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    tokens.accountant = api.user('Kế toán LĐTBXH', 'accountant', {
      unit: 'LDTBXH',
      personId: 'p-accountant',
    });
    tokens.approver = api.user('Lữ Đình Tích', 'approver', {
      authority: BA_TO_AUTHORITY,
      personId: 'p-approver',
    });
    tokens.auditor = api.user('Kiểm toán viên', 'auditor');
    // The same roles, out of scope: another unit, a delegation over Project 6 only.
    // (Administrators and auditors are district-wide whatever unit their account names.)
    tokens['officer@TCKH'] = api.user('Cán bộ TCKH', 'officer', { unit: 'TCKH' });
    tokens['accountant@TCKH'] = api.user('Kế toán TCKH', 'accountant', { unit: 'TCKH' });
    const da6: Authority = { ...BA_TO_AUTHORITY, programParts: ['DA6'] };
    tokens['approver@DA6'] = api.user('Phó Chủ tịch (DA6)', 'approver', { authority: da6 });
    await api.registerReference(tokens.admin, ['LDTBXH', 'TCKH']);
    // The resolution the extension scenario cites: the register is checked after the role.
    await api.registerReference(tokens.admin, [], [NQ111]);
    for (const [part, unit] of [
      ['DA7.TDA1', 'LDTBXH'],
      ['DA7.TDA2', 'LDTBXH'],
      ['DA7.TDA1', 'TCKH'],
    ] as const) {
      await api
        .post('/api/v1/allocations', tokens.admin, {
          fiscalYear: 2024,
          programPart: part,
          fundSource: 'central',
          sourceYear: 2024,
          unit,
          amount: '100000000',
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
    }
    // LDTBXH's account signatories from 1/9/2024: before, its single approvals stand.
    const signatories = [
      SIGNATORY,
      {
        ...SIGNATORY,
        capacity: 'chief_accountant',
        standing: 'chief_accountant',
        personId: 'p-accountant',
        name: 'Kế toán LĐTBXH',
        title: 'Kế toán trưởng',
      },
    ];
    for (const body of signatories)
      await api.post('/api/v1/units/LDTBXH/signatories', tokens.admin, body).expect(201);
    scene = new Scene(api, tokens);
    await scene.plan('approved').then(async () => {
      // The plan the plan read is aimed at.
      await api.post('/api/v1/plans', tokens.officer ?? '', scene.planBody(2024)).expect(201);
    });
    routes = routesOf(api);
  });

  afterAll(async () => {
    await api.stop();
  });

  const send = (request: Awaited<ReturnType<Scenario>>, token: string) =>
    request.method === 'GET'
      ? api.get(request.path, token)
      : api.post(request.path, token, request.body ?? {});

  it('finds a policy (or @Public) on every route, and the route among its policy’s doors', () => {
    const api_ = routes.filter((r) => r.door.includes(' /api/'));
    expect(api_.length).toBeGreaterThanOrEqual(Object.keys(SCENARIOS).length);
    for (const route of routes) {
      if (route.isPublic) continue;
      expect([route.door, route.policy?.name ?? 'NO POLICY']).toEqual([
        route.door,
        expect.any(String),
      ]);
      expect([route.door, route.policy?.doors]).toEqual([
        route.door,
        expect.arrayContaining([route.door]),
      ]);
      expect(ALL_POLICIES).toContain(route.policy);
    }
  });

  it('has a request in the success state for every route of the API', () => {
    const doors = routes
      .filter((r) => !r.isPublic)
      .map((r) => r.door)
      .sort();
    expect(doors).toEqual(Object.keys(SCENARIOS).sort());
  });

  it('gives every role what the table says, on every route', async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      const policy = route.policy as Policy;
      const scenario = SCENARIOS[route.door];
      if (!scenario) continue;
      for (const role of ROLES) {
        const res = await send(await scenario(scene), tokens[role] ?? '');
        const allowed = policy.roles.includes(role);
        const right = allowed
          ? res.status < 300
          : res.status === 403 && res.body.code === 'AUTH.ROLE_FORBIDDEN';
        if (!right)
          wrong.push(
            `${route.door} as ${role}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
          );
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps each allowed role within its scope: its unit, its delegation, district-wide', async () => {
    const wrong: string[] = [];
    const outsiders: Record<Policy['scope'], readonly string[]> = {
      'own-unit': ['officer@TCKH', 'accountant@TCKH'],
      delegation: ['approver@DA6'],
      signatory: ['accountant@TCKH', 'approver@DA6'],
      district: [],
      any: [],
    };
    for (const route of routes.filter((r) => !r.isPublic)) {
      const policy = route.policy as Policy;
      const scenario = SCENARIOS[route.door];
      if (!scenario) continue;
      for (const outsider of outsiders[policy.scope]) {
        const role = outsider.split('@')[0] as Role;
        if (!policy.roles.includes(role)) continue;
        const request = await scenario(scene);
        const res = await send(request, tokens[outsider] ?? '');
        // A list read leaves the other unit's things out; everything else is refused.
        const listRead = request.method === 'GET' && res.status === 200;
        const leaks = listRead && JSON.stringify(res.body).includes('LDTBXH');
        const refused =
          res.status === 403 &&
          ['AUTH.UNIT_FORBIDDEN', 'AUTH.OUTSIDE_DELEGATION', 'SIGNATORY.NOT_REGISTERED'].includes(
            res.body.code as string,
          );
        if (!(refused || (listRead && !leaks))) {
          wrong.push(
            `${route.door} as ${outsider}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
          );
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
