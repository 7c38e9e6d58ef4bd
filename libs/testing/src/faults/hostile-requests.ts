import type { SeededRandom } from '../history/seeded-random';

/**
 * Generates requests that must all be refused, for the hostile-input suite, each with the
 * answer it must get.
 *
 * Every request carries at least one *definite* defect — something the contract says is
 * refused whatever else the request holds (an unknown field, a malformed amount or date,
 * a missing token, a body that is not JSON…) — and possibly *decorations*: text a lenient
 * server might store (odd Unicode and injection strings, which are fine as text) or must
 * refuse (control characters, bidirectional overrides, prototype keys). Every request is
 * aimed at a target in the state where the route would succeed — an approvable
 * expenditure, a requested transfer, a submitted plan — so a missing check shows as a 2xx
 * and a moved log, never hides behind a 404 or a 409.
 *
 * The answer expected is the one of the defect checked first, in the order the API checks
 * them (STAGES): 415 for the media type, 400 for a body that cannot be read (too large:
 * `HTTP.PAYLOAD_TOO_LARGE`, kept at 400 as the contract says), 404 for no route, 401 for a
 * token defect, 403 for the role, 400 for the Idempotency-Key and for validation, then the
 * domain's own answer (403 for another unit or outside a delegation, 400 for an amount no
 * line may hold, 422 for a rule).
 */

export type Role = 'officer' | 'accountant' | 'approver' | 'auditor' | 'admin';

export interface HostileContext {
  readonly tokens: Readonly<
    Record<Role | 'otherUnitOfficer' | 'otherUnitAccountant' | 'expiredApprover', string>
  >;
  readonly line: string;
  readonly otherLine: string;
  /** Proposed: approvable and rejectable. */
  readonly expenditureId: string;
  /** Approved: disbursable and reversible. */
  readonly approvedExpenditureId: string;
  /** Requested: approvable and rejectable. */
  readonly transferId: string;
}

/** The order the API checks a request in; the first defect met decides the answer. */
const STAGES = ['media', 'body', 'route', 'auth', 'role', 'key', 'validation', 'domain'] as const;
type Stage = (typeof STAGES)[number];

interface Defect {
  readonly text: string;
  readonly stage: Stage;
  /** The statuses that are right for it (one, except where the server may say either). */
  readonly statuses: readonly number[];
}

const defect = (text: string, stage: Stage, ...statuses: number[]): Defect => ({
  text,
  stage,
  statuses,
});

type FieldKind =
  'money' | 'date' | 'document' | 'documents' | 'line' | 'enum' | 'int' | 'text' | 'code' | 'bool';

interface RouteSpec {
  readonly name: string;
  readonly method: 'GET' | 'POST';
  readonly path: (c: HostileContext) => string;
  readonly roles: readonly Role[];
  /** A valid body (POST): defects are applied to a copy. */
  readonly body?: (c: HostileContext) => Record<string, unknown>;
  readonly fields?: Readonly<Record<string, FieldKind>>;
  readonly required?: readonly string[];
  /** Path variants that are refused whatever the body, with the statuses they get. */
  readonly badPaths?: readonly (readonly [path: string, statuses: readonly number[]])[];
  /** Valid query (GET) and how to spoil it. */
  readonly query?: Readonly<Record<string, FieldKind>>;
  /** Bodies a valid caller may send that the domain refuses, with its answer. */
  readonly refusedByDomain?: readonly DomainCase[];
  /** Who, of another unit or out of delegation, the domain must refuse (403). */
  readonly outsider?: 'otherUnitOfficer' | 'otherUnitAccountant' | 'expiredApprover';
}

interface DomainCase {
  readonly text: string;
  readonly patch: Readonly<Record<string, unknown>>;
  readonly status: number;
}

const propose = (c: HostileContext): Record<string, unknown> => ({
  budgetLineId: c.line,
  amount: '1000',
  category: 'training',
  description: 'Tập huấn nâng cao năng lực',
  payee: 'Trung tâm Chính trị huyện',
  effectiveDate: '2024-05-10',
});

const plan = (): Record<string, unknown> => ({
  fiscalYear: 2027,
  leadUnit: 'LDTBXH',
  title: 'Kế hoạch thực hiện',
  legalBasis: ['30/QĐ-UBND'],
  fundingDecisions: ['30/QĐ-UBND'],
  parts: [{ code: 'DA7.TDA1', name: 'Truyền thông', budgetAmount: '1000000' }],
  activities: [],
  effectiveDate: '2024-03-01',
});

const DAY_BEFORE = { text: 'dated before what it decides on', status: 422 };

const ROUTES: readonly RouteSpec[] = [
  {
    name: 'propose expenditure',
    method: 'POST',
    path: () => '/api/v1/expenditures',
    roles: ['officer', 'accountant'],
    body: propose,
    fields: {
      budgetLineId: 'line',
      amount: 'money',
      category: 'enum',
      description: 'text',
      payee: 'text',
      effectiveDate: 'date',
      personDays: 'int',
      jointTeam: 'bool',
    },
    required: ['budgetLineId', 'amount', 'category', 'description', 'payee', 'effectiveDate'],
    outsider: 'otherUnitOfficer',
    refusedByDomain: [
      { text: 'an amount no line may hold', patch: { amount: '999999999999999999' }, status: 400 },
      {
        text: 'a date outside the fiscal year',
        patch: { effectiveDate: '2026-03-01' },
        status: 422,
      },
    ],
  },
  {
    name: 'approve expenditure',
    method: 'POST',
    path: (c) => `/api/v1/expenditures/${c.expenditureId}/approve`,
    roles: ['approver'],
    body: () => ({}),
    fields: { effectiveDate: 'date', legalBasis: 'documents' },
    badPaths: [
      ['/api/v1/expenditures/not-a-uuid/approve', [400]],
      ['/api/v1/expenditures/%E0%A4%A/approve', [400, 404]],
    ],
    outsider: 'expiredApprover',
    refusedByDomain: [{ ...DAY_BEFORE, patch: { effectiveDate: '2024-05-01' } }],
  },
  {
    name: 'reject expenditure',
    method: 'POST',
    path: (c) => `/api/v1/expenditures/${c.expenditureId}/reject`,
    roles: ['approver'],
    body: () => ({ reason: 'Thiếu hồ sơ' }),
    fields: { reason: 'text', effectiveDate: 'date' },
    required: ['reason'],
    outsider: 'expiredApprover',
    refusedByDomain: [{ ...DAY_BEFORE, patch: { effectiveDate: '2024-05-01' } }],
  },
  {
    name: 'disburse expenditure',
    method: 'POST',
    path: (c) => `/api/v1/expenditures/${c.approvedExpenditureId}/disburse`,
    roles: ['accountant'],
    body: () => ({ voucher: 'UNC-2024-0012', paidOn: '2024-05-20' }),
    fields: { voucher: 'text', paidOn: 'date' },
    required: ['voucher', 'paidOn'],
    outsider: 'otherUnitAccountant',
    refusedByDomain: [
      { text: 'paid after the adjustment period', patch: { paidOn: '2025-03-01' }, status: 422 },
    ],
  },
  {
    name: 'reverse expenditure',
    method: 'POST',
    path: (c) => `/api/v1/expenditures/${c.approvedExpenditureId}/reverse`,
    roles: ['accountant'],
    body: () => ({ reason: 'Kho bạc từ chối' }),
    fields: { reason: 'text', effectiveDate: 'date' },
    required: ['reason'],
    outsider: 'otherUnitAccountant',
  },
  {
    name: 'request transfer',
    method: 'POST',
    path: () => '/api/v1/transfers',
    roles: ['officer'],
    body: (c) => ({
      kind: 'reallocation',
      fromLine: c.line,
      toLine: c.otherLine,
      amount: '1000',
      decision: '101/QĐ-UBND',
      effectiveDate: '2024-06-01',
    }),
    fields: {
      kind: 'enum',
      fromLine: 'line',
      toLine: 'line',
      amount: 'money',
      decision: 'document',
      effectiveDate: 'date',
      legalBasis: 'documents',
    },
    required: ['kind', 'toLine', 'amount', 'decision', 'effectiveDate'],
    outsider: 'otherUnitOfficer',
    refusedByDomain: [
      { text: 'after 15/11', patch: { effectiveDate: '2024-11-20' }, status: 422 },
      {
        text: 'to a part of no program',
        patch: { toLine: '2024.DA99.central.2024.LDTBXH' },
        status: 400,
      },
    ],
  },
  {
    name: 'approve transfer',
    method: 'POST',
    path: (c) => `/api/v1/transfers/${c.transferId}/approve`,
    roles: ['approver'],
    body: () => ({}),
    fields: { effectiveDate: 'date' },
    badPaths: [['/api/v1/transfers/123/approve', [400]]],
    outsider: 'expiredApprover',
    refusedByDomain: [{ ...DAY_BEFORE, patch: { effectiveDate: '2024-05-01' } }],
  },
  {
    name: 'reject transfer',
    method: 'POST',
    path: (c) => `/api/v1/transfers/${c.transferId}/reject`,
    roles: ['approver'],
    body: () => ({ reason: 'Không phù hợp' }),
    fields: { reason: 'text', effectiveDate: 'date' },
    required: ['reason'],
    outsider: 'expiredApprover',
    refusedByDomain: [{ ...DAY_BEFORE, patch: { effectiveDate: '2024-05-01' } }],
  },
  {
    name: 'allocate funds',
    method: 'POST',
    path: () => '/api/v1/allocations',
    roles: ['admin'],
    body: () => ({
      fiscalYear: 2024,
      programPart: 'DA7.TDA1',
      fundSource: 'central',
      sourceYear: 2024,
      unit: 'LDTBXH',
      amount: '1000',
      decision: '30/QĐ-UBND',
      effectiveDate: '2024-03-25',
    }),
    fields: {
      fiscalYear: 'int',
      programPart: 'code',
      fundSource: 'enum',
      sourceYear: 'int',
      unit: 'code',
      amount: 'money',
      decision: 'document',
      effectiveDate: 'date',
      legalBasis: 'documents',
    },
    required: [
      'fiscalYear',
      'programPart',
      'fundSource',
      'sourceYear',
      'unit',
      'amount',
      'decision',
      'effectiveDate',
    ],
    refusedByDomain: [
      { text: '19-digit money', patch: { amount: '999999999999999999' }, status: 400 },
      { text: 'a decision registered nowhere', patch: { decision: '4242/QĐ-UBND' }, status: 422 },
      { text: 'a unit registered nowhere', patch: { unit: 'NOUNIT' }, status: 422 },
      { text: 'a part of no program', patch: { programPart: 'DA99' }, status: 400 },
      { text: 'before its decision', patch: { effectiveDate: '2024-03-01' }, status: 422 },
    ],
  },
  {
    name: 'close fiscal year',
    method: 'POST',
    path: () => '/api/v1/fiscal-years/2024/close',
    roles: ['admin'],
    body: () => ({ effectiveDate: '2024-12-31' }),
    fields: { effectiveDate: 'date' },
    required: ['effectiveDate'],
    badPaths: [
      ['/api/v1/fiscal-years/abc/close', [400]],
      ['/api/v1/fiscal-years/2024.5/close', [400]],
      ['/api/v1/fiscal-years/1e3/close', [400]],
      ['/api/v1/fiscal-years/1000/close', [400]],
    ],
  },
  {
    name: 'register unit',
    method: 'POST',
    path: () => '/api/v1/units',
    roles: ['admin'],
    body: () => ({
      code: 'XA_BA_DIEN',
      name: 'UBND xã Ba Điền',
      kind: 'commune',
      validFrom: '2024-01-01',
    }),
    fields: { code: 'code', name: 'text', kind: 'enum', validFrom: 'date', validTo: 'date' },
    required: ['code', 'name', 'kind', 'validFrom'],
  },
  {
    name: 'register document',
    method: 'POST',
    path: () => '/api/v1/documents',
    roles: ['admin'],
    body: () => ({
      number: '45/QĐ-UBND',
      type: 'QĐ',
      issuer: 'UBND huyện Ba Tơ',
      issuedOn: '2024-03-01',
      title: 'Quyết định giao dự toán',
    }),
    fields: {
      number: 'document',
      type: 'enum',
      issuer: 'text',
      issuedOn: 'date',
      title: 'text',
      amount: 'money',
    },
    required: ['number', 'type', 'issuer', 'issuedOn', 'title'],
  },
  {
    name: 'draft plan',
    method: 'POST',
    path: () => '/api/v1/plans',
    roles: ['officer', 'admin'],
    body: plan,
    fields: {
      fiscalYear: 'int',
      leadUnit: 'code',
      title: 'text',
      legalBasis: 'documents',
      fundingDecisions: 'documents',
      effectiveDate: 'date',
    },
    required: ['fiscalYear', 'leadUnit', 'title', 'legalBasis', 'fundingDecisions', 'parts'],
    outsider: 'otherUnitOfficer',
  },
  {
    name: 'submit plan',
    method: 'POST',
    path: () => '/api/v1/plans/2026/LDTBXH/submit',
    roles: ['officer', 'admin'],
    body: () => ({ effectiveDate: '2024-03-05' }),
    fields: { effectiveDate: 'date' },
    required: ['effectiveDate'],
    badPaths: [
      ['/api/v1/plans/twenty/LDTBXH/submit', [400]],
      ['/api/v1/plans/2026/ldtbxh/submit', [400]],
    ],
    outsider: 'otherUnitOfficer',
  },
  {
    name: 'approve plan',
    method: 'POST',
    path: () => '/api/v1/plans/2025/LDTBXH/approve',
    roles: ['approver'],
    body: () => ({ effectiveDate: '2024-03-10', number: '12/KH-UBND', issuedOn: '2024-03-10' }),
    fields: { effectiveDate: 'date', number: 'document', issuedOn: 'date' },
    required: ['effectiveDate', 'number', 'issuedOn'],
    outsider: 'expiredApprover',
    refusedByDomain: [{ ...DAY_BEFORE, patch: { effectiveDate: '2024-03-01' } }],
  },
  {
    name: 'reject plan',
    method: 'POST',
    path: () => '/api/v1/plans/2025/LDTBXH/reject',
    roles: ['approver'],
    body: () => ({ effectiveDate: '2024-03-10', reason: 'Chưa phân khai kinh phí' }),
    fields: { effectiveDate: 'date', reason: 'text' },
    required: ['effectiveDate', 'reason'],
    outsider: 'expiredApprover',
    refusedByDomain: [{ ...DAY_BEFORE, patch: { effectiveDate: '2024-03-01' } }],
  },
  {
    name: 'record progress',
    method: 'POST',
    path: () => '/api/v1/plans/2024/LDTBXH/progress',
    roles: ['officer', 'admin'],
    body: () => ({
      effectiveDate: '2024-06-01',
      activityId: 'HD1',
      outputId: 'SP1',
      kind: 'count',
      delivered: 1,
    }),
    fields: {
      effectiveDate: 'date',
      activityId: 'code',
      outputId: 'code',
      kind: 'enum',
      delivered: 'int',
    },
    required: ['effectiveDate', 'activityId', 'outputId', 'kind'],
    outsider: 'otherUnitOfficer',
  },
  {
    name: 'rebuild projections',
    method: 'POST',
    path: () => '/api/v1/admin/projections/rebuild',
    roles: ['admin'],
    body: () => ({ projection: 'approvals' }),
    fields: { projection: 'enum' },
  },
  {
    name: 'write checkpoint',
    method: 'POST',
    path: () => '/api/v1/audit/checkpoints',
    roles: ['admin'],
    body: () => ({}),
    fields: {},
  },
  {
    name: 'balances',
    method: 'GET',
    path: () => '/api/v1/budget-lines',
    roles: ['officer', 'accountant', 'approver', 'auditor', 'admin'],
    query: { fiscalYear: 'int', asOf: 'date', knownAt: 'date', format: 'enum' },
  },
  {
    name: 'line history',
    method: 'GET',
    path: (c) => `/api/v1/budget-lines/${c.line}/history`,
    roles: ['officer', 'accountant', 'approver', 'auditor', 'admin'],
    query: { asOf: 'date', knownAt: 'date', format: 'enum' },
    badPaths: [['/api/v1/budget-lines/..%2F..%2Fetc%2Fpasswd/history', [400]]],
    outsider: 'otherUnitOfficer',
  },
  {
    name: 'disbursement report',
    method: 'GET',
    path: () => '/api/v1/reports/disbursement',
    roles: ['officer', 'accountant', 'approver', 'auditor', 'admin'],
    query: { fiscalYear: 'int', format: 'enum', asOf: 'date' },
  },
  {
    name: 'plan',
    method: 'GET',
    path: () => '/api/v1/plans/2024/LDTBXH',
    roles: ['officer', 'accountant', 'approver', 'auditor', 'admin'],
    query: {},
    badPaths: [['/api/v1/plans/1e3/LDTBXH', [400]]],
    outsider: 'otherUnitOfficer',
  },
  {
    name: 'audit verify',
    method: 'GET',
    path: () => '/api/v1/audit/verify',
    roles: ['auditor', 'admin'],
    query: {},
  },
];

/** Values a field of that kind must refuse (the contract's rules, and then some). */
const BAD: Readonly<Record<FieldKind, readonly unknown[]>> = {
  money: [
    '-5',
    '1.5',
    '1e9',
    '007',
    ' 5',
    '5 ',
    '',
    5,
    1.5,
    -1,
    null,
    true,
    [],
    {},
    '1000000000000000000',
    '99999999999999999999999999999999',
    '0x10',
    'NaN',
    'Infinity',
    '١٢٣',
    '１２３',
    '5\u0000',
    '\u202e5',
    '5\u200b',
    '1,000',
    '1.000.000',
    '+5',
    "5'; DROP TABLE events;--",
    { $gt: '' },
    ['5'],
    1e308,
    '\ud800',
  ],
  date: [
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-00-10',
    '2024-3-19',
    '24-03-19',
    '2024/03/19',
    '19/03/2024',
    '2024-03-19T00:00:00Z',
    '2024-03-19 ',
    '',
    20240319,
    null,
    true,
    [],
    {},
    '２０２４-03-19',
    '\u202e2024-03-19',
    '2024-03-19\u0000',
    '+002024-03-19',
    'yesterday',
    '0000-00-00',
    '0000-01-01',
    '1999-12-31',
    '9999-12-31',
    '9999-99-99',
    "2024-03-19' OR '1'='1",
    '\ud83d2024-03-19',
  ],
  document: [
    '',
    'QĐ-UBND',
    '30 /QĐ-UBND',
    '30/qđ-ubnd',
    '/QĐ-UBND',
    '30/',
    30,
    null,
    [],
    {},
    "30/QĐ-UBND'; DROP TABLE events;--",
    '30/QĐ-UBND\n',
    '30/QĐ-UBND\u0000',
    '\u202e30/QĐ-UBND',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '30/QĐ UBND',
  ],
  documents: [[30], [null], ['QĐ-UBND'], [{}], {}, 5, [['30/QĐ-UBND']], ['30/QĐ-UBND\u0000']],
  line: [
    '',
    'DROP',
    '2024.DA7.TDA1.federal.2024.LDTBXH',
    '2024.DA7.TDA1.central.2024.ldtbxh',
    '2024.DA7.TDA1.central.2024',
    5,
    null,
    [],
    {},
    '\u202e2024.DA7.TDA1.central.2024.LDTBXH',
    '2024.DA7.TDA1.central.2024.LDTBXH\u0000',
    "2024.DA7' OR 1=1--",
    '../../../../etc/passwd',
  ],
  enum: [
    'party',
    'TRAINING',
    'training\u0000',
    ' training',
    '',
    0,
    null,
    true,
    [],
    {},
    'constructor',
    '__proto__',
    'ĐÀO TẠO',
  ],
  int: ['abc', 1.5, -1, '2024x', true, null, [], {}, 'NaN', -0.5, '١٢', '12'],
  text: [
    '',
    5,
    null,
    true,
    [],
    {},
    { $ne: null },
    ['x'],
    'x'.repeat(5000),
    '   ',
    '\u200b\u200d\ufeff',
    'Tập huấn\u0000',
    '\u202eTập huấn',
    'Tập\ud800huấn',
    'Tập huấn\u2028',
    '\u0007\u001b[31m',
  ],
  code: ['', 'X'.repeat(200), 'UNIT WITH SPACE', 5, null, [], {}, 'ĐƠN-VỊ', 'A\u0000B', '../x'],
  bool: ['true', 1, 0, 'yes', null, [], {}],
};

/** Free text that is text: stored as typed, never interpreted (the server must accept it). */
const HARMLESS_DECORATIONS = [
  '\u200d\u200c\ufeff',
  'Z\u0351\u0352\u0353\u0354',
  "' OR 1=1; DROP TABLE events;--",
  '{"$where": "sleep(1000)"}',
  '${{7*7}}',
  '<img src=x onerror=alert(1)>',
  '\r\nSet-Cookie: x=1',
  '%00%2e%2e%2f',
  '😀'.repeat(20),
  'A'.repeat(50),
  '\\u0000',
];

/** Characters no text may hold: a request carrying one is refused (400). */
const REFUSED_DECORATIONS = ['\u0000', '\ud800', '\udfff', '\u202e‮عربي', '\u2028\u2029'];

/** Authorization headers that carry a valid token and are still no bearer credential. */
const HEADER_VARIANTS = (token: string): string[] => [
  `Basic ${token}`,
  `Token ${token}`,
  `Bearer ${token} ${token}`,
  `Bearer:${token}`,
  `Bearer`,
  `${token}`,
];

const UNKNOWN_FIELDS = [
  'approvedBy',
  'isAdmin',
  'role',
  'position',
  'hash',
  'actor',
  'status',
  'committed',
  '$set',
  'extra',
];

export interface HostileRequest {
  readonly index: number;
  readonly route: string;
  readonly defect: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: Buffer | null;
  /** The statuses a right answer may have: those of the defect the API meets first. */
  readonly expected: readonly number[];
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** A body nested `depth` levels deep, built without recursion. */
function nested(depth: number, random: SeededRandom): string {
  const array = random.chance(0.5);
  return (
    (array ? '['.repeat(depth) : '{"a":'.repeat(depth)) +
    '1' +
    (array ? ']'.repeat(depth) : '}'.repeat(depth))
  );
}

function withQuery(path: string, query: Record<string, unknown>): string {
  const parts = Object.entries(query).map(
    ([k, v]) =>
      `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`,
  );
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}

/** Upper-case spellings of an /api path: no route answers them (routing is case-sensitive). */
function upperCased(path: string, random: SeededRandom): string {
  const [base = '', query] = path.split('?');
  const spelled = random.pick([
    base.replace('/api/v1/', '/API/V1/'),
    base.replace('/api/', '/Api/'),
    base.toUpperCase(),
  ]);
  return query === undefined ? spelled : `${spelled}?${query}`;
}

/**
 * The `index`-th hostile request. Deterministic in (random's state, index): the suite
 * draws them in order from one seeded PRNG, so a seed replays the same sequence.
 */
export function hostileRequest(
  index: number,
  random: SeededRandom,
  c: HostileContext,
): HostileRequest {
  const route = random.pick(ROUTES);
  const headers: Record<string, string> = {};
  let token = c.tokens[random.pick(route.roles)];
  let authorization: string | null = null;
  let path = route.path(c);
  const body: Record<string, unknown> | null = route.body ? clone(route.body(c)) : null;
  let raw: Buffer | null = null;
  let contentType = 'application/json';
  let idempotencyKey: string | null = `hostile-${index}-${random.int(0, 1e9)}`;
  let method: string = route.method;

  const fields = Object.entries(route.fields ?? route.query ?? {});
  const defects: Defect[] = [];
  const choices: (() => void)[] = [];
  /** Fields that carry the defect: decorations leave them alone. */
  const spoiled = new Set<string>();

  // Auth and header defects apply to every route.
  choices.push(() => {
    token = '';
    defects.push(defect('no token', 'auth', 401));
  });
  choices.push(() => {
    token = random.pick([
      'bt_' + 'A'.repeat(43),
      'not-a-token',
      'bt_short',
      `${c.tokens.admin}x`,
      'Bearer bt_' + 'B'.repeat(43),
      "' OR 1=1--",
      '\u00e9\u00e8\u00ea',
    ]);
    defects.push(defect('bad token', 'auth', 401));
  });
  choices.push(() => {
    authorization = random.pick(HEADER_VARIANTS(token));
    defects.push(defect(`Authorization "${authorization.slice(0, 12)}…"`, 'auth', 401));
  });
  const forbidden = (['officer', 'accountant', 'approver', 'auditor', 'admin'] as const).filter(
    (r) => !route.roles.includes(r),
  );
  if (forbidden.length > 0) {
    choices.push(() => {
      token = c.tokens[random.pick(forbidden)];
      defects.push(defect('wrong role', 'role', 403));
    });
  }
  if (route.outsider) {
    const outsider = route.outsider;
    choices.push(() => {
      token = c.tokens[outsider];
      defects.push(defect(`by ${outsider}`, 'domain', 403));
    });
  }
  if (route.path(c).includes('/api/v1/')) {
    choices.push(() => {
      const segment = random.pick([
        'x',
        '..',
        '%2e%2e',
        'admin',
        '%00',
        encodeURIComponent('ưu-tiên'),
      ]);
      path = `${path.split('?')[0]}/${segment}`;
      defects.push(defect('unknown route', 'route', 404, 400));
    });
    choices.push(() => {
      path = upperCased(path, random);
      defects.push(defect(`upper-case path ${path.slice(0, 40)}`, 'route', 404));
    });
  }
  for (const [bad, statuses] of route.badPaths ?? []) {
    choices.push(() => {
      path = bad;
      defects.push(
        defect(`bad path ${bad}`, statuses.includes(404) ? 'route' : 'validation', ...statuses),
      );
    });
  }

  if (route.method === 'POST' && body !== null) {
    const b = body;
    choices.push(() => {
      method = random.pick(['PUT', 'PATCH', 'DELETE']);
      defects.push(defect(`method ${method}`, 'route', 404));
    });
    choices.push(() => {
      idempotencyKey = random.pick([
        null,
        '',
        'x'.repeat(201),
        'key with spaces',
        'khóa-é',
        'a/b',
        '<>',
      ]);
      defects.push(defect(`bad Idempotency-Key ${JSON.stringify(idempotencyKey)}`, 'key', 400));
    });
    for (const [field, kind] of fields) {
      choices.push(() => {
        // null on an optional field means "absent" (@IsOptional), and '' is fine for
        // optional text: neither is a defect there.
        const required = (route.required ?? []).includes(field);
        b[field] = random.pick(BAD[kind].filter((v) => required || (v !== null && v !== '')));
        spoiled.add(field);
        defects.push(
          defect(`${field} = ${JSON.stringify(b[field])?.slice(0, 60)}`, 'validation', 400),
        );
      });
    }
    for (const refused of route.refusedByDomain ?? []) {
      choices.push(() => {
        Object.assign(b, refused.patch);
        for (const field of Object.keys(refused.patch)) spoiled.add(field);
        defects.push(defect(refused.text, 'domain', refused.status));
      });
    }
    choices.push(() => {
      const name = random.pick(UNKNOWN_FIELDS);
      b[name] = random.pick([true, 'x', 1, null, { admin: true }, []]);
      defects.push(defect(`unknown field ${name}`, 'validation', 400));
    });
    if ((route.required ?? []).length > 0) {
      choices.push(() => {
        const field = random.pick(route.required ?? []);
        delete b[field];
        defects.push(defect(`missing ${field}`, 'validation', 400));
      });
      choices.push(() => {
        raw = Buffer.from(random.pick(['[]', '[{}]', '"x"', '42', 'null', 'true', '""']));
        defects.push(defect(`body ${raw.toString()}`, 'body', 400));
      });
    }
    choices.push(() => {
      const text = JSON.stringify(b);
      let broken = random.pick([
        text.slice(0, Math.max(1, text.length - 1)),
        `${text},`,
        text.replace(/"/g, "'"),
        `{${text}`,
        text.replace(':', '::'),
        '{"a":1,}',
        '{"amount": 01}',
        'NaN',
        '\u0000',
      ]);
      // Some spoilings leave a short body valid ({} stays {}): then spoil it for sure.
      if (parses(broken)) broken = `${text}}`;
      raw = Buffer.from(broken);
      defects.push(defect('malformed JSON', 'body', 400));
    });
    choices.push(() => {
      contentType = random.pick([
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
      ]);
      raw = Buffer.from(
        contentType.startsWith('application/x-www') ? 'amount=5&x=1' : JSON.stringify(b),
      );
      defects.push(defect(`content type ${contentType}`, 'media', 415));
    });
    choices.push(() => {
      b.note = 'x'.repeat(random.int(66_000, 300_000));
      defects.push(defect('oversized body', 'body', 400));
    });
    choices.push(() => {
      const depth = random.int(1000, 20_000);
      raw = Buffer.from(
        random.chance(0.5)
          ? JSON.stringify(b).replace(/^\{/, `{"deep":${nested(depth, random)},`)
          : nested(depth, random),
      );
      defects.push(defect(`nested ${depth} deep`, 'body', 400));
    });
    choices.push(() => {
      const rest = JSON.stringify(b).slice(1);
      const key = random.pick(['__proto__', 'constructor', 'prototype']);
      raw = Buffer.from(`{"${key}":{"admin":true}${rest === '}' ? '' : ','}${rest}`);
      defects.push(defect(`prototype key ${key}`, 'body', 400));
    });
    const constrained = fields.filter(([, kind]) => kind !== 'text' && kind !== 'bool');
    if (constrained.length > 0) {
      choices.push(() => {
        // Invalid UTF-8 inside a field that only takes ASCII-shaped values.
        const [field] = random.pick(constrained);
        spoiled.add(field);
        const marker = '__BYTES__';
        b[field] = marker;
        const text = JSON.stringify(b);
        const at = text.indexOf(marker);
        raw = Buffer.concat([
          Buffer.from(text.slice(0, at)),
          Buffer.from(
            random.pick([
              [0xff, 0xfe],
              [0xc3],
              [0xed, 0xa0, 0x80],
              [0xf4, 0x90, 0x80, 0x80],
              [0xc0, 0xaf],
            ]),
          ),
          Buffer.from(text.slice(at + marker.length)),
        ]);
        defects.push(defect(`invalid UTF-8 in ${field}`, 'validation', 400));
      });
    }
  }

  if (route.method === 'GET') {
    const query: Record<string, unknown> = {};
    if (route.name === 'disbursement report') query.fiscalYear = '2024';
    for (const [field, kind] of fields) {
      choices.push(() => {
        const value = random.pick(
          kind === 'int'
            ? ['abc', '1999', '2101', '2024.5', '-1', '１２', '', '1e3']
            : kind === 'enum'
              ? ['pdf', 'JSON', 'csv\u0000', '../x']
              : field === 'knownAt'
                ? ['yesterday', '2024-13-01T00:00:00Z', '2024-03-19T25:00:00Z', '19/03/2024']
                : [
                    '2024-02-30',
                    '19/03/2024',
                    '2024-3-1',
                    'now',
                    '2024-03-19T00:00:00Z',
                    '0000-01-01',
                  ],
        );
        query[field] = value;
        defects.push(defect(`${field}=${value}`, 'validation', 400));
      });
    }
    if (fields.length > 0) {
      choices.push(() => {
        query[random.pick(['limit', '$where', 'where', 'sort'])] = random.pick([
          '1',
          'x',
          '{"$gt":""}',
        ]);
        defects.push(defect('unknown query parameter', 'validation', 400));
      });
    }
    // The query is built after the choice below runs: rebuild it then.
    const basePath = route.path(c);
    random.pick(choices)();
    if (!defects.some((d) => d.stage === 'route' || d.text.startsWith('bad path'))) {
      path = withQuery(basePath, query);
    }
  } else {
    random.pick(choices)();
    decorate(random, fields, body, spoiled, defects, raw === null);
  }

  if (authorization !== null) headers.authorization = authorization;
  else if (token) headers.authorization = `Bearer ${token}`;
  if (route.method === 'POST') {
    headers['content-type'] = contentType;
    if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
  }
  const payload: Buffer | null =
    route.method === 'POST' ? (raw ?? Buffer.from(JSON.stringify(body ?? {}))) : null;
  return {
    index,
    route: route.name,
    defect: defects.map((d) => d.text).join('; '),
    method,
    path,
    headers,
    body: payload,
    expected: expectedOf(defects),
  };
}

/**
 * Odd text in the free-text fields the defect left alone: harmless text that must be kept
 * as text, or characters that must be refused (then one more defect, at validation).
 * Only on a body the generator still builds as JSON.
 */
function decorate(
  random: SeededRandom,
  fields: readonly [string, FieldKind][],
  body: Record<string, unknown> | null,
  spoiled: ReadonlySet<string>,
  defects: Defect[],
  asJson: boolean,
): void {
  if (body === null || !asJson || !random.chance(0.5)) return;
  for (const [field] of fields.filter(([, kind]) => kind === 'text')) {
    if (typeof body[field] !== 'string' || spoiled.has(field) || !random.chance(0.5)) continue;
    if (random.chance(0.3)) {
      body[field] = `${String(body[field])}${random.pick(REFUSED_DECORATIONS)}`;
      defects.push(defect(`control characters in ${field}`, 'validation', 400));
    } else {
      body[field] = `${String(body[field])}${random.pick(HARMLESS_DECORATIONS)}`;
    }
  }
}

/** The statuses of the defect met first (STAGES order). */
function expectedOf(defects: readonly Defect[]): readonly number[] {
  const first = [...defects].sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage))[0];
  if (!first) throw new Error('a hostile request without a defect');
  return first.statuses;
}
