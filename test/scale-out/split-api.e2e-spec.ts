import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { call, startApiProcess, type ApiProcess } from '@app/testing/faults';
import { issueLedgerTokens } from '../support/ledger-users';
import { registerReferenceOverHttp } from '../support/reference-over-http';
import { ProjectorProcess } from './support/projector-process';
import { until } from './support/until';

const SOURCE = '2024.DA7.TDA1.central.2024.LDTBXH';
const TARGET = '2024.DA7.TDA2.central.2024.LDTBXH';
const POLL_MS = 400;

interface Line {
  readonly id: string;
  readonly allocated: string;
  readonly transferredOut: string;
}

/**
 * The API as deployed beside projectors, in its own process: BUDGET_PROJECTIONS=off
 * BUDGET_FOLLOW_UPS=off. A projector in another process polls the log only every 400 ms
 * here, so an answer given without waiting would miss the write it follows.
 */
describe('the API with its projections and process managers in a projector process', () => {
  let dir: string;
  let projector: ProjectorProcess;
  let api: ApiProcess;
  let tokens: ReturnType<typeof issueLedgerTokens>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-split-'));
    tokens = issueLedgerTokens(dir);
    projector = ProjectorProcess.start(dir, { BUDGET_PROJECTOR_POLL_MS: String(POLL_MS) });
    await projector.ready();
    api = await startApiProcess(dir, { BUDGET_PROJECTIONS: 'off', BUDGET_FOLLOW_UPS: 'off' });
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await projector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const lines = async (query = ''): Promise<Line[]> => {
    const answer = await call(
      api.port,
      'GET',
      `/api/v1/budget-lines?fiscalYear=2024${query}`,
      tokens.auditor,
    );
    expect(answer.status).toBe(200);
    return (answer.body as unknown as { lines: Line[] }).lines;
  };

  it('still reads its writes: a query waits until the read store has the position the command returned', async () => {
    await registerReferenceOverHttp(api.port, tokens.admin);
    for (const [i, line] of [SOURCE, TARGET].entries()) {
      const [, da, tda, fundSource, , unit] = line.split('.');
      const answer = await call(
        api.port,
        'POST',
        '/api/v1/allocations',
        tokens.admin,
        {
          fiscalYear: 2024,
          programPart: `${da}.${tda}`,
          fundSource,
          sourceYear: 2024,
          unit,
          amount: String((i + 1) * 1_000_000),
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        },
        `allocate-${line}`,
      );
      expect(answer.status).toBe(201);
      // With the position the command answered, and then with none (the log's head).
      const withPosition = await lines(`&minPosition=${String(answer.body.position)}`);
      expect(withPosition.find((l) => l.id === line)?.allocated).toBe(String((i + 1) * 1_000_000));
    }
    expect((await lines()).map((l) => l.id).sort()).toEqual([SOURCE, TARGET]);
  });

  it('moves approved transfers through the projector, not the API', async () => {
    const events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    try {
      const requested = await call(
        api.port,
        'POST',
        '/api/v1/transfers',
        tokens.officer,
        {
          kind: 'reallocation',
          fromLine: SOURCE,
          toLine: TARGET,
          amount: '400000',
          decision: '120/QĐ-UBND',
          effectiveDate: '2024-08-01',
        },
        'transfer-120',
      );
      expect(requested.status).toBe(201);
      const id = String(requested.body.id);
      const lastOfTransfer = async (): Promise<string | undefined> =>
        (await events.readStream(`transfer-${id}`)).at(-1)?.type;

      // With the projector frozen, the approval is recorded and nothing moves the money:
      // an API running the transfer process itself would complete it within milliseconds.
      projector.signal('SIGSTOP');
      try {
        if (projector.state() !== null)
          await until(() => projector.state() === 'T', 5000, 'the projector to stop');
        const approved = await call(
          api.port,
          'POST',
          `/api/v1/transfers/${id}/approve`,
          tokens.approver,
          {},
          `approve-${id}`,
        );
        expect(approved.status).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
        expect(await lastOfTransfer()).toBe('TransferApproved');
        const moved = (await events.readAll({ maxCount: 100_000 })).filter(
          (e) =>
            e.data.transferId === id &&
            e.type !== 'TransferRequested' &&
            e.type !== 'TransferApproved',
        );
        expect(moved).toEqual([]);
      } finally {
        projector.signal('SIGCONT');
      }
      await until(
        async () => (await lastOfTransfer()) === 'TransferCompleted',
        10_000,
        'the transfer to complete',
      );
      expect((await lines()).find((l) => l.id === SOURCE)?.transferredOut).toBe('400000');
      // Who ran it, by their own logs: the projector holds the follow-ups; the API process
      // never started them.
      expect(projector.output()).toContain('follow-ups: running (token 1)');
      expect(api.output()).not.toMatch(/follow-?ups|FollowUpRunner|TransferProcess/i);
    } finally {
      await events.close();
    }
  });
});
