import { Agent, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyLog } from '@app/event-store';
import { faultSeed, faultSize, randomFor, recordFigures, trial } from '@app/testing/faults';
import { hostileRequest, type HostileContext, type HostileRequest } from '@app/testing/faults';
import { ApiHarness, BA_TO_AUTHORITY } from '../support/api-harness';

const SEED = faultSeed(20240808);
const REQUESTS = faultSize('HOSTILE_REQUESTS', 600, 10_000);
const PARALLEL = 16;
const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const OTHER_LINE = '2024.DA7.TDA2.central.2024.LDTBXH';
const CODE = /^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)+$/;

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
}

function send(port: number, agent: Agent, r: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: r.method,
        path: r.path,
        agent,
        headers: { ...r.headers, ...(r.body ? { 'content-length': String(r.body.length) } : {}) },
      },
      (res) => {
        answered = true;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            text,
          }),
        );
        res.on('error', reject);
      },
    );
    // A server may answer (413, 401…) before reading a large body and close: that is fine.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(r.body ?? undefined);
  });
}

/** What is wrong with an answer to a hostile request, or null when it is the right refusal. */
function judge(answer: Answer, expected: readonly number[]): string | null {
  if (!expected.includes(answer.status)) {
    return `status ${answer.status}, expected ${expected.join(' or ')}`;
  }
  if (!/json/.test(answer.contentType)) return `content type ${answer.contentType}`;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return 'the answer is not JSON';
  }
  const code = (body as { code?: unknown }).code;
  if (typeof code !== 'string' || !CODE.test(code)) return `no code (${answer.text.slice(0, 120)})`;
  return null;
}

/**
 * The plans the plan routes aim at, each in the state its route succeeds from: 2024
 * approved (progress), 2025 submitted (approve, reject), 2026 drafted (submit).
 */
async function plans(api: ApiHarness, officer: string, approver: string): Promise<void> {
  const draft = (fiscalYear: number) => ({
    fiscalYear,
    leadUnit: 'LDTBXH',
    title: `Kế hoạch thực hiện năm ${fiscalYear}`,
    legalBasis: ['30/QĐ-UBND'],
    fundingDecisions: ['30/QĐ-UBND'],
    parts: [{ code: 'DA7.TDA1', name: 'Nâng cao năng lực', budgetAmount: '1000000' }],
    activities: [
      {
        id: 'HD1',
        programPart: 'DA7.TDA1',
        name: 'Tập huấn',
        category: 'training',
        outputs: [{ id: 'SP1', description: 'Lớp tập huấn', unit: 'lớp', target: 1000 }],
      },
    ],
    effectiveDate: '2024-03-01',
  });
  for (const year of [2024, 2025, 2026]) {
    await api.post('/api/v1/plans', officer, draft(year)).expect(201);
  }
  for (const year of [2024, 2025]) {
    await api
      .post(`/api/v1/plans/${year}/LDTBXH/submit`, officer, { effectiveDate: '2024-03-05' })
      .expect(200);
  }
  await api
    .post('/api/v1/plans/2024/LDTBXH/approve', approver, {
      effectiveDate: '2024-03-10',
      number: '11/KH-UBND',
      issuedOn: '2024-03-10',
    })
    .expect(200);
}

describe(`hostile input (seed ${SEED}, ${REQUESTS} requests)`, () => {
  let api: ApiHarness;
  let server: Server;
  let port: number;
  let context: HostileContext;

  beforeAll(async () => {
    // The rate limits (writes per user, failed sign-ins per address) would answer most of
    // them 429 before anything else is checked.
    api = await ApiHarness.start({
      BUDGET_RATE_LIMIT_PER_MINUTE: '0',
      BUDGET_ADDRESS_LIMIT_PER_MINUTE: '0',
    });
    const admin = api.user('Quản trị', 'admin');
    const officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    const accountant = api.user('Kế toán', 'accountant', { unit: 'LDTBXH' });
    const approver = api.user('Phó Chủ tịch', 'approver', { authority: BA_TO_AUTHORITY });
    const tokens = {
      admin,
      officer,
      accountant,
      approver,
      auditor: api.user('Kiểm toán', 'auditor'),
      otherUnitOfficer: api.user('Cán bộ xã', 'officer', { unit: 'XA_KHAC' }),
      otherUnitAccountant: api.user('Kế toán xã', 'accountant', { unit: 'XA_KHAC' }),
      // Ended on 30/06/2024: it may decide nothing today, whatever date is given.
      expiredApprover: api.user('Phó Chủ tịch cũ', 'approver', {
        authority: { ...BA_TO_AUTHORITY, validTo: '2024-06-30' },
      }),
    };
    await api.registerReference(admin, ['LDTBXH']);
    for (const line of [LINE, OTHER_LINE]) {
      const [, da, tda] = line.split('.');
      await api
        .post('/api/v1/allocations', admin, {
          fiscalYear: 2024,
          programPart: `${da}.${tda}`,
          fundSource: 'central',
          sourceYear: 2024,
          unit: 'LDTBXH',
          amount: '1000000000',
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
    }
    const propose = async (): Promise<string> =>
      (
        (
          await api
            .post('/api/v1/expenditures', officer, {
              budgetLineId: LINE,
              amount: '5000000',
              category: 'training',
              description: 'Tập huấn',
              payee: 'Trung tâm',
              effectiveDate: '2024-05-10',
            })
            .expect(201)
        ).body as { id: string }
      ).id;
    const proposed = await propose();
    const approved = await propose();
    await api.post(`/api/v1/expenditures/${approved}/approve`, approver, {}).expect(200);
    const transfer = await api
      .post('/api/v1/transfers', officer, {
        kind: 'reallocation',
        fromLine: LINE,
        toLine: OTHER_LINE,
        amount: '1000000',
        decision: '101/QĐ-UBND',
        effectiveDate: '2024-06-01',
      })
      .expect(201);
    await plans(api, officer, approver);
    context = {
      tokens,
      line: LINE,
      otherLine: OTHER_LINE,
      expenditureId: proposed,
      approvedExpenditureId: approved,
      transferId: (transfer.body as { id: string }).id,
    };
    server = api.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await api.stop();
  });

  it('refuses every one with a 4xx and a code, and the log does not move', async () => {
    const random = randomFor(SEED, 'hostile');
    const started = Date.now();
    const before = await api.store.headPosition();
    const agent = new Agent({ keepAlive: true, maxSockets: PARALLEL });
    const problems: string[] = [];
    const statuses = new Map<number, number>();
    const codes = new Map<string, number>();
    try {
      await trial({ file: __filename, seed: SEED, label: 'hostile requests' }, async () => {
        for (let start = 0; start < REQUESTS; start += PARALLEL) {
          const batch = Array.from({ length: Math.min(PARALLEL, REQUESTS - start) }, (_, i) =>
            hostileRequest(start + i, random, context),
          );
          const answers = await Promise.all(
            batch.map((r) =>
              send(port, agent, r).catch((error: unknown): Answer => ({
                status: 0,
                contentType: '',
                text: String(error),
              })),
            ),
          );
          answers.forEach((answer, i) => {
            const r = batch[i]!;
            statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
            const wrong = judge(answer, r.expected);
            if (wrong === null) {
              const code = (JSON.parse(answer.text) as { code: string }).code;
              codes.set(code, (codes.get(code) ?? 0) + 1);
            } else if (problems.length < 20) {
              problems.push(
                `#${r.index} ${r.method} ${r.path.slice(0, 100)} [${r.route}: ${r.defect.slice(0, 160)}] → ${wrong}: ${answer.text.slice(0, 200)}`,
              );
            }
          });
        }
        expect(problems).toEqual([]);
        expect(await api.store.headPosition()).toBe(before);
        expect((await verifyLog(api.store)).ok).toBe(true);
      });
    } finally {
      agent.destroy();
    }
    recordFigures('hostile-input', {
      seed: SEED,
      requests: REQUESTS,
      statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      distinctCodes: codes.size,
      codes: Object.fromEntries([...codes].sort(([, a], [, b]) => b - a)),
      headBefore: before?.toString() ?? null,
      headAfter: (await api.store.headPosition())?.toString() ?? null,
      durationMs: Date.now() - started,
    });
  });
});
