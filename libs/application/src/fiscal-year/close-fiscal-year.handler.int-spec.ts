import { randomUUID } from 'node:crypto';
import { fiscalYearStreamId, type BudgetLineKey } from '@app/budgeting';
import {
  admin,
  context,
  embeddedLedgerPerTest,
  givenLineOpenedBeforeRegister,
} from '../testing/command-context.fixture';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import {
  ProposeFiscalYearCloseCommand,
  ProposeFiscalYearCloseHandler,
} from './close-fiscal-year.handler';
import { registeredDecision } from '@app/testing';

const key = (fiscalYear: number): BudgetLineKey => ({
  fiscalYear,
  programPart: 'DA7.TDA1',
  fundSource: 'central',
  sourceYear: fiscalYear,
  unit: 'LDTBXH',
});

/**
 * Which ledger.lines a year's close weighs (close-fiscal-year.int-spec.ts specifies the close
 * itself): the year's own, read from the log, not those of the year after. Also in the
 * mutation run (jest.mutation.config.js).
 */
describe('the ledger.lines a fiscal year close weighs, on the embedded store', () => {
  const ledger = embeddedLedgerPerTest('close-lines', ['LDTBXH']);

  const allocate = (fiscalYear: number, on: string) =>
    new AllocateFundsHandler(ledger.store, ledger.lines).execute(
      new AllocateFundsCommand(context(admin, on), key(fiscalYear), 1_000_000n, '30/QĐ-UBND', [
        '30/QĐ-UBND',
      ]),
    );
  const propose = (year: number) =>
    new ProposeFiscalYearCloseHandler(ledger.store, ledger.lines).execute(
      new ProposeFiscalYearCloseCommand(context(admin, '2025-02-15'), year),
    );

  it('closes 2024 while money of 2025 is still on its lines', async () => {
    await allocate(2024, '2024-03-25');
    await ledger.lines.run('2024.DA7.TDA1.central.2024.LDTBXH', context(admin, '2025-01-20'), {
      type: 'CancelFunds',
      data: {
        amount: 1_000_000n,
        decision: '45/QĐ-UBND',
        reason: 'Hủy dự toán không sử dụng hết',
        ...registeredDecision('45/QĐ-UBND', '2025-01-15'),
      },
    });
    // Decided in December for the next year: a line of 2025 that holds money.
    await allocate(2025, '2024-12-20');
    await propose(2024);
    expect((await ledger.store.readStream(fiscalYearStreamId(2024))).map((e) => e.type)).toEqual([
      'FiscalYearCloseProposed',
    ]);
  });

  it('is held up by a line of its own year with money left', async () => {
    await allocate(2024, '2024-03-25');
    await expect(propose(2024)).rejects.toMatchObject({
      code: 'FISCAL_YEAR.LINES_NOT_SETTLED',
      details: { lines: '1', line: '2024.DA7.TDA1.central.2024.LDTBXH' },
    });
  });

  it('finds a line opened before its register, after more events than one page holds', async () => {
    // 2 100 events of another stream first: the year's line lies on the log's second page,
    // where the pass over the log (made until the year's register is backfilled) finds it.
    for (let batch = 0; batch < 6; batch++) {
      await ledger.store.append(
        'noise-1',
        Array.from({ length: 350 }, () => ({
          id: randomUUID(),
          type: 'Noise',
          schemaVersion: 1,
          data: {},
          metadata: {
            actor: 'u',
            correlationId: 'c',
            causationId: null,
            effectiveDate: '2024-01-02',
          },
        })),
        { expectedRevision: 'any' },
      );
    }
    await givenLineOpenedBeforeRegister(
      ledger.store,
      '2024.DA7.TDA1.central.2024.LDTBXH',
      1_000_000n,
    );
    await expect(propose(2024)).rejects.toMatchObject({
      code: 'FISCAL_YEAR.LINES_NOT_SETTLED',
      details: { lines: '1', line: '2024.DA7.TDA1.central.2024.LDTBXH' },
    });
  });
});
