import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import {
  budgetLineId,
  voucherStreamId,
  type Actor,
  type Authority,
  type BudgetLineKey,
} from '@app/budgeting';
import type { CommandContext } from '../command-executor';
import {
  ProposeExpenditureCommand,
  ProposeExpenditureHandler,
} from '../expenditures/propose-expenditure.handler';
import { LineCommands } from '../shared/line-commands';
import { ProgramSettings } from '../shared/program-settings';
import { VoucherReleaseProcess } from './voucher-release.process';

const key: BudgetLineKey = {
  fiscalYear: 2024,
  programPart: 'DA7.TDA1',
  fundSource: 'central',
  sourceYear: 2024,
  unit: 'LDTBXH',
};
const lineId = budgetLineId(key);
const admin: Actor = { userId: 'u-admin', name: 'Quản trị', role: 'admin', unit: null };
const officer: Actor = { userId: 'u-officer', name: 'Cán bộ', role: 'officer', unit: 'LDTBXH' };
const approver: Actor = { userId: 'u-tich', name: 'Lữ Đình Tích', role: 'approver', unit: null };
const authority: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: ['DA7'],
  units: [],
  validFrom: '2024-01-01',
  validTo: '2024-12-31',
};
const context = (actor: Actor, commandId: string): CommandContext => ({
  actor,
  commandId,
  correlationId: commandId,
  causationId: null,
  effectiveDate: '2024-05-10',
  recordedOn: '2024-05-10',
});

describe('voucher release (on the cached line)', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'voucher-release-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the voucher of a rejected expenditure back, found in the line without reading it whole', async () => {
    const lines = new LineCommands(store);
    await lines.run(lineId, context(admin, 'allocate'), {
      type: 'AllocateFunds',
      data: {
        key,
        amount: 10_000_000n,
        decision: '30/QĐ-UBND',
        legalBasis: [],
        decisionDocument: {
          number: '30/QĐ-UBND',
          type: 'QĐ',
          issuer: 'UBND huyện Ba Tơ',
          issuedOn: '2024-03-25',
          amount: null,
          allocated: 0n,
        },
        unitRegistration: { code: key.unit, validFrom: '2021-01-01', validTo: null },
      },
    });
    const propose = new ProposeExpenditureHandler(store, lines, new ProgramSettings('LDTBXH'));
    const { id } = await propose.execute(
      new ProposeExpenditureCommand(context(officer, 'propose'), {
        budgetLineId: lineId,
        amount: 2_000_000n,
        category: 'meeting',
        description: 'Họp',
        payee: 'Văn phòng',
        activity: null,
        voucher: 'HĐ-0042',
        personDays: null,
        jointTeam: false,
        correction: null,
      }),
    );
    const rejected = await lines.run(lineId, context(approver, 'reject'), {
      type: 'RejectExpenditure',
      data: { expenditureId: id, authority, reason: 'Thiếu chứng từ' },
    });
    const [event] = await store.readAll({ after: (rejected.position ?? 0n) - 1n, maxCount: 1 });
    if (!event) throw new Error('the rejection is in the log');
    await new VoucherReleaseProcess(store, lines).handle(event);
    const voucher = await store.readStream(voucherStreamId('HĐ-0042'));
    expect(voucher.map((e) => e.type)).toEqual(['VoucherClaimed', 'VoucherReleased']);
    expect(voucher[1]?.data).toMatchObject({ expenditureId: id, reason: 'rejected' });
  });
});
