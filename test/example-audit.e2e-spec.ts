import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { budgetLineId } from '@app/budgeting';
import { loadDataSet, type DataSet } from '@app/application';
import { DashboardSessions, SESSION_COOKIE } from '@app/api';
import { ApiHarness } from './support/api-harness';
import { budget } from './support/budget-cli';

const EXAMPLE = join(__dirname, '..', 'examples', 'ba-to-2024');

/** A history entry as GET …/history and `budget history --json` give it (the fields asked). */
interface Entry {
  readonly type: string;
  readonly expenditureId: string | null;
  readonly description: string | null;
  readonly effectiveDate: string;
  readonly signatures?: readonly { capacity: string; person: string; name: string }[];
  readonly treasury?: {
    step: string;
    paymentOrder?: string;
    paidOn?: string;
    dossier?: string;
    reason?: string;
  };
  readonly economicCode?: string;
  readonly classification?: Record<string, string>;
  readonly plan?: { activityId: string; decision: string };
  readonly norms?: { applied: readonly { normId: string; kind: string }[] };
}

/** What an auditor asks of one payment, as the ledger answers it. */
interface Answer {
  readonly signedAs: readonly string[];
  readonly signers: readonly string[];
  readonly approvalSignatures: readonly string[];
  readonly accepted: { paymentOrder?: string; paidOn?: string } | null;
  readonly refusals: readonly string[];
  readonly economicCode: string | undefined;
  readonly classification: Record<string, string> | undefined;
  readonly activity: string | undefined;
  readonly plan: string | undefined;
  readonly normRows: readonly string[];
}

/** Each payment's answers from its line's history, by the payment's description. */
function answersOf(entries: readonly Entry[]): Map<string, Answer> {
  const answers = new Map<string, Answer>();
  for (const proposal of entries.filter((e) => e.type === 'ExpenditureProposed')) {
    const own = entries.filter((e) => e.expenditureId === proposal.expenditureId);
    const signed = own.filter((e) => e.type === 'ExpenditureSigned');
    const approval = own.find((e) => e.type === 'ExpenditureApproved');
    const accepted = own.find(
      (e) => e.type === 'ExpenditureDisbursed' && e.treasury?.step === 'accepted',
    );
    answers.set(proposal.description ?? '', {
      signedAs: signed.map((e) => e.signatures?.[0]?.capacity ?? '?').sort(),
      signers: signed.map((e) => e.signatures?.[0]?.person ?? '?').sort(),
      approvalSignatures: (approval?.signatures ?? []).map((s) => `${s.capacity}:${s.person}`),
      accepted: accepted?.treasury
        ? { paymentOrder: accepted.treasury.paymentOrder, paidOn: accepted.treasury.paidOn }
        : null,
      refusals: own
        .filter((e) => e.type === 'ExpenditureRefusedByTreasury')
        .map((e) => e.treasury?.reason ?? ''),
      economicCode: proposal.economicCode,
      classification: proposal.classification,
      activity: proposal.plan?.activityId,
      plan: proposal.plan?.decision,
      normRows: (proposal.norms?.applied ?? []).map((a) => a.normId),
    });
  }
  return answers;
}

/**
 * Issue 17, "Done when": for any payment of the example, an auditor can answer who signed
 * in which capacity (both), when the Treasury accepted it and under which payment order,
 * under which budget code and plan activity, which norm row applied — through the CLI's
 * history, HTTP and the dashboard's line page. The expected answers are read from the
 * example's own files (payments.yaml, units.yaml, budget-lines.yaml, plan.yaml).
 */
describe('the auditor’s questions of every payment of the Ba Tơ example', () => {
  let dir: string;
  let example: DataSet;
  let api: ApiHarness;
  let auditor: string;
  const payments = () => example.payments?.payments ?? [];
  const lineOf = (p: ReturnType<typeof payments>[number]) =>
    budgetLineId({ fiscalYear: 2024, ...p.line });

  /** What the example's files say each answer must be. */
  const expected = (p: ReturnType<typeof payments>[number]): Answer => {
    const signatories = example.units.find((u) => u.code === p.line.unit)?.signatories ?? [];
    const holder = signatories.find((s) => s.capacity === 'account_holder')?.personId;
    const chief = signatories.find((s) => s.capacity === 'chief_accountant')?.personId;
    const accepted = p.treasury?.find((t) => t.step === 'accepted');
    const line = example.lines?.lines.find(
      (l) =>
        l.programPart === p.line.programPart &&
        l.fundSource === p.line.fundSource &&
        l.sourceYear === p.line.sourceYear,
    );
    return {
      signedAs: ['account_holder', 'chief_accountant'],
      signers: [holder ?? '?', chief ?? '?'].sort(),
      approvalSignatures: [`account_holder:${holder ?? '?'}`, `chief_accountant:${chief ?? '?'}`],
      accepted:
        accepted?.step === 'accepted'
          ? { paymentOrder: accepted.paymentOrder, paidOn: accepted.on }
          : null,
      refusals: (p.treasury ?? []).flatMap((t) => (t.step === 'refused' ? [t.reason] : [])),
      economicCode: p.economicCode,
      classification: line?.classification ? { ...line.classification } : undefined,
      activity: p.activity,
      plan: example.plan?.number ?? undefined,
      normRows: p.normClaim
        ? p.normClaim.items.map((i) =>
            // The central rows of 40/2017/TT-BTC: the province's placeholders never apply.
            i.kind === 'per_diem' ? 'tt40-2017.per-diem' : 'tt40-2017.lodging.lump-sum.other',
          )
        : [],
    };
  };

  beforeAll(async () => {
    const loaded = await loadDataSet(EXAMPLE);
    if (!loaded.dataSet) throw new Error(JSON.stringify(loaded.problems));
    example = loaded.dataSet;
    dir = mkdtempSync(join(tmpdir(), 'example-audit-'));
    const imported = await budget(join(dir, 'data'), 'import', EXAMPLE);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    api = await ApiHarness.start({ BUDGET_DATA_DIR: join(dir, 'data') });
    auditor = api.user('Kiểm toán viên Nhà nước', 'auditor');
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the example has payments of each kind asked for: refused then accepted, normed, an advance settled', () => {
    expect(payments().map((p) => p.treasury?.map((t) => t.step).join('>'))).toEqual([
      'sent>refused>sent>accepted',
      'sent>accepted',
      'sent>accepted',
    ]);
    expect(payments().filter((p) => p.normClaim)).toHaveLength(1);
    expect(payments().filter((p) => p.kind === 'advance' && p.settlements)).toHaveLength(1);
  });

  it('answers through HTTP (GET /budget-lines/{id}/history)', async () => {
    for (const p of payments()) {
      const res = await api.get(`/api/v1/budget-lines/${lineOf(p)}/history`, auditor).expect(200);
      const answer = answersOf((res.body as { entries: Entry[] }).entries).get(p.description);
      expect({ payment: p.id, ...answer }).toEqual({ payment: p.id, ...expected(p) });
    }
    // Spot checks in the ledger's own words, not derived from the files.
    const pano = await api
      .get(`/api/v1/budget-lines/2024.DA6.TDA2.central.2024.LDTBXH/history`, auditor)
      .expect(200);
    expect(
      answersOf((pano.body as { entries: Entry[] }).entries).get(
        'Làm 15 pano tuyên truyền 2 mặt về giảm nghèo đa chiều',
      ),
    ).toMatchObject({
      accepted: { paymentOrder: 'UNC-2024-0731-015', paidOn: '2024-07-31' },
      economicCode: '6606',
      classification: { chapter: '622', sector: '398', program: '0356', source: '12' },
      activity: 'DA6.TDA2-pano',
      plan: '89/KH-UBND',
    });
  });

  it('answers the same through `budget history --json`, and says it in words in the table', async () => {
    for (const p of payments()) {
      const run = await budget(join(dir, 'data'), 'history', lineOf(p), '--json');
      expect(run.code).toBe(0);
      const answer = answersOf((JSON.parse(run.stdout) as { entries: Entry[] }).entries).get(
        p.description,
      );
      expect({ payment: p.id, ...answer }).toEqual({ payment: p.id, ...expected(p) });
    }
    const table = await budget(join(dir, 'data'), 'history', '2024.DA7.TDA2.central.2024.LDTBXH');
    expect(table.code).toBe(0);
    for (const words of [
      'Chủ tài khoản: Trưởng phòng LĐ-TB&XH (minh họa) (Trưởng phòng, mẫu chữ ký KBBT-2024-017)',
      'Kế toán trưởng: Kế toán trưởng Phòng LĐ-TB&XH (minh họa)',
      'UNC-2024-0812-021',
      'tiểu mục 6702; chương 622, khoản 398, CTMTQG 0357, nguồn 12',
      'hoạt động DA7.TDA2-kiem-tra, kế hoạch LDTBXH 2024 (89/KH-UBND',
      '40/2017/TT-BTC',
    ]) {
      expect(table.stdout.replace(/\s+/g, ' ')).toContain(words);
    }
  }, 120_000);

  it("answers on the dashboard's page of the line", async () => {
    const session = await api.app.get(DashboardSessions).open(auditor);
    const page = await request(api.app.getHttpServer())
      .get('/lines/2024.DA7.TDA2.central.2024.LDTBXH')
      .set('Cookie', `${SESSION_COOKIE}=${session ?? ''}`)
      .expect(200);
    const text = page.text.replace(/\s+/g, ' ');
    for (const words of [
      'Chữ ký',
      'Chủ tài khoản: Trưởng phòng LĐ-TB&amp;XH (minh họa)',
      'Kế toán trưởng: Kế toán trưởng Phòng LĐ-TB&amp;XH (minh họa)',
      'UNC-2024-0812-021',
      'tiểu mục 6702; chương 622, khoản 398, CTMTQG 0357, nguồn 12',
      'DA7.TDA2-kiem-tra, kế hoạch LDTBXH 2024 (89/KH-UBND',
      '40/2017/TT-BTC',
    ]) {
      expect(text).toContain(words);
    }
  });
});
