import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConservation, decodeEvent } from '@app/application';
import {
  available,
  budgetLineDecider,
  budgetLineStreamId,
  type BudgetLineEvent,
} from '@app/budgeting';
import { SqliteEventStore, verifyLog } from '@app/event-store';
import { call, startApiProcess, type Answer, type ApiProcess } from '@app/testing/faults';
import { faultSeed, faultSize, randomFor, recordFigures, trial } from '@app/testing/faults';
import { overlapSummary, together, valuesOf } from '@app/testing/faults';
import { issueLedgerTokens } from '../support/ledger-users';

const SEED = faultSeed(20240909);
const ROUNDS = faultSize('OVERDRAW_ROUNDS', 1, 8);
const APPROVALS = 50;
/** Distinct lines of one unit, one per round (the officer may act on its own unit only). */
const LINES = [
  'DA7.TDA1.central',
  'DA7.TDA2.central',
  'DA6.TDA2.central',
  'DA7.TDA1.provincial',
  'DA7.TDA2.provincial',
  'DA6.TDA2.provincial',
  'DA7.TDA1.district',
  'DA7.TDA2.district',
  'DA6.TDA2.district',
].map((p) => `2024.${p}.2024.LDTBXH`);

describe(`overdraw race (seed ${SEED}, 2 API processes, ${ROUNDS} × ${APPROVALS} parallel approvals)`, () => {
  let dir: string;
  let apis: ApiProcess[] = [];
  let tokens: ReturnType<typeof issueLedgerTokens>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-overdraw-'));
    tokens = issueLedgerTokens(dir);
    // Two processes on one data folder, as two replicas behind a load balancer.
    const env = { BUDGET_RATE_LIMIT_PER_MINUTE: '0' };
    apis = [await startApiProcess(dir, env), await startApiProcess(dir, env)];
    // Allocations need their unit and decision registered.
    const port = apis[0]!.port;
    const unit = {
      code: 'LDTBXH',
      name: 'Phòng LĐTBXH',
      kind: 'lead_agency',
      validFrom: '2021-01-01',
    };
    const decision = {
      number: '30/QĐ-UBND',
      type: 'QĐ',
      issuer: 'UBND huyện Ba Tơ',
      issuedOn: '2024-03-25',
      title: 'Phân bổ kinh phí sự nghiệp năm 2024',
    };
    for (const [path, body] of [
      ['/api/v1/units', unit],
      ['/api/v1/documents', decision],
    ] as const) {
      const answer = await call(
        port,
        'POST',
        path,
        tokens.admin,
        body,
        `ref-${path.split('/').pop() ?? ''}`,
      );
      expect(answer.status).toBe(201);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A command, retried with its key while it only lost an optimistic-concurrency race. */
  async function until(run: () => Promise<Answer>): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      const answer = await run();
      if (answer.status !== 409 || answer.body.code !== 'EVENT_STORE.CONCURRENCY' || attempt > 20) {
        return answer;
      }
    }
  }

  it('never commits more than the line holds, whichever process approves', async () => {
    const random = randomFor(SEED, 'overdraw');
    const started = Date.now();
    const totals = {
      approved: 0,
      overdrawn: 0,
      concurrency: 0,
      byProcess: [0, 0],
      mostInFlight: 0,
    };
    for (let round = 0; round < ROUNDS; round++) {
      const line = LINES[round % LINES.length]!;
      await trial(
        { file: __filename, seed: SEED, label: `round ${round} on ${line}` },
        async () => {
          const [, da, tda, fundSource] = line.split('.');
          const holds = BigInt(random.int(50, 150)) * 1_000_000n;
          const allocated = await call(
            apis[0]!.port,
            'POST',
            '/api/v1/allocations',
            tokens.admin,
            {
              fiscalYear: 2024,
              programPart: `${da}.${tda}`,
              fundSource,
              sourceYear: 2024,
              unit: 'LDTBXH',
              amount: holds.toString(),
              decision: '30/QĐ-UBND',
              effectiveDate: '2024-03-25',
            },
            `alloc-${SEED}-${round}`,
          );
          expect(allocated.status).toBe(201);

          // 50 proposals worth about three times what the line holds.
          const amounts = Array.from(
            { length: APPROVALS },
            () => ((holds * BigInt(random.int(20, 100))) / 1000n / 1000n) * 1000n + 1000n,
          );
          const ids: string[] = [];
          for (let start = 0; start < APPROVALS; start += 10) {
            const answers = await Promise.all(
              amounts.slice(start, start + 10).map((amount, i) =>
                until(() =>
                  call(
                    apis[(start + i) % 2]!.port,
                    'POST',
                    '/api/v1/expenditures',
                    tokens.officer,
                    {
                      budgetLineId: line,
                      amount: amount.toString(),
                      category: 'training',
                      description: `Tập huấn đợt ${start + i}`,
                      payee: 'Trung tâm Chính trị huyện',
                      effectiveDate: '2024-05-10',
                    },
                    `propose-${SEED}-${round}-${start + i}`,
                  ),
                ),
              ),
            );
            for (const a of answers) {
              expect(a.status).toBe(201);
              ids.push(String(a.body.id));
            }
          }

          // All at once, each to a process picked by the seed.
          const sentTo = ids.map(() => random.int(0, 1));
          const { outcomes, spans } = await together(
            ids.map(
              (id, i) => () =>
                call(
                  apis[sentTo[i]!]!.port,
                  'POST',
                  `/api/v1/expenditures/${id}/approve`,
                  tokens.approver,
                  {},
                  `approve-${SEED}-${round}-${i}`,
                ),
            ),
            { by: (i) => sentTo[i]! },
          );
          const answers = valuesOf(outcomes);
          // In flight together, on both processes at once: one after another proves nothing.
          const overlap = overlapSummary(spans);
          expect(overlap.maxInFlight).toBeGreaterThan(1);
          expect(overlap.crossOverlaps).toBeGreaterThan(0);
          totals.mostInFlight = Math.max(totals.mostInFlight, overlap.maxInFlight);
          const approvedIds = new Set<string>();
          answers.forEach((a, i) => {
            if (a.status === 200) {
              approvedIds.add(ids[i]!);
              totals.approved++;
              totals.byProcess[sentTo[i]!]!++;
            } else if (a.status === 409 && a.body.code === 'BUDGET.LINE_OVERDRAWN') {
              totals.overdrawn++;
            } else if (a.status === 409 && a.body.code === 'EVENT_STORE.CONCURRENCY') {
              totals.concurrency++;
            } else {
              throw new Error(`approval ${i} answered ${a.status}: ${JSON.stringify(a.body)}`);
            }
          });

          // The line, folded event by event from its own stream: never below zero.
          const store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
          try {
            const recorded = await store.readStream(budgetLineStreamId(line));
            let state = budgetLineDecider.initialState;
            const approvedInLog: string[] = [];
            for (const r of recorded) {
              const event = decodeEvent<BudgetLineEvent>(r);
              state = budgetLineDecider.evolve(state, event);
              if (available(state.balances) < 0n) {
                throw new Error(`line ${line} overdrawn at revision ${r.revision}`);
              }
              if (event.type === 'ExpenditureApproved')
                approvedInLog.push(event.data.expenditureId);
            }
            expect(new Set(approvedInLog).size).toBe(approvedInLog.length);
            expect(new Set(approvedInLog)).toEqual(approvedIds);
            const committed = amounts
              .filter((_, i) => approvedIds.has(ids[i]!))
              .reduce((sum, a) => sum + a, 0n);
            expect(state.balances.committed).toBe(committed);
            expect(committed <= holds).toBe(true);
            const conservation = await checkConservation(store);
            expect(conservation.problems).toEqual([]);
            expect((await verifyLog(store)).ok).toBe(true);
          } finally {
            await store.close();
          }
        },
      );
    }
    // The race was real: money ran out, and both processes won some.
    expect(totals.overdrawn).toBeGreaterThan(0);
    expect(totals.byProcess.every((n) => n > 0)).toBe(true);
    recordFigures('overdraw-race', {
      seed: SEED,
      processes: 2,
      rounds: ROUNDS,
      approvalsSent: ROUNDS * APPROVALS,
      ...totals,
      durationMs: Date.now() - started,
    });
  });
});
