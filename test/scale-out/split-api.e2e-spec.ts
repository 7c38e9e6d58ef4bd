import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiHarness, BA_TO_AUTHORITY } from '../support/api-harness';
import { ProjectorProcess } from './support/projector-process';
import { until } from './support/until';

const SOURCE = '2024.DA7.TDA1.central.2024.LDTBXH';
const TARGET = '2024.DA7.TDA2.central.2024.LDTBXH';

interface Line {
  readonly id: string;
  readonly allocated: string;
  readonly transferredOut: string;
}

/**
 * The API as deployed beside projectors: BUDGET_PROJECTIONS=off BUDGET_FOLLOW_UPS=off. A
 * projector in another process polls the log only every 400 ms here, so an answer given
 * without waiting would miss the write it follows.
 */
describe('the API with its projections and process managers in a projector process', () => {
  let dir: string;
  let projector: ProjectorProcess;
  let api: ApiHarness;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-split-'));
    projector = ProjectorProcess.start(dir, { BUDGET_PROJECTOR_POLL_MS: '400' });
    await projector.ready();
    api = await ApiHarness.start({
      BUDGET_DATA_DIR: dir,
      BUDGET_PROJECTIONS: 'off',
      BUDGET_FOLLOW_UPS: 'off',
    });
  });
  afterAll(async () => {
    await api?.stop();
    await projector?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('still reads its writes: a query waits until the read store has the position the command returned', async () => {
    const admin = api.user('Quản trị', 'admin');
    const reader = api.user('Kiểm toán', 'auditor');
    await api.registerReference(admin);
    for (const [i, line] of [SOURCE, TARGET].entries()) {
      const [, da, tda, fundSource, , unit] = line.split('.');
      const answer = (
        await api
          .post('/api/v1/allocations', admin, {
            fiscalYear: 2024,
            programPart: `${da}.${tda}`,
            fundSource,
            sourceYear: 2024,
            unit,
            amount: String((i + 1) * 1_000_000),
            decision: '30/QĐ-UBND',
            effectiveDate: '2024-03-25',
          })
          .expect(201)
      ).body as { position: string };
      // With the position the command answered, and then with none (the log's head).
      const withPosition = (
        await api
          .get(`/api/v1/budget-lines?fiscalYear=2024&minPosition=${answer.position}`, reader)
          .expect(200)
      ).body as { lines: Line[] };
      expect(withPosition.lines.find((l) => l.id === line)?.allocated).toBe(
        String((i + 1) * 1_000_000),
      );
    }
    const atHead = (await api.get('/api/v1/budget-lines?fiscalYear=2024', reader).expect(200))
      .body as { lines: Line[] };
    expect(atHead.lines.map((l) => l.id).sort()).toEqual([SOURCE, TARGET]);
  });

  it('moves approved transfers through the projector, not the API', async () => {
    const officer = api.user('Cán bộ', 'officer', { unit: 'LDTBXH' });
    const approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    const reader = api.user('Kiểm toán', 'auditor');
    const { id } = (
      await api
        .post('/api/v1/transfers', officer, {
          kind: 'reallocation',
          fromLine: SOURCE,
          toLine: TARGET,
          amount: '400000',
          decision: '120/QĐ-UBND',
          effectiveDate: '2024-08-01',
        })
        .expect(201)
    ).body as { id: string };
    await api.post(`/api/v1/transfers/${id}/approve`, approver, {}).expect(200);
    await until(
      async () =>
        (await api.store.readStream(`transfer-${id}`)).at(-1)?.type === 'TransferCompleted',
      5000,
      'the transfer to complete',
    );
    const lines = (await api.get('/api/v1/budget-lines?fiscalYear=2024', reader).expect(200))
      .body as { lines: Line[] };
    expect(lines.lines.find((l) => l.id === SOURCE)?.transferredOut).toBe('400000');
    expect(projector.output()).toContain('follow-ups: running (token 1)');
  });
});
