import { randomUUID } from 'node:crypto';
import { budgetLineStreamId, lapseReference, type BudgetLineEvent } from '@app/budgeting';
import { SYSTEM_ACTOR } from '../transfers/transfer.process';
import { encodeEvent } from '../event-codec';
import {
  accountant,
  admin,
  approver,
  context,
  embeddedLedgerPerTest,
  officer,
} from '../testing/command-context.fixture';
import { AllocateFundsCommand, AllocateFundsHandler } from './allocate-funds.handler';
import {
  RetainCommitmentsCommand,
  RetainCommitmentsHandler,
  ReturnFundsCommand,
  ReturnFundsHandler,
} from './lapse.handlers';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const CARRIED = '2024.DA6.TDA2.central.2023.LDTBXH';
const decision = { number: '15/QĐ-UBND', issuedOn: '2024-12-20', issuer: 'UBND huyện Ba Tơ' };

/**
 * The lapse's two commands through their handlers (issue 16, items 3 and 4; the rules
 * themselves are specified in libs/budgeting): what each records, under which id, and
 * the answer it gives. Also in the mutation run (jest.mutation.config.js).
 */
describe('retaining commitments and returning funds on the embedded store', () => {
  const ledger = embeddedLedgerPerTest('lapse-handlers', ['LDTBXH']);

  /** The line's history as the transfer process and the expenditure handlers record it. */
  const given = async (line: string, events: readonly [BudgetLineEvent, string][]) => {
    await ledger.store.append(
      budgetLineStreamId(line),
      events.map(([event, effectiveDate]) =>
        encodeEvent(event, randomUUID(), {
          actor: officer.userId,
          correlationId: 'given',
          causationId: null,
          effectiveDate,
        }),
      ),
      { expectedRevision: 'any' },
    );
  };
  const lastOf = async (line: string) =>
    (await ledger.store.readStream(budgetLineStreamId(line))).at(-1)!;

  describe('retaining approved, unpaid expenditures past the deadline', () => {
    beforeEach(async () => {
      const [fiscalYear, programPart, fundSource, sourceYear, unit] = [
        2024,
        'DA6.TDA2',
        'central',
        2023,
        'LDTBXH',
      ] as const;
      const expenditure = (id: string, amount: bigint): [BudgetLineEvent, string][] => [
        [
          {
            type: 'ExpenditureProposed',
            data: {
              budgetLineId: CARRIED,
              expenditureId: id,
              amount,
              category: 'training',
              description: 'Tập huấn cán bộ giảm nghèo',
              payee: 'Trung tâm Chính trị huyện',
              activity: null,
              voucher: null,
              personDays: null,
              jointTeam: false,
              proposedBy: officer.userId,
              correction: null,
            },
          },
          '2024-06-01',
        ],
        [
          {
            type: 'ExpenditureApproved',
            data: {
              budgetLineId: CARRIED,
              expenditureId: id,
              amount,
              approvedBy: approver.userId,
              authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
              legalBasis: ['699/QĐ-UBND'],
              normApplied: null,
            },
          },
          '2024-06-02',
        ],
      ];
      await given(CARRIED, [
        [
          {
            type: 'BudgetLineOpened',
            data: { budgetLineId: CARRIED, fiscalYear, programPart, fundSource, sourceYear, unit },
          },
          '2024-03-19',
        ],
        [
          {
            type: 'FundsCarriedIn',
            data: {
              budgetLineId: CARRIED,
              amount: 250_000n,
              decision: '699/QĐ-UBND',
              transferId: 'c699',
              fromLine: null,
              deadline: '2024-12-31',
            },
          },
          '2024-03-19',
        ],
        ...expenditure('e1', 100_000n),
        ...expenditure('e2', 50_000n),
      ]);
    });

    const retain = (ids: string[], commandId?: string) =>
      new RetainCommitmentsHandler(ledger.lines).execute(
        new RetainCommitmentsCommand(
          context(admin, '2024-12-20', commandId),
          CARRIED,
          decision,
          ids,
          '2025-03-31',
        ),
      );

    it('records the decision, the expenditures it keeps and until when, and answers with the line and position', async () => {
      const answer = await retain(['e1', 'e2']);
      const event = await lastOf(CARRIED);
      expect(event.type).toBe('CommitmentRetained');
      expect(event.data).toEqual({
        budgetLineId: CARRIED,
        decision,
        expenditureIds: ['e1', 'e2'],
        amount: '150000',
        until: '2025-03-31',
      });
      expect(event.metadata).toMatchObject({ actor: admin.userId, effectiveDate: '2024-12-20' });
      expect(answer).toEqual({ id: CARRIED, position: event.position.toString() });
    });

    it('records a retried request once, answering with the position it was recorded at', async () => {
      const first = await retain(['e1'], 'retain-once');
      const again = await retain(['e1'], 'retain-once');
      const retained = (await ledger.store.readStream(budgetLineStreamId(CARRIED))).filter(
        (e) => e.type === 'CommitmentRetained',
      );
      expect(retained).toHaveLength(1);
      expect(again).toEqual(first);
    });

    describe('then lapsed, and a payment made in time entered late', () => {
      const lapse = async () => {
        await ledger.lines.run(CARRIED, context(SYSTEM_ACTOR, '2025-01-01'), {
          type: 'LapseCarryOver',
          data: { today: '2025-01-01' },
        });
        const events = await ledger.store.readStream(budgetLineStreamId(CARRIED));
        return events.find((e) => e.type === 'CarryOverLapsed')!;
      };
      const payLate = (corrects: string) =>
        ledger.lines.run(
          CARRIED,
          { ...context(accountant, '2024-12-20'), recordedOn: '2025-02-10' },
          {
            type: 'DisburseExpenditure',
            data: { expenditureId: 'e1', voucher: 'UNC-0012', paidOn: '2024-12-20' },
            correction: { corrects, reason: 'Chứng từ nhập muộn', approvedBy: 'ke-toan-truong' },
          },
        );

      it('takes a correction citing the lapse by its event id, in any case, as citing the lapse', async () => {
        const lapsed = await lapse();
        await payLate(` ${lapsed.id.toUpperCase()} `);
        const corrected = (await ledger.store.readStream(budgetLineStreamId(CARRIED))).find(
          (e) => e.type === 'LapseCorrected',
        );
        expect(corrected?.data).toMatchObject({
          lapse: lapseReference(CARRIED, '2024-12-31'),
          expenditureId: 'e1',
          amount: '100000',
        });
      });

      it('leaves a correction citing an event that is no lapse for the line to refuse', async () => {
        await lapse();
        const [, carriedIn] = await ledger.store.readStream(budgetLineStreamId(CARRIED));
        await expect(payLate(carriedIn!.id)).rejects.toMatchObject({
          code: 'BUDGET.CORRECTION_WRONG_LAPSE',
        });
      });
    });

    it('refuses an officer, recording nothing', async () => {
      const before = (await ledger.store.readStream(budgetLineStreamId(CARRIED))).length;
      await expect(
        new RetainCommitmentsHandler(ledger.lines).execute(
          new RetainCommitmentsCommand(
            context(officer, '2024-12-20'),
            CARRIED,
            decision,
            ['e1'],
            '2025-03-31',
          ),
        ),
      ).rejects.toMatchObject({ code: 'AUTH.ROLE_FORBIDDEN' });
      expect(await ledger.store.readStream(budgetLineStreamId(CARRIED))).toHaveLength(before);
    });
  });

  describe('returning unspent money to the level it came from', () => {
    beforeEach(async () => {
      await new AllocateFundsHandler(ledger.store, ledger.lines).execute(
        new AllocateFundsCommand(
          context(admin, '2024-03-25'),
          {
            fiscalYear: 2024,
            programPart: 'DA7.TDA1',
            fundSource: 'central',
            sourceYear: 2024,
            unit: 'LDTBXH',
          },
          1_000_000n,
          '30/QĐ-UBND',
          ['30/QĐ-UBND'],
        ),
      );
    });

    const giveBack = (on: string, amount = 400_000n) =>
      new ReturnFundsHandler(ledger.lines).execute(
        new ReturnFundsCommand(
          context(admin, on),
          LINE,
          amount,
          'unspent',
          'central',
          { ...decision, issuedOn: '2025-01-10' },
          'Không sử dụng hết trong năm',
        ),
      );

    it('records each field of the return, and answers with the line and position', async () => {
      const answer = await giveBack('2025-01-15');
      const event = await lastOf(LINE);
      expect(event.type).toBe('FundsReturned');
      expect(event.data).toEqual({
        budgetLineId: LINE,
        amount: '400000',
        source: 'unspent',
        toLevel: 'central',
        decision: { ...decision, issuedOn: '2025-01-10' },
        reason: 'Không sử dụng hết trong năm',
      });
      expect(event.metadata).toMatchObject({ actor: admin.userId, effectiveDate: '2025-01-15' });
      expect(answer).toEqual({ id: LINE, position: event.position.toString() });
    });

    it('refuses more than the line holds, recording nothing', async () => {
      await expect(giveBack('2025-01-15', 1_000_001n)).rejects.toMatchObject({
        code: 'BUDGET.LINE_OVERDRAWN',
      });
      expect((await lastOf(LINE)).type).toBe('FundsAllocated');
    });
  });
});
