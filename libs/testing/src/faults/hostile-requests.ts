import type { SeededRandom } from '../history/seeded-random';

/**
 * Generates requests that must all be refused with a 4xx, for the hostile-input suite.
 *
 * Every request carries at least one *definite* defect — something the contract says is
 * refused whatever else the request holds (an unknown field, a malformed amount or date,
 * a missing token, a body that is not JSON…) — and possibly *decorations* that a lenient
 * server might accept on their own (odd Unicode and injection strings in free text,
 * prototype keys). So any 2xx is a bug, and the log must not move.
 */

export type Role = 'officer' | 'accountant' | 'approver' | 'auditor' | 'admin';

export interface HostileContext {
  readonly tokens: Readonly<Record<Role | 'otherUnitOfficer', string>>;
  readonly line: string;
  readonly otherLine: string;
  readonly expenditureId: string;
  readonly transferId: string;
}

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
  /** Path variants that are refused whatever the body. */
  readonly badPaths?: readonly string[];
  /** Valid query (GET) and how to spoil it. */
  readonly query?: Readonly<Record<string, FieldKind>>;
  /** An id in the path that, when absent, makes any body harmless (404). */
  readonly idInPath?: 'expenditure' | 'transfer';
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
  fiscalYear: 2024,
  leadUnit: 'LDTBXH',
  title: 'Kế hoạch thực hiện',
  legalBasis: ['30/QĐ-UBND'],
  fundingDecisions: ['30/QĐ-UBND'],
  parts: [{ code: 'DA7.TDA1', name: 'Truyền thông', budgetAmount: '1000000' }],
  activities: [],
  effectiveDate: '2024-03-01',
});

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
  },
  {
    name: 'approve expenditure',
    method: 'POST',
    path: (c) => `/api/v1/expenditures/${c.expenditureId}/approve`,
    roles: ['approver'],
    body: () => ({}),
    fields: { effectiveDate: 'date', legalBasis: 'documents' },
    badPaths: ['/api/v1/expenditures/not-a-uuid/approve', '/api/v1/expenditures/%E0%A4%A/approve'],
    idInPath: 'expenditure',
  },
  {
    name: 'reject expenditure',
    method: 'POST',
    path: (c) => `/api/v1/expenditures/${c.expenditureId}/reject`,
    roles: ['approver'],
    body: () => ({ reason: 'Thiếu hồ sơ' }),
    fields: { reason: 'text', effectiveDate: 'date' },
    required: ['reason'],
    idInPath: 'expenditure',
  },
  {
    name: 'disburse expenditure',
    method: 'POST',
    path: (c) => `/api/v1/expenditures/${c.expenditureId}/disburse`,
    roles: ['accountant'],
    body: () => ({ voucher: 'UNC-2024-0012', paidOn: '2024-05-20' }),
    fields: { voucher: 'text', paidOn: 'date' },
    required: ['voucher', 'paidOn'],
    idInPath: 'expenditure',
  },
  {
    name: 'reverse expenditure',
    method: 'POST',
    path: (c) => `/api/v1/expenditures/${c.expenditureId}/reverse`,
    roles: ['accountant'],
    body: () => ({ reason: 'Kho bạc từ chối' }),
    fields: { reason: 'text', effectiveDate: 'date' },
    required: ['reason'],
    idInPath: 'expenditure',
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
  },
  {
    name: 'approve transfer',
    method: 'POST',
    path: (c) => `/api/v1/transfers/${c.transferId}/approve`,
    roles: ['approver'],
    body: () => ({}),
    fields: { effectiveDate: 'date' },
    badPaths: ['/api/v1/transfers/123/approve'],
    idInPath: 'transfer',
  },
  {
    name: 'reject transfer',
    method: 'POST',
    path: (c) => `/api/v1/transfers/${c.transferId}/reject`,
    roles: ['approver'],
    body: () => ({ reason: 'Không phù hợp' }),
    fields: { reason: 'text', effectiveDate: 'date' },
    required: ['reason'],
    idInPath: 'transfer',
  },
  {
    name: 'allocate funds',
    method: 'POST',
    path: () => '/api/v1/allocations',
    roles: ['admin', 'officer'],
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
  },
  {
    name: 'close fiscal year',
    method: 'POST',
    path: () => '/api/v1/fiscal-years/2024/close',
    roles: ['admin'],
    body: () => ({ effectiveDate: '2024-12-31' }),
    fields: { effectiveDate: 'date' },
    required: ['effectiveDate'],
    badPaths: ['/api/v1/fiscal-years/abc/close', '/api/v1/fiscal-years/2024.5/close'],
  },
  {
    name: 'register unit',
    method: 'POST',
    path: () => '/api/v1/units',
    roles: ['admin'],
    body: () => ({
      code: 'XA-BA-DIEN',
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
    roles: ['admin', 'officer'],
    body: () => ({
      number: '45/QĐ-UBND',
      type: 'QĐ',
      issuer: 'UBND huyện Ba Tơ',
      issuedOn: '2024-03-01',
      title: 'Quyết định giao dự toán',
    }),
    fields: { number: 'document', type: 'enum', issuer: 'text', issuedOn: 'date', title: 'text' },
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
  },
  {
    name: 'submit plan',
    method: 'POST',
    path: () => '/api/v1/plans/2024/LDTBXH/submit',
    roles: ['officer', 'admin'],
    body: () => ({ effectiveDate: '2024-03-05' }),
    fields: { effectiveDate: 'date' },
    required: ['effectiveDate'],
    badPaths: ['/api/v1/plans/twenty/LDTBXH/submit'],
  },
  {
    name: 'approve plan',
    method: 'POST',
    path: () => '/api/v1/plans/2024/LDTBXH/approve',
    roles: ['approver'],
    body: () => ({ effectiveDate: '2024-03-10', number: '12/KH-UBND', issuedOn: '2024-03-10' }),
    fields: { effectiveDate: 'date', number: 'document', issuedOn: 'date' },
    required: ['effectiveDate', 'number', 'issuedOn'],
  },
  {
    name: 'record progress',
    method: 'POST',
    path: () => '/api/v1/plans/2024/LDTBXH/progress',
    roles: ['officer'],
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
  },
  {
    name: 'rebuild projections',
    method: 'POST',
    path: () => '/api/v1/admin/projections/rebuild',
    roles: ['admin'],
    body: () => ({}),
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
    badPaths: ['/api/v1/budget-lines/..%2F..%2Fetc%2Fpasswd/history'],
  },
  {
    name: 'disbursement report',
    method: 'GET',
    path: () => '/api/v1/reports/disbursement',
    roles: ['officer', 'accountant', 'approver', 'auditor', 'admin'],
    query: { fiscalYear: 'int', format: 'enum', asOf: 'date' },
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
  text: ['', 5, null, true, [], {}, { $ne: null }, ['x'], 'x'.repeat(5000)],
  code: ['', 'X'.repeat(200), 'UNIT WITH SPACE', 5, null, [], {}, 'ĐƠN-VỊ', 'A\u0000B', '../x'],
  bool: ['true', 1, 0, 'yes', null, [], {}],
};

/** Free-text decorations: harmless to a server that treats text as text, fatal to a naive one. */
const DECORATIONS = [
  '\u0000',
  '\ud800',
  '\udfff',
  '\u202e‮عربي',
  '\u200d\u200c\ufeff',
  'Z\u0351\u0352\u0353\u0354',
  "' OR 1=1; DROP TABLE events;--",
  '{"$where": "sleep(1000)"}',
  '${{7*7}}',
  '<img src=x onerror=alert(1)>',
  '\r\nSet-Cookie: x=1',
  '%00%2e%2e%2f',
  '😀'.repeat(50),
  'A'.repeat(1000),
  '\\u0000',
  '\u2028\u2029',
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
  let path = route.path(c);
  const body: Record<string, unknown> | null = route.body ? clone(route.body(c)) : null;
  let raw: Buffer | null = null;
  let contentType = 'application/json';
  let idempotencyKey: string | null = `hostile-${index}-${random.int(0, 1e9)}`;
  let method: string = route.method;
  // A route whose body may be empty acts on an id that does not exist: whatever slips
  // through validation still lands on a 404, never on the ledger.
  if (route.idInPath && !route.required && route.body) {
    const ghost = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    path = path.replace(route.idInPath === 'expenditure' ? c.expenditureId : c.transferId, ghost);
  }

  const fields = Object.entries(route.fields ?? route.query ?? {});
  const defects: string[] = [];
  const choices: (() => void)[] = [];
  /** Fields that carry the defect: decorations leave them alone. */
  const spoiled = new Set<string>();

  // Auth and header defects apply to every route.
  choices.push(() => {
    delete headers.authorization;
    token = '';
    defects.push('no token');
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
    defects.push('bad token');
  });
  const forbidden = (['officer', 'accountant', 'approver', 'auditor', 'admin'] as const).filter(
    (r) => !route.roles.includes(r),
  );
  if (forbidden.length > 0) {
    choices.push(() => {
      token = c.tokens[random.pick(forbidden)];
      defects.push('wrong role');
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
      defects.push('unknown route');
    });
  }
  for (const bad of route.badPaths ?? []) {
    choices.push(() => {
      path = bad;
      defects.push(`bad path ${bad}`);
    });
  }

  if (route.method === 'POST' && body !== null) {
    const b = body;
    choices.push(() => {
      method = random.pick(['PUT', 'PATCH', 'DELETE']);
      defects.push(`method ${method}`);
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
      defects.push(`bad Idempotency-Key ${JSON.stringify(idempotencyKey)}`);
    });
    for (const [field, kind] of fields) {
      choices.push(() => {
        // null on an optional field means "absent" (@IsOptional), and '' is fine for
        // optional text: neither is a defect there.
        const required = (route.required ?? []).includes(field);
        b[field] = random.pick(BAD[kind].filter((v) => required || (v !== null && v !== '')));
        spoiled.add(field);
        defects.push(`${field} = ${JSON.stringify(b[field])?.slice(0, 60)}`);
      });
    }
    choices.push(() => {
      const name = random.pick(UNKNOWN_FIELDS);
      b[name] = random.pick([true, 'x', 1, null, { admin: true }, []]);
      defects.push(`unknown field ${name}`);
    });
    if ((route.required ?? []).length > 0) {
      choices.push(() => {
        const field = random.pick(route.required ?? []);
        delete b[field];
        defects.push(`missing ${field}`);
      });
      choices.push(() => {
        raw = Buffer.from(random.pick(['[]', '[{}]', '"x"', '42', 'null', 'true', '""']));
        defects.push(`body ${raw.toString()}`);
      });
    }
    choices.push(() => {
      const text = JSON.stringify(b);
      let spoiled = random.pick([
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
      if (parses(spoiled)) spoiled = `${text}}`;
      raw = Buffer.from(spoiled);
      defects.push('malformed JSON');
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
      defects.push(`content type ${contentType}`);
    });
    choices.push(() => {
      b.note = 'x'.repeat(random.int(66_000, 300_000));
      defects.push('oversized body');
    });
    choices.push(() => {
      const depth = random.int(1000, 20_000);
      raw = Buffer.from(
        random.chance(0.5)
          ? JSON.stringify(b).replace(/^\{/, `{"deep":${nested(depth, random)},`)
          : nested(depth, random),
      );
      defects.push(`nested ${depth} deep`);
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
        defects.push(`invalid UTF-8 in ${field}`);
      });
    }
    if (route.name === 'propose expenditure') {
      choices.push(() => {
        token = c.tokens.otherUnitOfficer;
        defects.push('officer of another unit');
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
            ? ['abc', '1999', '2101', '2024.5', '-1', '１２', '']
            : kind === 'enum'
              ? ['pdf', 'JSON', 'csv\u0000', '../x']
              : field === 'knownAt'
                ? ['yesterday', '2024-13-01T00:00:00Z', '2024-03-19T25:00:00Z', '19/03/2024']
                : ['2024-02-30', '19/03/2024', '2024-3-1', 'now', '2024-03-19T00:00:00Z'],
        );
        query[field] = value;
        defects.push(`${field}=${value}`);
      });
    }
    if (fields.length > 0) {
      choices.push(() => {
        query[random.pick(['limit', '$where', 'where', 'sort'])] = random.pick([
          '1',
          'x',
          '{"$gt":""}',
        ]);
        defects.push('unknown query parameter');
      });
    }
    path = withQuery(path, query);
    // The query is built after the choice below runs: rebuild it then.
    const basePath = route.path(c);
    const pick = random.pick(choices);
    pick();
    if (!defects.some((d) => d.startsWith('unknown route') || d.startsWith('bad path'))) {
      path = withQuery(basePath, query);
    }
  } else {
    random.pick(choices)();
    // Decorations: odd Unicode and injection strings in free text, prototype keys.
    if (body !== null && random.chance(0.5)) {
      const text = fields.filter(([, kind]) => kind === 'text');
      for (const [field] of text) {
        if (typeof body[field] === 'string' && !spoiled.has(field) && random.chance(0.5)) {
          body[field] = `${String(body[field])}${random.pick(DECORATIONS)}`;
        }
      }
      if (random.chance(0.2)) {
        const rest = JSON.stringify(body).slice(1);
        raw ??= Buffer.from(
          `{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}${rest === '}' ? '' : ','}${rest}`,
        );
      }
    }
  }

  if (token) headers.authorization = `Bearer ${token}`;
  if (route.method === 'POST') {
    headers['content-type'] = contentType;
    if (idempotencyKey !== null) headers['idempotency-key'] = idempotencyKey;
  }
  const payload: Buffer | null =
    route.method === 'POST' ? (raw ?? Buffer.from(JSON.stringify(body ?? {}))) : null;
  return {
    index,
    route: route.name,
    defect: defects.join('; '),
    method,
    path,
    headers,
    body: payload,
  };
}
