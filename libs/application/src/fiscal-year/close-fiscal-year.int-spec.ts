import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { fiscalYearStreamId } from '@app/budgeting';
import {
  admin,
  approver,
  authority,
  officer,
  context,
  registerReference,
} from '../testing/command-context.fixture';
import { LineCommands } from '../shared/line-commands';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import {
  ApproveFiscalYearCloseCommand,
  ApproveFiscalYearCloseHandler,
  ProposeFiscalYearCloseCommand,
  ProposeFiscalYearCloseHandler,
} from './close-fiscal-year.handler';
import { registeredDecision } from '@app/testing';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const KEY = {
  fiscalYear: 2024,
  programPart: 'DA7.TDA1',
  fundSource: 'central' as const,
  sourceYear: 2024,
  unit: 'LDTBXH',
};
const IN_FORCE = { ...authority, validTo: '2025-12-31' };

/**
 * Closing a year (issue 16, item 6): proposed by the finance office, approved by another
 * person, after the adjustment period, with every line of the year settled.
 */
describe('closing a fiscal year on the embedded store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let lines: LineCommands;
  let propose: ProposeFiscalYearCloseHandler;
  let approve: ApproveFiscalYearCloseHandler;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'close-year-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    lines = new LineCommands(store);
    propose = new ProposeFiscalYearCloseHandler(store, lines);
    approve = new ApproveFiscalYearCloseHandler(store, lines);
    await registerReference(store, ['LDTBXH']);
    await new AllocateFundsHandler(store, lines).execute(
      new AllocateFundsCommand(context(admin, '2024-03-25'), KEY, 1_000_000n, '30/QĐ-UBND', [
        '30/QĐ-UBND',
      ]),
    );
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const yearStream = () => store.readStream(fiscalYearStreamId(2024));
  const settle = () =>
    lines.run(LINE, context(admin, '2025-01-20'), {
      type: 'CancelFunds',
      data: {
        amount: 1_000_000n,
        decision: '45/QĐ-UBND',
        reason: 'Hủy dự toán không sử dụng hết',
        ...registeredDecision('45/QĐ-UBND', '2025-01-15'),
      },
    });
  const approveOn = (effectiveDate: string | null, actor = approver) =>
    approve.execute(
      new ApproveFiscalYearCloseCommand(
        { ...context(actor, effectiveDate ?? '2025-02-20'), effectiveDate },
        2024,
        IN_FORCE,
      ),
    );

  it('refuses a line with money left, naming it, and records nothing', async () => {
    const error = await propose
      .execute(new ProposeFiscalYearCloseCommand(context(admin, '2025-02-15'), 2024))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'FISCAL_YEAR.LINES_NOT_SETTLED',
      details: { lines: '1', line: LINE },
    });
    expect((error as { messages: { vi: string } }).messages.vi).toContain('1.000.000');
    expect(await yearStream()).toEqual([]);
  });

  it('refuses a date within the adjustment period (to 31/01 of the next year)', async () => {
    await settle();
    await expect(
      propose.execute(new ProposeFiscalYearCloseCommand(context(admin, '2025-01-31'), 2024)),
    ).rejects.toMatchObject({ code: 'FISCAL_YEAR.ADJUSTMENT_PERIOD_NOT_OVER' });
    expect(await yearStream()).toEqual([]);
  });

  it('is proposed by the finance office only', async () => {
    await settle();
    await expect(
      propose.execute(new ProposeFiscalYearCloseCommand(context(officer, '2025-02-15'), 2024)),
    ).rejects.toMatchObject({ code: 'AUTH.ROLE_FORBIDDEN' });
  });

  it('is approved by another person, not before the proposal; then takes only corrections', async () => {
    await settle();
    await expect(approveOn('2025-02-20')).rejects.toMatchObject({
      code: 'FISCAL_YEAR.CLOSE_NOT_PROPOSED',
    });
    await propose.execute(new ProposeFiscalYearCloseCommand(context(admin, '2025-02-15'), 2024));
    // The proposer's other account, as an approver, is the same person.
    const twin = { ...approver, userId: 'u-admin-approver', personId: admin.userId };
    await expect(approveOn('2025-02-20', twin)).rejects.toMatchObject({
      code: 'AUTH.SEGREGATION_OF_DUTIES',
    });
    await expect(approveOn('2025-02-10')).rejects.toMatchObject({
      code: 'DATE.BEFORE_DECIDED_ITEM',
    });
    expect((await yearStream()).map((e) => e.type)).toEqual(['FiscalYearCloseProposed']);
    await approveOn(null);
    const stream = await yearStream();
    expect(stream.map((e) => [e.type, e.metadata.effectiveDate])).toEqual([
      ['FiscalYearCloseProposed', '2025-02-15'],
      ['FiscalYearClosed', '2025-02-15'],
    ]);
    expect(stream[1]?.data).toMatchObject({
      approvedBy: approver.userId,
      proposedBy: admin.userId,
      lines: 1,
    });
    await expect(approveOn('2025-02-20')).rejects.toMatchObject({
      code: 'FISCAL_YEAR.ALREADY_CLOSED',
    });
    await expect(
      lines.run(LINE, context(admin, '2025-02-20'), {
        type: 'CancelFunds',
        data: {
          amount: 1n,
          decision: '46/QĐ-UBND',
          reason: 'x',
          ...registeredDecision('46/QĐ-UBND', '2025-01-15'),
        },
      }),
    ).rejects.toMatchObject({ code: 'BUDGET.FISCAL_YEAR_CLOSED' });
  });
});
