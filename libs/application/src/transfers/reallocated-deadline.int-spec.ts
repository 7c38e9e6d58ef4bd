import { budgetLineStreamId, transferStreamId, type TransferRequest } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import {
  admin,
  approver,
  authority,
  context,
  embeddedLedgerPerTest,
  officer,
  registerReference,
} from '../testing/command-context.fixture';
import {
  ProposeExpenditureCommand,
  ProposeExpenditureHandler,
  type ProposeExpenditureInput,
} from '../expenditures/propose-expenditure.handler';
import { CarryOverLapseProcess } from '../follow-ups/carry-over-lapse.process';
import {
  ExtendCarryOverDeadlineCommand,
  ExtendCarryOverDeadlineHandler,
} from '../lines/extend-deadline.handler';
import { DayClock } from '../testing/day-clock';
import { ProgramSettings } from '../shared/program-settings';
import {
  DecideTransferCommand,
  DecideTransferHandler,
  RequestTransferCommand,
  RequestTransferHandler,
} from './transfer.handlers';
import { TransferProcess } from './transfer.process';

/** 2023 money carried into 2024 by 699/QĐ-UBND, which states 30/9/2024 as its deadline. */
const CARRIED = '2024.DA6.TDA2.central.2023.LDTBXH';
/** Another line of the same 2023 money: reached only by a reallocation, never a carry-over. */
const REACHED = '2024.DA7.TDA1.central.2023.LDTBXH';
/** A line of 2023 money under another deadline (31/12/2024, the default). */
const OTHER_CARRIED = '2024.DA7.TDA2.central.2023.LDTBXH';

/**
 * Money keeps the deadline it carries, whichever door moves it: carried-over money moved to
 * another line by a reallocation cannot be spent there past the date its carry-over decision
 * set, and lapses there at that date (the bug: the receiving line had no deadline at all).
 */
describe('the deadline of carried-over money moved by a reallocation, on the embedded store', () => {
  const ledger = embeddedLedgerPerTest('reallocated-deadline', ['LDTBXH']);

  const transfer = async (
    request: Omit<TransferRequest, 'transferId'>,
    on: string,
  ): Promise<string> => {
    const { store } = ledger;
    const { id } = await new RequestTransferHandler(store).execute(
      new RequestTransferCommand(context(officer, on), request),
    );
    await new DecideTransferHandler(store).execute(
      new DecideTransferCommand(context(approver, on), id, { approve: true }, authority),
    );
    const approval = (await store.readStream(transferStreamId(id))).at(-1) as RecordedEvent;
    await new TransferProcess(store, ledger.lines).handle(approval);
    return id;
  };
  const carryOver = (toLine: string, amount: bigint, deadline: string | null) =>
    transfer(
      {
        kind: 'carry_over',
        fromLine: null,
        toLine,
        amount,
        decision: '699/QĐ-UBND',
        legalBasis: ['699/QĐ-UBND'],
        deadline,
      },
      '2024-03-19',
    );
  const reallocate = (fromLine: string, toLine: string, amount: bigint, on = '2024-08-01') =>
    transfer(
      {
        kind: 'reallocation',
        fromLine,
        toLine,
        amount,
        decision: '120/QĐ-UBND',
        legalBasis: ['120/QĐ-UBND'],
      },
      on,
    );
  const spend = (line: string, on: string, amount = 40_000n) => {
    const input: ProposeExpenditureInput = {
      budgetLineId: line,
      amount,
      category: 'training',
      description: 'Tập huấn cán bộ giảm nghèo',
      payee: 'Trung tâm Chính trị huyện',
      activity: null,
      voucher: null,
      personDays: null,
      jointTeam: false,
      correction: null,
    };
    return new ProposeExpenditureHandler(
      ledger.store,
      ledger.lines,
      new ProgramSettings('LDTBXH'),
    ).execute(new ProposeExpenditureCommand(context(officer, on), input));
  };
  const eventsOf = async (line: string) => ledger.store.readStream(budgetLineStreamId(line));
  const lapseOn = async (day: string): Promise<string[]> => {
    const lapses = new CarryOverLapseProcess(ledger.lines, new DayClock(day));
    for (const event of await ledger.store.readAll({ maxCount: 100_000 })) lapses.observe(event);
    return lapses.lapseDue();
  };

  it('records the deadline on the reallocation, refuses spending past it and lapses the money there', async () => {
    await carryOver(CARRIED, 250_000n, '2024-09-30');
    await reallocate(CARRIED, REACHED, 100_000n);

    const credit = (await eventsOf(REACHED)).find((e) => e.type === 'FundsTransferredIn');
    expect(credit?.data).toMatchObject({
      fromLine: CARRIED,
      carriedDeadline: {
        deadline: '2024-09-30',
        deadlineBasis: 'decision',
        decision: '699/QĐ-UBND',
      },
    });
    const line = await ledger.lines.state(REACHED);
    expect(line.carryOverDeadline).toBe('2024-09-30');
    expect(line.deadlineBasis).toBe('decision');

    await spend(REACHED, '2024-09-30');
    await expect(spend(REACHED, '2024-10-01')).rejects.toMatchObject({
      code: 'BUDGET.CARRY_OVER_EXPIRED',
    });

    expect(await lapseOn('2024-10-02')).toEqual(expect.arrayContaining([CARRIED, REACHED]));
    const lapse = (await eventsOf(REACHED)).find((e) => e.type === 'CarryOverLapsed');
    // A proposal commits nothing: the whole 100.000 moved there lapses.
    expect(lapse?.data).toMatchObject({ amount: '100000', deadline: '2024-09-30' });
    expect(lapse?.metadata.effectiveDate).toBe('2024-10-01');
  });

  it('refuses moving the money onto a line of another deadline, and recording nothing there', async () => {
    await carryOver(CARRIED, 250_000n, '2024-09-30');
    await carryOver(OTHER_CARRIED, 50_000n, null);
    const id = await reallocate(CARRIED, OTHER_CARRIED, 100_000n);
    const outcome = (await ledger.store.readStream(transferStreamId(id))).at(-1);
    expect(outcome).toMatchObject({
      type: 'TransferFailed',
      data: { code: 'BUDGET.CARRY_OVER_DEADLINE_CONFLICT' },
    });
    expect((await eventsOf(OTHER_CARRIED)).map((e) => e.type)).not.toContain('FundsTransferredIn');
    // The debit was given back: the source holds its money.
    expect((await eventsOf(CARRIED)).at(-1)?.type).toBe('TransferOutReversed');
  });

  it('refuses moving carried-over money by a reallocation dated after its deadline', async () => {
    await carryOver(CARRIED, 250_000n, '2024-06-30');
    const id = await reallocate(CARRIED, REACHED, 100_000n, '2024-08-01');
    expect((await ledger.store.readStream(transferStreamId(id))).at(-1)).toMatchObject({
      type: 'TransferFailed',
      data: { code: 'BUDGET.CARRY_OVER_EXPIRED' },
    });
    expect(await eventsOf(REACHED)).toEqual([]);
  });

  it('lapses a line at the deadline an extension set, not the one it replaced', async () => {
    await carryOver(CARRIED, 250_000n, '2024-09-30');
    await reallocate(CARRIED, REACHED, 100_000n);
    const nq111 = { number: '111/2024/QH15', issuedOn: '2024-01-18', type: 'NQ' } as const;
    await registerReference(ledger.store, [], [nq111]);
    await new ExtendCarryOverDeadlineHandler(ledger.store, ledger.lines).execute(
      new ExtendCarryOverDeadlineCommand(
        context(admin, '2024-09-01'),
        [REACHED],
        { number: '111/2024/QH15', issuedOn: '2024-01-18' },
        '2024-11-30',
        false,
      ),
    );
    expect(await lapseOn('2024-10-02')).toEqual([CARRIED]);
    expect(await lapseOn('2024-12-01')).toEqual([REACHED]);
    const lapse = (await eventsOf(REACHED)).find((e) => e.type === 'CarryOverLapsed');
    expect(lapse?.data).toMatchObject({ amount: '100000', deadline: '2024-11-30' });
  });
});
