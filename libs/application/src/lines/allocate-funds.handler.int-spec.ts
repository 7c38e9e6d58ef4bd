import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqliteEventStore,
  type AppendResult,
  type ExpectedRevision,
  type NewEvent,
} from '@app/event-store';
import {
  MAX_LINE_AMOUNT,
  budgetLineStreamId,
  legalDocumentDecider,
  streamIdForLegalDocument,
  type BudgetLineKey,
} from '@app/budgeting';
import { admin, context, officer, registerReference } from '../testing/command-context.fixture';
import { DecideOnStreamCommand, DecideOnStreamHandler } from '../shared/decide-on-stream';
import { LineCommands } from '../shared/line-commands';
import { AllocateFundsCommand, AllocateFundsHandler } from './allocate-funds.handler';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const KEY: BudgetLineKey = {
  fiscalYear: 2024,
  programPart: 'DA7.TDA1',
  fundSource: 'central',
  sourceYear: 2024,
  unit: 'LDTBXH',
};
const CAPPED = '31/QĐ-UBND';
const capped = streamIdForLegalDocument(CAPPED, '2024-03-26');

/** The store as is, with one hook: a write of another request landing just after a charge. */
class RacingStore extends SqliteEventStore {
  afterCharge: (() => Promise<unknown>) | null = null;
  /** A line append that fails as a disk would: its outcome unknown to the caller. */
  failLineAppend = false;

  override async append(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    if (this.failLineAppend && streamId.startsWith('budget-line-')) {
      this.failLineAppend = false;
      throw new Error('disk I/O error');
    }
    const result = await super.append(streamId, events, options);
    const hook = this.afterCharge;
    if (hook && events.some((e) => e.type === 'AllocationCharged')) {
      this.afterCharge = null;
      await hook();
    }
    return result;
  }
}

/**
 * Giao dự toán through its handler: a decision that states its amount is charged with
 * each allocation under it, and an allocation refused after its charge gives the charge
 * back, so a decision's charges are the allocations recorded under it. Also in the
 * mutation run (jest.mutation.config.js).
 */
describe('allocating under a decision that states its amount, on the embedded store', () => {
  let dir: string;
  let store: RacingStore;
  let lines: LineCommands;
  let handler: AllocateFundsHandler;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'allocate-'));
    store = new RacingStore({ file: join(dir, 'events.sqlite') });
    lines = new LineCommands(store);
    handler = new AllocateFundsHandler(store, lines);
    await registerReference(store, ['LDTBXH']);
    await new DecideOnStreamHandler(store).execute(
      new DecideOnStreamCommand(
        context(admin, '2024-03-26'),
        capped,
        legalDocumentDecider,
        {
          type: 'RegisterLegalDocument',
          actor: admin,
          on: '2024-03-26',
          data: {
            number: CAPPED,
            type: 'QĐ',
            issuer: 'UBND huyện Ba Tơ',
            issuedOn: '2024-03-26',
            signerName: null,
            signerCapacity: null,
            title: `Quyết định ${CAPPED}`,
            amount: 1_500_000n,
          },
        },
        CAPPED,
      ),
    );
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const allocate = (amount: bigint, decision = CAPPED, commandId?: string, actor = admin) =>
    handler.execute(
      new AllocateFundsCommand(context(actor, '2024-03-27', commandId), KEY, amount, decision, [
        decision,
      ]),
    );
  const decisionEvents = async () => (await store.readStream(capped)).map((e) => [e.type, e.data]);
  const lineEvents = async () =>
    (await store.readStream(budgetLineStreamId(LINE))).map((e) => e.type);

  it('charges the decision with the allocation, under the allocation’s id, and answers with the line', async () => {
    const answer = await allocate(1_000_000n, CAPPED, 'alloc-1');
    const [, charged] = await decisionEvents();
    expect(charged).toEqual([
      'AllocationCharged',
      { allocationId: 'alloc-1', budgetLineId: LINE, amount: '1000000' },
    ]);
    const allocated = (await store.readStream(budgetLineStreamId(LINE))).at(-1)!;
    expect(allocated.type).toBe('FundsAllocated');
    expect(allocated.metadata.extra).toMatchObject({ legalBasis: [CAPPED] });
    expect(answer).toEqual({ id: LINE, position: allocated.position.toString() });
  });

  it('refuses more than the decision has left, charging and allocating nothing', async () => {
    await allocate(1_000_000n);
    await expect(allocate(500_001n)).rejects.toMatchObject({
      code: 'DOCUMENT.AMOUNT_EXCEEDED',
      details: { decision: CAPPED, amount: '1500000' },
    });
    expect((await decisionEvents()).map(([type]) => type)).toEqual([
      'LegalDocumentRegistered',
      'AllocationCharged',
    ]);
    expect(await lineEvents()).toEqual(['BudgetLineOpened', 'FundsAllocated']);
  });

  it('charges nothing for an allocation its line refuses before the charge', async () => {
    await expect(allocate(1_000n, CAPPED, undefined, officer)).rejects.toMatchObject({
      code: 'AUTH.ROLE_FORBIDDEN',
    });
    expect(await decisionEvents()).toHaveLength(1);
  });

  it('charges nothing under a decision that states no amount', async () => {
    await allocate(1_000n, '30/QĐ-UBND');
    const uncapped = streamIdForLegalDocument('30/QĐ-UBND', '2024-03-25');
    expect((await store.readStream(uncapped)).map((e) => e.type)).toEqual([
      'LegalDocumentRegistered',
    ]);
    expect(await lineEvents()).toEqual(['BudgetLineOpened', 'FundsAllocated']);
  });

  it('gives the charge back when a racing allocation fills the line after the charge', async () => {
    await allocate(1_000n, '30/QĐ-UBND');
    // Between this allocation's charge and its append, another fills the line to the limit.
    store.afterCharge = () => allocate(MAX_LINE_AMOUNT - 1_000n, '30/QĐ-UBND', 'racing');
    await expect(allocate(1_000_000n, CAPPED, 'alloc-2')).rejects.toMatchObject({
      code: 'BUDGET.LINE_LIMIT_EXCEEDED',
    });
    expect(await decisionEvents()).toEqual([
      ['LegalDocumentRegistered', expect.anything()],
      ['AllocationCharged', { allocationId: 'alloc-2', budgetLineId: LINE, amount: '1000000' }],
      [
        'AllocationChargeReleased',
        {
          allocationId: 'alloc-2',
          amount: '1000000',
          reason: 'phân bổ bị từ chối / allocation refused',
        },
      ],
    ]);
  });

  it('keeps the charge when the allocation fails for another reason than a refusal, and a retry completes it', async () => {
    // Not refused, but failed: the outcome is unknown, so the charge stays for the retry.
    store.failLineAppend = true;
    await expect(allocate(1_000_000n, CAPPED, 'alloc-3')).rejects.toThrow('disk I/O error');
    expect((await decisionEvents()).map(([type]) => type)).toEqual([
      'LegalDocumentRegistered',
      'AllocationCharged',
    ]);
    await allocate(1_000_000n, CAPPED, 'alloc-3');
    expect((await decisionEvents()).map(([type]) => type)).toEqual([
      'LegalDocumentRegistered',
      'AllocationCharged',
    ]);
    expect(await lineEvents()).toEqual(['BudgetLineOpened', 'FundsAllocated']);
  });

  it('answers a retried allocation as the first time, its own charge not counted twice', async () => {
    const first = await allocate(1_000_000n, CAPPED, 'alloc-4');
    expect(await allocate(1_000_000n, CAPPED, 'alloc-4')).toEqual(first);
    expect((await decisionEvents()).map(([type]) => type)).toEqual([
      'LegalDocumentRegistered',
      'AllocationCharged',
    ]);
    expect(await lineEvents()).toEqual(['BudgetLineOpened', 'FundsAllocated']);
  });
});
