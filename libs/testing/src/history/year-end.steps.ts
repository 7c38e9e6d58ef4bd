import { lapseReference, type Actor, type BudgetLineCommand } from '@app/budgeting';

type Run = (
  lineId: string,
  actor: Actor,
  on: string,
  command: Omit<BudgetLineCommand, 'actor' | 'on'>,
) => Promise<unknown>;

interface Open {
  readonly lineId: string;
  readonly id: string;
  readonly status: 'proposed' | 'approved' | 'sent' | 'disbursed';
}

const ADMIN: Actor = { userId: 'gen-admin', name: 'Quản trị', role: 'admin', unit: null };
const OFFICER: Actor = { userId: 'gen-officer', name: 'Cán bộ', role: 'officer', unit: null };
const APPROVER: Actor = {
  userId: 'gen-approver',
  name: 'Phó Chủ tịch',
  role: 'approver',
  unit: null,
};
const ACCOUNTANT: Actor = {
  userId: 'gen-accountant',
  name: 'Kế toán',
  role: 'accountant',
  unit: null,
};
const AUTHORITY = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: [],
  units: [],
  validFrom: null,
  validTo: null,
};
const DECISION = (number: string, issuedOn: string) => ({
  number,
  issuedOn,
  issuer: 'UBND huyện Ba Tơ',
});

/** Before the lapse: a decision keeps one approved, unpaid expenditure of each carry-over. */
export async function retainBeforeLapse(run: Run, open: readonly Open[]): Promise<void> {
  const kept = new Set<string>();
  for (const e of open) {
    if (e.status !== 'approved' || !e.lineId.includes('.2023.') || kept.has(e.lineId)) continue;
    kept.add(e.lineId);
    await run(e.lineId, ADMIN, '2024-12-20', {
      type: 'RetainCommitments',
      data: {
        decision: DECISION('15/QĐ-UBND', '2024-12-20'),
        expenditureIds: [e.id],
        until: '2025-01-20',
      },
    });
  }
}

/**
 * After the lapse: a voucher of 30/12 entered late on each carry-over, as a correction of
 * its lapse (proposed, approved, paid on their own dates), and money left unspent on the
 * higher levels' lines returned to them.
 */
export async function afterLapse(run: Run, lines: readonly string[], seed: number): Promise<void> {
  for (const lineId of lines.filter((l) => l.includes('.2023.'))) {
    const expenditureId = `late-${seed}-${lineId}`;
    const correction = {
      corrects: lapseReference(lineId, '2024-12-31'),
      reason: 'Chứng từ ngày 30/12/2024 nhập muộn',
      approvedBy: 'gen-chief-accountant',
    };
    const proposed = await run(lineId, OFFICER, '2024-12-30', {
      type: 'ProposeExpenditure',
      correction,
      data: {
        expenditureId,
        amount: 1_000_000n,
        category: 'training',
        description: 'Chứng từ nhập muộn',
        payee: 'Đơn vị',
        activity: null,
        voucher: null,
        personDays: null,
        jointTeam: false,
        leadAgency: 'LDTBXH',
      },
    });
    if (!proposed) continue;
    await run(lineId, APPROVER, '2024-12-30', {
      type: 'ApproveExpenditure',
      data: { expenditureId, authority: AUTHORITY, legalBasis: ['30/QĐ-UBND'] },
    });
    await run(lineId, ACCOUNTANT, '2024-12-31', {
      type: 'DisburseExpenditure',
      data: { expenditureId, voucher: `UNC-LATE-${seed}`, paidOn: '2024-12-31' },
    });
  }
  for (const lineId of lines.filter((l) => !l.includes('.2023.') && !l.includes('.district.'))) {
    await run(lineId, ADMIN, '2025-01-15', {
      type: 'ReturnFunds',
      data: {
        amount: 1_000_000n,
        source: 'unspent',
        toLevel: lineId.includes('.central.') ? 'central' : 'provincial',
        decision: DECISION('40/QĐ-UBND', '2025-01-15'),
        reason: 'Hoàn trả kinh phí không sử dụng hết',
      },
    });
  }
}
