import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import {
  budgetLineStreamId,
  spendingUnitDecider,
  streamIdForSpendingUnit,
  transferStreamId,
  type Actor,
  type SpendingUnitCommand,
} from '@app/budgeting';
import type { CommandContext } from '../command-executor';
import { deterministicUuid } from '../deterministic-id';
import {
  admin,
  approver,
  authority,
  officer,
  context as contextOn,
  registerReference,
} from '../testing/command-context.fixture';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import { DecideOnStreamCommand, DecideOnStreamHandler } from '../shared/decide-on-stream';
import { LineCommands } from '../shared/line-commands';
import {
  DecideTransferCommand,
  DecideTransferHandler,
  RequestTransferCommand,
  RequestTransferHandler,
} from './transfer.handlers';

const SOURCE = '2024.DA7.TDA1.central.2024.LDTBXH';
const TARGET = '2024.DA7.TDA2.central.2024.LDTBXH';

const context = (actor: Actor, effectiveDate = '2024-08-01', commandId?: string) =>
  contextOn(actor, effectiveDate, commandId);

describe('line, transfer and reference-data command handlers on the embedded store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let allocate: AllocateFundsHandler;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handlers-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    allocate = new AllocateFundsHandler(store, new LineCommands(store));
    await registerReference(store, ['LDTBXH']);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const allocateTo = (line: string, ctx: CommandContext = context(admin, '2024-03-25')) => {
    const [fiscalYear, da, tda, fundSource, sourceYear, unit] = line.split('.');
    return allocate.execute(
      new AllocateFundsCommand(
        ctx,
        {
          fiscalYear: Number(fiscalYear),
          programPart: `${da}.${tda}`,
          fundSource: fundSource as 'central',
          sourceYear: Number(sourceYear),
          unit: unit!,
        },
        1_000_000n,
        '30/QĐ-UBND',
        ['30/QĐ-UBND', '12/NQ-HĐND'],
      ),
    );
  };

  describe('allocating', () => {
    it('opens the line under its id and keeps the legal basis beside what the caller added', async () => {
      const ctx = { ...context(admin, '2024-03-25'), extra: { note: 'đợt 1' } };
      const answer = await allocateTo(SOURCE, ctx);
      const events = await store.readStream(budgetLineStreamId(SOURCE));
      expect(answer).toEqual({ id: SOURCE, position: events.at(-1)!.position.toString() });
      expect(events.map((e) => e.type)).toEqual(['BudgetLineOpened', 'FundsAllocated']);
      expect(events.at(-1)).toMatchObject({
        data: { amount: '1000000', decision: '30/QĐ-UBND' },
        metadata: { extra: { note: 'đợt 1', legalBasis: ['30/QĐ-UBND', '12/NQ-HĐND'] } },
      });
    });
  });

  describe('transfers', () => {
    it('records a request under an id derived from who asked and the request key, then its approval', async () => {
      await allocateTo(SOURCE);
      const ctx = context(officer);
      const request = new RequestTransferHandler(store);
      const input = {
        kind: 'reallocation' as const,
        fromLine: SOURCE,
        toLine: TARGET,
        amount: 400_000n,
        decision: '120/QĐ-UBND',
        legalBasis: ['120/QĐ-UBND'],
      };
      const answer = await request.execute(new RequestTransferCommand(ctx, input));
      const id = deterministicUuid('transfer', officer.userId, ctx.commandId);
      expect(answer.id).toBe(id);
      let stream = await store.readStream(transferStreamId(id));
      expect(answer.position).toBe(stream.at(-1)!.position.toString());
      expect(stream.at(-1)).toMatchObject({
        type: 'TransferRequested',
        data: { transferId: id, amount: '400000', requestedBy: 'u-officer' },
        metadata: { effectiveDate: '2024-08-01' },
      });
      // The same request again (a retry) is the same transfer.
      expect((await request.execute(new RequestTransferCommand(ctx, input))).id).toBe(id);

      const decide = new DecideTransferHandler(store);
      const approved = await decide.execute(
        new DecideTransferCommand(
          context(approver, '2024-08-02'),
          id,
          { approve: true },
          authority,
        ),
      );
      stream = await store.readStream(transferStreamId(id));
      expect(stream.map((e) => e.type)).toEqual(['TransferRequested', 'TransferApproved']);
      expect(approved).toEqual({ id, position: stream.at(-1)!.position.toString() });
      expect(stream.at(-1)).toMatchObject({
        data: { approvedBy: 'u-tich', authority: { capacity: 'KT. Chủ tịch' } },
        metadata: { effectiveDate: '2024-08-02' },
      });
    });

    it('records a rejection with its reason, and refuses deciding twice', async () => {
      const ctx = context(officer);
      const { id } = await new RequestTransferHandler(store).execute(
        new RequestTransferCommand(ctx, {
          kind: 'reallocation',
          fromLine: SOURCE,
          toLine: TARGET,
          amount: 1n,
          decision: '121/QĐ-UBND',
          legalBasis: [],
        }),
      );
      const decide = new DecideTransferHandler(store);
      await decide.execute(
        new DecideTransferCommand(
          context(approver),
          id,
          { approve: false, reason: 'Chưa đủ căn cứ' },
          authority,
        ),
      );
      expect((await store.readStream(transferStreamId(id))).at(-1)).toMatchObject({
        type: 'TransferRejected',
        data: { reason: 'Chưa đủ căn cứ', rejectedBy: 'u-tich' },
      });
      await expect(
        decide.execute(
          new DecideTransferCommand(context(approver), id, { approve: true }, authority),
        ),
      ).rejects.toMatchObject({ code: 'TRANSFER.INVALID_STATE' });
    });
  });

  describe('a command on a stream of its own (reference data)', () => {
    it('runs the decider on its stream and answers with the id it names', async () => {
      const handler = new DecideOnStreamHandler(store);
      const unit = {
        code: 'TU_PHAP',
        name: 'Phòng Tư pháp',
        kind: 'district_agency' as const,
        validFrom: '2021-01-01',
        validTo: null,
      };
      const register = (name = unit.name): SpendingUnitCommand => ({
        type: 'RegisterSpendingUnit',
        actor: admin,
        on: '2024-01-02',
        data: { ...unit, name },
      });
      const streamId = streamIdForSpendingUnit('TU_PHAP');
      const answer = await handler.execute(
        new DecideOnStreamCommand(
          context(admin),
          streamId,
          spendingUnitDecider,
          register(),
          'TU_PHAP',
        ),
      );
      const stream = await store.readStream(streamId);
      expect(answer).toEqual({ id: 'TU_PHAP', position: stream[0]!.position.toString() });
      expect(stream.map((e) => e.type)).toEqual(['SpendingUnitRegistered']);
      // Folded again on the next command: the same registration is nothing new.
      const again = await handler.execute(
        new DecideOnStreamCommand(
          context(admin),
          streamId,
          spendingUnitDecider,
          register(),
          'TU_PHAP',
        ),
      );
      expect(again).toEqual({ id: 'TU_PHAP', position: null });
      await expect(
        handler.execute(
          new DecideOnStreamCommand(
            context(admin),
            streamId,
            spendingUnitDecider,
            register('Khác'),
            'TU_PHAP',
          ),
        ),
      ).rejects.toMatchObject({ kind: 'conflict' });
    });
  });
});
