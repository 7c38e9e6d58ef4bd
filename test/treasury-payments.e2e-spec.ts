import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConservation } from '@app/application';
import { ApiHarness } from './support/api-harness';

const BIN = join(__dirname, '..', 'bin', 'budget.js');

/** `budget history` in a child process on the data folder, in the language asked. */
function history(dataDir: string, lang: 'vi' | 'en'): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, BUDGET_DATA_DIR: dataDir, BUDGET_LANG: lang };
  delete env.EVENT_STORE;
  delete env.READ_STORE;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'history', LINE], { cwd: tmpdir(), env });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('close', () => resolve(out));
  });
}

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';

/** Illustrative signatories of Phòng LĐ-TB&XH (the seed plan names none). */
const signatory = (personId: string, capacity: string, number: string) => ({
  capacity,
  standing: capacity === 'account_holder' ? 'head' : 'chief_accountant',
  personId,
  name: capacity === 'account_holder' ? 'Trưởng phòng LĐ-TB&XH' : 'Kế toán trưởng',
  title: capacity === 'account_holder' ? 'Trưởng phòng' : 'Kế toán trưởng',
  validFrom: '2024-01-02',
  specimen: { number, registeredOn: '2024-01-02' },
});

type Entry = Record<string, unknown> & { treasury?: Record<string, unknown> };

describe("a payment's life at the State Treasury (HTTP)", () => {
  let api: ApiHarness;
  let dataDir: string;
  let stopped = false;
  let admin: string;
  let officer: string;
  let head: string;
  let chief: string;
  let accountant: string;
  let otherAccountant: string;

  const line = async () =>
    (await api.get(`/api/v1/budget-lines/${LINE}`, officer).expect(200)).body as Record<
      string,
      string
    >;
  /** A refusal: 4xx problem+json with its code, and nothing recorded. */
  const refused = async (
    path: string,
    token: string,
    body: object,
    status: number,
    code: string,
  ): Promise<void> => {
    const before = await api.eventCount();
    const res = await api.post(path, token, body).expect(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code });
    expect(await api.eventCount()).toBe(before);
  };
  /** Proposed by the officer and signed by both signatories: approved, money committed. */
  const approvedPayment = async (amount: string, description: string): Promise<string> => {
    const proposal = await api
      .post('/api/v1/expenditures', officer, {
        budgetLineId: LINE,
        amount,
        category: 'training',
        description,
        payee: 'Trung tâm Chính trị huyện',
        effectiveDate: '2024-05-10',
      })
      .expect(201);
    const id = (proposal.body as { id: string }).id;
    await api.post(`/api/v1/expenditures/${id}/sign`, chief, { effectiveDate: '2024-05-12' });
    await api
      .post(`/api/v1/expenditures/${id}/sign`, head, { effectiveDate: '2024-05-13' })
      .expect(200);
    return id;
  };
  const entriesOf = async (id: string): Promise<Entry[]> => {
    const res = await api.get(`/api/v1/budget-lines/${LINE}/history`, officer).expect(200);
    return (res.body as { entries: Entry[] }).entries.filter((e) => e.expenditureId === id);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'budget-treasury-'));
    api = await ApiHarness.start({ BUDGET_DATA_DIR: dataDir });
    admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    head = api.user('Trưởng phòng LĐ-TB&XH', 'approver', { unit: 'LDTBXH', personId: 'p-head' });
    chief = api.user('Kế toán trưởng', 'accountant', { unit: 'LDTBXH', personId: 'p-chief' });
    accountant = api.user('Kế toán LĐTBXH', 'accountant', { unit: 'LDTBXH' });
    otherAccountant = api.user('Kế toán Y tế', 'accountant', { unit: 'YTE' });
    await api.registerReference(admin);
    await api.allocate(admin);
    const path = '/api/v1/units/LDTBXH/signatories';
    await api.post(path, admin, signatory('p-head', 'account_holder', 'KBBT-017')).expect(201);
    await api.post(path, admin, signatory('p-chief', 'chief_accountant', 'KBBT-019')).expect(201);
  });

  afterAll(async () => {
    if (!stopped) await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('proposed → signed → sent → refused (kept) → sent again → accepted: disbursed once, under the payment order', async () => {
    const id = await approvedPayment('600000', 'Tập huấn nâng cao năng lực cán bộ giảm nghèo');
    const to = (step: string) => `/api/v1/expenditures/${id}/${step}`;
    expect(await line()).toMatchObject({ committed: '600000', available: '400000' });

    // Nothing is answered before it is sent; only the unit's accountant sends.
    await refused(
      to('treasury-acceptance'),
      accountant,
      { paymentOrder: 'UNC-1', paidOn: '2024-05-16' },
      409,
      'TREASURY.NOT_SENT',
    );
    const dossier = { dossier: 'HS-2024-0514', sentOn: '2024-05-14', treasuryOffice: 'KBNN Ba Tơ' };
    await refused(to('treasury-submissions'), officer, dossier, 403, 'AUTH.ROLE_FORBIDDEN');
    await refused(to('treasury-submissions'), otherAccountant, dossier, 403, 'AUTH.UNIT_FORBIDDEN');
    await refused(
      to('treasury-submissions'),
      accountant,
      { ...dossier, sentOn: '2024-05-11' },
      422,
      'DATE.BEFORE_DECIDED_ITEM',
    );
    await refused(
      to('treasury-submissions'),
      accountant,
      { ...dossier, sentOn: '2099-01-01' },
      422,
      'DATE.IN_FUTURE',
    );
    const bad = await api.post(to('treasury-submissions'), accountant, { sentOn: '14/5/2024' });
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['dossier', 'sentOn']),
    );

    await api.post(to('treasury-submissions'), accountant, dossier).expect(200);
    expect(await line()).toMatchObject({
      committed: '600000',
      disbursed: '0',
      awaitingTreasury: '600000',
      available: '400000',
    });
    await refused(to('treasury-submissions'), accountant, dossier, 409, 'TREASURY.ALREADY_SENT');
    await refused(
      to('disburse'),
      accountant,
      { voucher: 'UNC-9', paidOn: '2024-05-16' },
      409,
      'TREASURY.AWAITING_ANSWER',
    );
    await refused(
      to('treasury-refusal'),
      accountant,
      { reason: 'Thiếu danh sách', refusedOn: '2024-05-13', commitment: 'kept' },
      422,
      'DATE.BEFORE_DECIDED_ITEM',
    );
    await refused(
      to('treasury-refusal'),
      accountant,
      { reason: 'Thiếu danh sách', refusedOn: '2024-05-16', commitment: 'maybe' },
      400,
      'VALIDATION.FAILED',
    );

    const refusal = {
      reason: 'Thiếu danh sách học viên có chữ ký',
      refusedOn: '2024-05-16',
      commitment: 'kept',
    };
    await api.post(to('treasury-refusal'), accountant, refusal).expect(200);
    expect(await line()).toMatchObject({
      committed: '600000',
      awaitingTreasury: '0',
      available: '400000',
    });
    await refused(to('treasury-refusal'), accountant, refusal, 409, 'TREASURY.ALREADY_ANSWERED');

    await api
      .post(to('treasury-submissions'), accountant, {
        dossier: 'HS-2024-0520',
        sentOn: '2024-05-20',
      })
      .expect(200);
    const paid = { paymentOrder: 'UNC-0231', paidOn: '2024-05-22', dossier: 'HS-2024-0520' };
    await refused(
      to('treasury-acceptance'),
      accountant,
      { ...paid, dossier: 'HS-2024-0514' },
      409,
      'TREASURY.DOSSIER_MISMATCH',
    );
    await api.post(to('treasury-acceptance'), accountant, paid).expect(200);
    expect(await line()).toMatchObject({
      committed: '600000',
      disbursed: '600000',
      awaitingTreasury: '0',
      available: '400000',
    });
    await refused(to('treasury-acceptance'), accountant, paid, 409, 'TREASURY.ALREADY_ANSWERED');

    // One disbursement in the log, carrying the dossier it answers.
    const disbursed = (await api.allEvents()).filter(
      (e) => e.type === 'ExpenditureDisbursed' && e.data.expenditureId === id,
    );
    expect(disbursed.map((e) => [e.data.voucher, e.data.paidOn, e.data.treasury])).toEqual([
      ['UNC-0231', '2024-05-22', { dossier: 'HS-2024-0520', sentOn: '2024-05-20' }],
    ]);

    const entries = await entriesOf(id);
    expect(entries.map((e) => [e.type, e.treasury?.step ?? null])).toEqual([
      ['ExpenditureProposed', null],
      ['ExpenditureSigned', null],
      ['ExpenditureSigned', null],
      ['ExpenditureApproved', null],
      ['ExpenditureSentToTreasury', 'sent'],
      ['ExpenditureRefusedByTreasury', 'refused'],
      ['ExpenditureSentToTreasury', 'sent'],
      ['ExpenditureDisbursed', 'accepted'],
    ]);
    expect(entries[5]?.treasury).toMatchObject({
      dossier: 'HS-2024-0514',
      reason: 'Thiếu danh sách học viên có chữ ký',
      commitment: 'kept',
    });
    expect(entries[7]?.treasury).toMatchObject({ paymentOrder: 'UNC-0231', paidOn: '2024-05-22' });
    expect(entries[7]?.balance).toMatchObject({ disbursed: '600000', awaitingTreasury: '0' });

    // The trail shows the Treasury's answers, in its capacity and the office sent to.
    const trail = await api.get('/api/v1/approvals', admin).expect(200);
    const rows = (trail.body as { approvals: Record<string, unknown>[] }).approvals.filter(
      (r) => r.subject === `expenditure:${id}` && String(r.decision).startsWith('treasury'),
    );
    expect(rows.map((r) => [r.decision, r.capacity, r.reason])).toEqual(
      expect.arrayContaining([
        ['treasury_refused', 'Kho bạc Nhà nước (KBNN Ba Tơ)', 'Thiếu danh sách học viên có chữ ký'],
        ['treasury_accepted', 'Kho bạc Nhà nước', null],
      ]),
    );
  });

  it('a refusal that releases the commitment returns exactly its money to available, and the payment ends', async () => {
    const before = await line();
    const id = await approvedPayment('250000', 'In tài liệu tập huấn');
    const to = (step: string) => `/api/v1/expenditures/${id}/${step}`;
    expect(BigInt((await line()).available ?? '')).toBe(BigInt(before.available ?? '') - 250000n);
    // The same Idempotency-Key with the same body answers the same and records nothing new.
    const sending = { dossier: 'HS-IN-01', sentOn: '2024-05-15' };
    const key = `send-${id}`;
    const first = await api.post(to('treasury-submissions'), accountant, sending, key).expect(200);
    const count = await api.eventCount();
    const again = await api.post(to('treasury-submissions'), accountant, sending, key).expect(200);
    expect(again.body).toEqual(first.body);
    expect(await api.eventCount()).toBe(count);
    await api
      .post(to('treasury-submissions'), accountant, { ...sending, dossier: 'HS-IN-99' }, key)
      .expect(422);
    await api
      .post(to('treasury-refusal'), accountant, {
        reason: 'Vượt định mức in ấn',
        refusedOn: '2024-05-17',
        commitment: 'released',
      })
      .expect(200);
    expect(await line()).toMatchObject({
      committed: before.committed,
      awaitingTreasury: before.awaitingTreasury,
      available: before.available,
    });
    await refused(
      to('treasury-submissions'),
      accountant,
      { dossier: 'HS-IN-02', sentOn: '2024-05-20' },
      409,
      'TREASURY.NOT_APPROVED',
    );
    await refused(
      to('disburse'),
      accountant,
      { voucher: 'UNC-77', paidOn: '2024-05-20' },
      409,
      'EXPENDITURE.INVALID_STATE',
    );
    const [entry] = (await entriesOf(id)).filter((e) => e.type === 'ExpenditureRefusedByTreasury');
    expect(entry?.treasury).toMatchObject({ commitment: 'released', releasedAmount: '250000' });
  });

  it('keeps the simple path: an approved payment recorded as paid directly, with no dossier', async () => {
    const id = await approvedPayment('50000', 'Nước uống hội nghị');
    await api
      .post(`/api/v1/expenditures/${id}/disburse`, accountant, {
        voucher: 'UNC-0300',
        paidOn: '2024-05-21',
      })
      .expect(200);
    await refused(
      `/api/v1/expenditures/${id}/treasury-submissions`,
      accountant,
      { dossier: 'HS-X', sentOn: '2024-05-22' },
      409,
      'TREASURY.NOT_APPROVED',
    );
    const [entry] = (await entriesOf(id)).filter((e) => e.type === 'ExpenditureDisbursed');
    expect(entry).toMatchObject({ voucher: 'UNC-0300' });
    expect(entry?.treasury).toBeUndefined();
  });

  it('keeps money conserved, and `budget history` says each step in Vietnamese and English', async () => {
    const report = await checkConservation(api.store);
    expect(report.problems).toEqual([]);
    await api.stop();
    stopped = true;
    const vi = await history(dataDir, 'vi');
    expect(vi).toContain('Gửi hồ sơ thanh toán đến Kho bạc');
    expect(vi).toContain('hồ sơ HS-2024-0514 gửi Kho bạc đến KBNN Ba Tơ ngày 14/5/2024');
    expect(vi).toContain('Kho bạc từ chối hồ sơ HS-2024-0514 ngày 16/5/2024');
    expect(vi).toContain('Kho bạc chấp nhận hồ sơ HS-2024-0520, lệnh chi UNC-0231');
    const en = await history(dataDir, 'en');
    expect(en).toContain('Refused by the Treasury');
    expect(en).toContain('the Treasury accepted dossier HS-2024-0520, payment order UNC-0231');
  });
});
