import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import {
  budgetLineStreamId,
  citationOf,
  parseBudgetLineId,
  type BudgetLineEvent,
} from '@app/budgeting';
import { encodeEvent } from '../event-codec';
import { admin, context, officer, registerReference } from '../testing/command-context.fixture';
import { LineCommands } from '../shared/line-commands';
import {
  ExtendCarryOverDeadlineCommand,
  ExtendCarryOverDeadlineHandler,
} from './extend-deadline.handler';
import { lookUpCitedDecision } from './allocation-facts';

// Two lines of 2023 money carried into 2024 until 31/12/2024, and one of 2024 money.
const A = '2024.DA6.TDA2.central.2023.LDTBXH';
const B = '2024.DA7.TDA1.district.2023.LDTBXH';
const PLAIN = '2024.DA7.TDA1.central.2024.LDTBXH';
const decision = { number: '20/QĐ-UBND', issuedOn: '2024-12-15', issuer: 'UBND huyện Ba Tơ' };

/**
 * Gia hạn through its handler (the rule is specified in libs/budgeting): one decision
 * extends every line it names or none, each line's append under its own command id, so a
 * retried request finishes what a crash left half done and repeats nothing. Also in the
 * mutation run (jest.mutation.config.js).
 */
describe('extending carry-over deadlines on the embedded store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let lines: LineCommands;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'extend-deadline-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    lines = new LineCommands(store);
    // The decisions the specs extend by, in the register of documents (21/QĐ-UBND too).
    await registerReference(store, [], [decision, { ...decision, number: '21/QĐ-UBND' }]);
    for (const line of [A, B, PLAIN]) {
      const key = parseBudgetLineId(line);
      const carried = key.sourceYear < key.fiscalYear;
      const events: BudgetLineEvent[] = [
        { type: 'BudgetLineOpened', data: { budgetLineId: line, ...key } },
        carried
          ? {
              type: 'FundsCarriedIn',
              data: {
                budgetLineId: line,
                amount: 250_000n,
                decision: '699/QĐ-UBND',
                transferId: `c699-${line}`,
                fromLine: null,
                deadline: '2024-12-31',
              },
            }
          : {
              type: 'FundsAllocated',
              data: {
                budgetLineId: line,
                amount: 1_000_000n,
                decision: '30/QĐ-UBND',
                legalBasis: ['30/QĐ-UBND'],
              },
            },
      ];
      await store.append(
        budgetLineStreamId(line),
        events.map((e) =>
          encodeEvent(e, randomUUID(), {
            actor: officer.userId,
            correlationId: 'given',
            causationId: null,
            effectiveDate: '2024-03-19',
          }),
        ),
        { expectedRevision: 'any' },
      );
    }
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const extend = (
    named: string[],
    commandId: string,
    cited: { number: string; issuedOn: string; issuer?: string | null } = decision,
    deadline = '2025-06-30',
  ) =>
    new ExtendCarryOverDeadlineHandler(store, lines).execute(
      new ExtendCarryOverDeadlineCommand(
        { ...context(admin, '2024-12-20', commandId), extra: { requestId: 'r-1' } },
        named,
        cited,
        deadline,
        false,
      ),
    );
  const extensionsOf = async (line: string) =>
    (await store.readStream(budgetLineStreamId(line))).filter(
      (e) => e.type === 'CarryOverDeadlineExtended',
    );
  const eventCount = async () => {
    let n = 0;
    for (const line of [A, B, PLAIN])
      n += (await store.readStream(budgetLineStreamId(line))).length;
    return n;
  };

  it('extends each line named once, citing the decision, and answers with the last position', async () => {
    const answer = await extend([A, B, A], 'ext-1');
    const [onA] = await extensionsOf(A);
    const [onB] = await extensionsOf(B);
    for (const [line, event] of [
      [A, onA],
      [B, onB],
    ] as const) {
      expect(await extensionsOf(line)).toHaveLength(1);
      expect(event?.data).toEqual({
        budgetLineId: line,
        decision,
        previousDeadline: '2024-12-31',
        deadline: '2025-06-30',
        restoredAmount: '0',
      });
      // The request's own metadata kept, the decision added for the audit trail.
      expect(event?.metadata.extra).toMatchObject({ requestId: 'r-1', decision: '20/QĐ-UBND' });
    }
    expect(answer).toEqual({
      id: '20/QĐ-UBND',
      position: onB!.position.toString(),
      lines: [A, B],
    });
    expect((await lines.state(A)).carryOverDeadline).toBe('2025-06-30');
  });

  it('takes the issuer from the decision number when none is given', async () => {
    await extend([A], 'ext-issuer', { number: '20/QĐ-UBND', issuedOn: '2024-12-15' });
    const [event] = await extensionsOf(A);
    expect(event?.data.decision).toEqual({
      number: '20/QĐ-UBND',
      issuedOn: '2024-12-15',
      issuer: 'UBND',
    });
  });

  it('records nothing on any line when one line named may not be extended', async () => {
    const before = await eventCount();
    await expect(extend([A, PLAIN, B], 'ext-2')).rejects.toMatchObject({
      code: 'BUDGET.NO_CARRY_OVER_DEADLINE',
    });
    expect(await eventCount()).toBe(before);
  });

  it('records nothing on any line when the decision is not in the register, or cited with another date', async () => {
    const before = await eventCount();
    await expect(
      extend([A, B], 'ext-unregistered', { ...decision, number: '99/QĐ-UBND' }),
    ).rejects.toMatchObject({
      code: 'DOCUMENT.NOT_REGISTERED',
      details: { field: 'decision', decision: '99/QĐ-UBND' },
    });
    await expect(
      extend([A, B], 'ext-misdated', { ...decision, issuedOn: '2024-12-14' }),
    ).rejects.toMatchObject({
      code: 'DOCUMENT.ISSUED_ON_MISMATCH',
      details: { field: 'decisionIssuedOn', issuedOn: '2024-12-15' },
    });
    expect(await eventCount()).toBe(before);
  });

  it('refuses a malformed line id before reading any line', async () => {
    const before = await eventCount();
    await expect(extend([A, '2024.DA6.TDA2'], 'ext-3')).rejects.toMatchObject({
      details: { field: 'budgetLineId' },
    });
    expect(await eventCount()).toBe(before);
  });

  it('repeats nothing when the same request comes again', async () => {
    await extend([A, B], 'ext-4');
    const again = await extend([A, B], 'ext-4');
    expect(await extensionsOf(A)).toHaveLength(1);
    expect(await extensionsOf(B)).toHaveLength(1);
    expect(again.lines).toEqual([A, B]);
  });

  it('finishes a request a crash left half done, extending the first line once', async () => {
    // The crash: the first line's append landed, under the id the handler gives it.
    await lines.run(A, context(admin, '2024-12-20', `ext-5:${A}`), {
      type: 'ExtendCarryOverDeadline',
      data: {
        decision: citationOf(decision.number, decision.issuedOn, decision.issuer),
        decisionDocument: await lookUpCitedDecision(store, decision),
        deadline: '2025-06-30',
        coversLapsed: false,
      },
    });
    await extend([A, B], 'ext-5');
    expect(await extensionsOf(A)).toHaveLength(1);
    expect(await extensionsOf(B)).toHaveLength(1);
  });

  it('takes a later request as new: another decision, or the same decision to a later deadline', async () => {
    await extend([A], 'ext-6');
    await extend([A], 'ext-7', { ...decision, number: '21/QĐ-UBND' }, '2025-09-30');
    await extend([A], 'ext-8', decision, '2025-12-31');
    expect((await extensionsOf(A)).map((e) => e.data.deadline)).toEqual([
      '2025-06-30',
      '2025-09-30',
      '2025-12-31',
    ]);
  });

  it('refuses another decision setting the deadline the line already has', async () => {
    await extend([A], 'ext-9');
    await expect(
      extend([A], 'ext-10', { ...decision, number: '22/QĐ-UBND' }),
    ).rejects.toMatchObject({ code: 'BUDGET.DEADLINE_NOT_LATER' });
    expect(await extensionsOf(A)).toHaveLength(1);
  });
});
