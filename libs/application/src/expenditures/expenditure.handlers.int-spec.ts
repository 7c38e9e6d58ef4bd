import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@app/event-store';
import { DomainError, budgetLineStreamId, type Actor, type BudgetLineKey } from '@app/budgeting';
import { deterministicUuid } from '../deterministic-id';
import {
  accountant,
  admin,
  approver,
  authority,
  officer,
  context as contextOn,
  givenClosedYear,
  registerReference,
} from '../testing/command-context.fixture';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import { LineCommands } from '../shared/line-commands';
import { ProgramSettings } from '../shared/program-settings';
import {
  ApproveExpenditureCommand,
  ApproveExpenditureHandler,
  DisburseExpenditureCommand,
  DisburseExpenditureHandler,
  RejectExpenditureCommand,
  RejectExpenditureHandler,
  ReverseExpenditureCommand,
  ReverseExpenditureHandler,
} from './decide-expenditure.handlers';
import {
  ProposeExpenditureCommand,
  ProposeExpenditureHandler,
  type ProposeExpenditureInput,
} from './propose-expenditure.handler';

const key = (unit: string, programPart = 'DA7.TDA1'): BudgetLineKey => ({
  fiscalYear: 2024,
  programPart,
  fundSource: 'central',
  sourceYear: 2024,
  unit,
});
const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const OTHER_LINE = '2024.DA7.TDA1.central.2024.YTE';

const spending = (extra: Partial<ProposeExpenditureInput> = {}): ProposeExpenditureInput => ({
  budgetLineId: LINE,
  amount: 600_000n,
  category: 'training',
  description: 'Tập huấn',
  payee: 'Trung tâm Chính trị huyện',
  activity: null,
  voucher: null,
  personDays: null,
  jointTeam: false,
  correction: null,
  ...extra,
});

const context = (actor: Actor, effectiveDate = '2024-05-10', commandId?: string) =>
  contextOn(actor, effectiveDate, commandId);

describe('expenditure command handlers on the embedded store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let lines: LineCommands;
  let propose: ProposeExpenditureHandler;

  const log = async (): Promise<RecordedEvent[]> => store.readAll({ maxCount: 100_000 });
  const lineEvents = async (line = LINE): Promise<RecordedEvent[]> =>
    store.readStream(budgetLineStreamId(line));
  const proposeOne = async (extra: Partial<ProposeExpenditureInput> = {}, on = '2024-05-10') =>
    propose.execute(new ProposeExpenditureCommand(context(officer, on), spending(extra)));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handlers-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    lines = new LineCommands(store);
    propose = new ProposeExpenditureHandler(store, lines, new ProgramSettings('LDTBXH'));
    const allocate = new AllocateFundsHandler(store, lines);
    await registerReference(store, ['LDTBXH', 'YTE']);
    for (const unit of ['LDTBXH', 'YTE']) {
      await allocate.execute(
        new AllocateFundsCommand(
          context(admin, '2024-03-25'),
          key(unit),
          1_000_000n,
          '30/QĐ-UBND',
          ['30/QĐ-UBND'],
        ),
      );
    }
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('proposing', () => {
    it('claims the voucher, files the expenditure under its line and records the proposal, answering its position', async () => {
      const ctx = context(officer);
      const before = (await store.headPosition()) ?? 0n;
      const answer = await propose.execute(
        new ProposeExpenditureCommand(ctx, spending({ voucher: 'hđ-0012' })),
      );
      expect(answer.id).toBe(deterministicUuid('expenditure', officer.userId, ctx.commandId));
      const written = (await log()).filter((e) => e.position > before);
      expect(written.map((e) => [e.streamId, e.type])).toEqual([
        ['voucher-HĐ0012', 'VoucherClaimed'],
        [`expenditure-${answer.id}`, 'ExpenditureFiled'],
        [budgetLineStreamId(LINE), 'ExpenditureProposed'],
      ]);
      expect(answer.position).toBe(written.at(-1)!.position.toString());
      expect(written.at(-1)).toMatchObject({
        data: { expenditureId: answer.id, amount: '600000', proposedBy: 'u-officer' },
        metadata: { actor: 'u-officer', effectiveDate: '2024-05-10' },
      });
    });

    it('answers a retried proposal with the same expenditure, recording nothing twice', async () => {
      const ctx = context(officer);
      const first = await propose.execute(new ProposeExpenditureCommand(ctx, spending()));
      const count = (await log()).length;
      const again = await propose.execute(new ProposeExpenditureCommand(ctx, spending()));
      expect(again.id).toBe(first.id);
      expect((await log()).length).toBe(count);
    });

    it('refuses a voucher another line has claimed, however it is typed, recording nothing', async () => {
      await proposeOne({ voucher: 'HĐ-0012' });
      const count = (await log()).length;
      const districtOfficer: Actor = { ...officer, userId: 'u-huyen', unit: null };
      const error = await propose
        .execute(
          new ProposeExpenditureCommand(
            context(districtOfficer),
            spending({ budgetLineId: OTHER_LINE, voucher: 'hđ 0012' }),
          ),
        )
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'BUDGET.DOUBLE_FUNDING' });
      expect((await log()).length).toBe(count);
    });

    it('checks the line before anything is written: a refused proposal claims no voucher', async () => {
      const outsider: Actor = { ...officer, userId: 'u-yte', unit: 'YTE' };
      const count = (await log()).length;
      await expect(
        propose.execute(
          new ProposeExpenditureCommand(context(outsider), spending({ voucher: 'HĐ-9' })),
        ),
      ).rejects.toMatchObject({ code: 'AUTH.UNIT_FORBIDDEN' });
      expect((await log()).length).toBe(count);
      // The voucher is still free for a proposal that is allowed.
      await proposeOne({ voucher: 'HĐ-9' });
    });

    it('lets only the lead agency of this deployment pay study tours', async () => {
      await proposeOne({ category: 'study_tour' });
      const elsewhere = new ProposeExpenditureHandler(store, lines, new ProgramSettings('YTE'));
      await expect(
        elsewhere.execute(
          new ProposeExpenditureCommand(context(officer), spending({ category: 'study_tour' })),
        ),
      ).rejects.toMatchObject({ code: 'BUDGET.LEAD_AGENCY_PAYS_JOINT_TEAMS' });
    });

    it('takes only corrections once the fiscal year is closed', async () => {
      await givenClosedYear(store, 2024);
      await expect(proposeOne()).rejects.toMatchObject({ code: 'BUDGET.FISCAL_YEAR_CLOSED' });
      const correction = { corrects: 'e0', reason: 'Ghi thiếu' };
      await proposeOne({ correction });
      expect((await lineEvents()).at(-1)).toMatchObject({
        type: 'ExpenditureProposed',
        data: { correction },
      });
    });
  });

  describe('deciding on a proposal', () => {
    let id: string;
    beforeEach(async () => {
      id = (await proposeOne({}, '2024-05-10')).id;
    });

    it('approves it on the date of its proposal unless told otherwise, keeping who signed and why', async () => {
      const approve = new ApproveExpenditureHandler(lines);
      const answer = await approve.execute(
        new ApproveExpenditureCommand(
          { ...context(approver), effectiveDate: null },
          id,
          authority,
          ['30/QĐ-UBND'],
        ),
      );
      const last = (await lineEvents()).at(-1)!;
      expect(answer).toEqual({ id, position: last.position.toString() });
      expect(last).toMatchObject({
        type: 'ExpenditureApproved',
        data: { expenditureId: id, amount: '600000' },
        metadata: {
          actor: 'u-tich',
          effectiveDate: '2024-05-10',
          extra: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch', legalBasis: ['30/QĐ-UBND'] },
        },
      });
    });

    it('approves it on the date it is given', async () => {
      await new ApproveExpenditureHandler(lines).execute(
        new ApproveExpenditureCommand(context(approver, '2024-05-12'), id, authority, []),
      );
      expect((await lineEvents()).at(-1)?.metadata.effectiveDate).toBe('2024-05-12');
    });

    it('refuses an approval without a delegation, keeping no capacity', async () => {
      await expect(
        new ApproveExpenditureHandler(lines).execute(
          new ApproveExpenditureCommand(context(approver), id, null, []),
        ),
      ).rejects.toMatchObject({ code: 'AUTH.OUTSIDE_DELEGATION' });
    });

    it('rejects it with its reason, on the date of its proposal', async () => {
      const answer = await new RejectExpenditureHandler(lines).execute(
        new RejectExpenditureCommand(
          { ...context(approver), effectiveDate: null },
          id,
          authority,
          'Thiếu hồ sơ',
        ),
      );
      const last = (await lineEvents()).at(-1)!;
      expect(answer).toEqual({ id, position: last.position.toString() });
      expect(last).toMatchObject({
        type: 'ExpenditureRejected',
        data: { expenditureId: id, reason: 'Thiếu hồ sơ', rejectedBy: 'u-tich' },
        metadata: { effectiveDate: '2024-05-10' },
      });
    });

    it('pays it on the date the Treasury paid, then reverses it on the date of the proposal', async () => {
      await new ApproveExpenditureHandler(lines).execute(
        new ApproveExpenditureCommand(context(approver, '2024-05-12'), id, authority, []),
      );
      const paid = await new DisburseExpenditureHandler(lines).execute(
        new DisburseExpenditureCommand(
          context(accountant, '2024-12-01'),
          id,
          'UNC-1',
          '2024-05-20',
        ),
      );
      const afterPay = (await lineEvents()).at(-1)!;
      expect(paid).toEqual({ id, position: afterPay.position.toString() });
      expect(afterPay).toMatchObject({
        type: 'ExpenditureDisbursed',
        data: { voucher: 'UNC-1', paidOn: '2024-05-20', amount: '600000' },
        metadata: { effectiveDate: '2024-05-20' },
      });
      const reversed = await new ReverseExpenditureHandler(lines).execute(
        new ReverseExpenditureCommand(
          { ...context(accountant), effectiveDate: null },
          id,
          'Kho bạc từ chối',
        ),
      );
      const last = (await lineEvents()).at(-1)!;
      expect(reversed).toEqual({ id, position: last.position.toString() });
      expect(last).toMatchObject({
        type: 'ExpenditureReversed',
        data: { reason: 'Kho bạc từ chối', committedAmount: '600000', disbursedAmount: '600000' },
        metadata: { effectiveDate: '2024-05-10' },
      });
    });

    it('refuses a decision on an expenditure nobody proposed', async () => {
      const error = await new RejectExpenditureHandler(lines)
        .execute(new RejectExpenditureCommand(context(approver), 'nope', authority, 'x'))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'EXPENDITURE.NOT_FOUND', kind: 'not_found' });
      expect((error as DomainError).messages.en).toContain('nope');
    });
  });
});
