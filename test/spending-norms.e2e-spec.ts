import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

const BIN = join(__dirname, '..', 'bin', 'budget.js');
const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';

/** The real bin in a child process, on the given data folder. */
function budget(
  dataDir: string,
  args: readonly string[],
): Promise<{ code: number | null; stdout: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, BUDGET_DATA_DIR: dataDir };
  delete env.BUDGET_LANG;
  delete env.EVENT_STORE;
  delete env.READ_STORE;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: tmpdir(), env });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

/** A two-day inspection trip to a commune of Ba Tơ: per-diem, a night's lodging, own motorbike. */
const TRIP = {
  period: { from: '2024-05-06', to: '2024-05-07' },
  items: [
    { kind: 'per_diem', amount: '400000', persons: 1, days: 2 },
    { kind: 'lodging.lump_sum.other_areas', amount: '300000', persons: 1, nights: 1 },
    { kind: 'transport.own_vehicle', amount: '184000', km: 40, fuelPrice: '23000' },
  ],
};

const claim = (amount: string, normClaim?: object): object => ({
  budgetLineId: LINE,
  amount,
  category: 'travel_allowance',
  description: 'Công tác phí kiểm tra xã Ba Điền',
  payee: 'Cán bộ LĐTBXH',
  effectiveDate: '2024-05-10',
  ...(normClaim === undefined ? {} : { normClaim }),
});

/** Issue 17, item 6 over HTTP and the CLI: the norms table applied to a travel claim. */
describe('spending norms over HTTP and in the CLI history', () => {
  let dataDir: string;
  let api: ApiHarness | null;
  let officer: string;
  let admin: string;
  let history: { entries: { type: string; norms?: unknown }[] };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'budget-norms-'));
    api = await ApiHarness.start({ BUDGET_DATA_DIR: dataDir, BUDGET_RATE_LIMIT_PER_MINUTE: '0' });
    admin = api.user('Quản trị', 'admin');
    officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: 'LDTBXH' });
    await api.registerReference(admin);
    await api.allocate(admin, '10000000');
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function refused(
    body: object,
    status: number,
    code: string,
  ): Promise<Record<string, unknown>> {
    const before = (await api!.allEvents()).length;
    const res = await api!.post('/api/v1/expenditures', officer, body).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code });
    expect((await api!.allEvents()).length).toBe(before);
    return res.body as Record<string, unknown>;
  }

  it('refuses a travel claim without its trip and quantities: 400, naming normClaim, recording nothing', async () => {
    const body = await refused(
      { ...claim('884000'), personDays: 2 },
      400,
      'BUDGET.NORM_CLAIM_REQUIRED',
    );
    expect(JSON.stringify(body)).toContain('normClaim');
  });

  it('refuses an item without the quantity its norm counts, naming the field', async () => {
    const noNights = {
      ...TRIP,
      items: [TRIP.items[0], { ...TRIP.items[1], nights: undefined }, TRIP.items[2]],
    };
    const body = await refused(claim('884000', noNights), 400, 'BUDGET.NORM_QUANTITY_MISSING');
    expect(JSON.stringify(body)).toContain('normClaim.items[1].nights');
  });

  it('refuses a claim above quantity × rate: 422 naming the row, its source, rate, quantity and ceiling', async () => {
    const above = {
      ...TRIP,
      items: [{ ...TRIP.items[0], amount: '400001' }, TRIP.items[1], TRIP.items[2]],
    };
    const body = await refused(claim('884001', above), 422, 'BUDGET.EXCEEDS_SPENDING_NORM');
    expect(body).toMatchObject({
      details: {
        field: 'normClaim.items[0]',
        norm: '40/2017/TT-BTC',
        normId: 'tt40-2017.per-diem',
        rate: '200000',
        quantity: '2',
        cap: '400000',
      },
    });
  });

  it('refuses malformed quantities before anything runs, naming the field', async () => {
    const fractional = { ...TRIP, items: [{ ...TRIP.items[0], days: 1.5 }] };
    const body = await refused(claim('300000', fractional), 400, 'VALIDATION.FAILED');
    expect(JSON.stringify(body)).toContain('days');
  });

  it('records the rows applied on the proposal and the approval, shown in the line’s history', async () => {
    const approver = api!.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    const { id } = (
      await api!.post('/api/v1/expenditures', officer, claim('884000', TRIP)).expect(201)
    ).body as { id: string };
    await api!.post(`/api/v1/expenditures/${id}/approve`, approver, {}).expect(200);
    history = (await api!.get(`/api/v1/budget-lines/${LINE}/history`, admin).expect(200))
      .body as typeof history;
    const normed = history.entries.filter((e) => e.norms);
    expect(normed.map((e) => e.type)).toEqual(['ExpenditureProposed', 'ExpenditureApproved']);
    for (const entry of normed) {
      expect(entry.norms).toMatchObject({
        province: 'QNG',
        period: TRIP.period,
        applied: [
          {
            normId: 'tt40-2017.per-diem',
            document: '40/2017/TT-BTC',
            article: 'Điều 5 khoản 1',
            rateAmount: '200000',
            quantity: 2,
            ceilingAmount: '400000',
          },
          { normId: 'tt40-2017.lodging.lump-sum.other', rateAmount: '300000', quantity: 1 },
          {
            normId: 'tt40-2017.transport.own-vehicle',
            rateAmount: null,
            quantity: 40,
            ceilingAmount: '184000',
          },
        ],
      });
    }
  });

  it('shows the rows applied on the dashboard’s page of the line', async () => {
    const browser = request.agent(api!.app.getHttpServer());
    await browser.post('/login').type('form').send({ token: admin }).expect(303);
    const page = await browser.get(`/lines/${LINE}`).expect(200);
    expect(page.text).toContain('Định mức áp dụng');
    expect(page.text).toContain('định mức 40/2017/TT-BTC Điều 5 khoản 1: 200.000 × 2 person_day');
  });

  it('shows the rows applied in the CLI history, as the auditor reads it', async () => {
    await api!.stop();
    api = null;
    const table = await budget(dataDir, ['history', LINE]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(
      'chuyến 6/5/2024–7/5/2024, định mức 40/2017/TT-BTC Điều 5 khoản 1: 200.000 × 2 person_day',
    );
    const json = await budget(dataDir, ['history', LINE, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(history);
  });
});
