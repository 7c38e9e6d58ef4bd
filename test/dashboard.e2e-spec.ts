import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Authority } from '@app/budgeting';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';
import { launchChromium, screenshotPath } from './support/browser';
import { CHROMIUM_TOOL, describeWithTool } from './support/external-tools';

/** "Today" for the ledger's own processes: mid-2024, so the carried-over money has not lapsed. */

const UNIT = 'LDTBXH';
const SPENT_LINE = `2024.DA7.TDA1.central.2024.${UNIT}`;
const CARRIED_LINE = `2024.DA7.TDA1.central.2023.${UNIT}`;

/**
 * The Ba Tơ 2024 plan as `examples/ba-to-2024/budget-lines.yaml` splits it: allocations
 * under 30/QĐ-UBND and 2023 money carried over under 699/QĐ-UBND, adding up to
 * DA6.TDA2 378.000.000, DA7.TDA1 1.470.000.000 and DA7.TDA2 596.771.300.
 */
const ALLOCATIONS: [part: string, source: string, amount: string][] = [
  ['DA6.TDA2', 'central', '300000000'],
  ['DA6.TDA2', 'provincial', '30000000'],
  ['DA7.TDA1', 'central', '1200000000'],
  ['DA7.TDA1', 'provincial', '120000000'],
  ['DA7.TDA1', 'district', '30000000'],
  ['DA7.TDA2', 'central', '450000000'],
  ['DA7.TDA2', 'provincial', '45000000'],
  ['DA7.TDA2', 'district', '15000000'],
];
const CARRY_OVERS: [part: string, amount: string][] = [
  ['DA6.TDA2', '48000000'],
  ['DA7.TDA1', '120000000'],
  ['DA7.TDA2', '86771300'],
];

const SECOND_APPROVER: Authority = { ...BA_TO_AUTHORITY, title: 'Phó Chủ tịch (minh họa)' };

async function settled(api: ApiHarness, transferId: string): Promise<void> {
  const outcome = await api.transferOutcome(transferId);
  if (outcome !== 'TransferCompleted') throw new Error(`transfer ${transferId} failed`);
}

describeWithTool(CHROMIUM_TOOL, 'the dashboard in a real browser (headless Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  let base: string;
  const tokens: Record<
    'admin' | 'officer' | 'accountant' | 'approver' | 'approver2' | 'auditor' | 'stranger',
    string
  > = {
    admin: '',
    officer: '',
    accountant: '',
    approver: '',
    approver2: '',
    auditor: '',
    stranger: '',
  };
  let secondApproverName: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    api = await ApiHarness.start({}, { clock: new FixedClock('2024-07-01T03:00:00Z') });
    await api.app.listen(0, '127.0.0.1');
    const { port } = (api.app.getHttpServer() as Server).address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;

    tokens.admin = api.user('Quản trị hệ thống', 'admin');
    tokens.officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: UNIT });
    tokens.accountant = api.user('Kế toán LĐTBXH', 'accountant', { unit: UNIT });
    tokens.approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    secondApproverName = 'Người phê duyệt thứ hai';
    tokens.approver2 = api.user(secondApproverName, 'approver', { authority: SECOND_APPROVER });
    tokens.auditor = api.user('Kiểm toán viên', 'auditor');
    tokens.stranger = api.user('Cán bộ Phòng Tài chính', 'officer', { unit: 'TCKH' });
    await api.registerReference(tokens.admin);

    for (const [programPart, fundSource, amount] of ALLOCATIONS) {
      await api
        .post('/api/v1/allocations', tokens.admin, {
          fiscalYear: 2024,
          programPart,
          fundSource,
          sourceYear: 2024,
          unit: UNIT,
          amount,
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
    }
    for (const [part, amount] of CARRY_OVERS) {
      const { id } = (
        await api
          .post('/api/v1/transfers', tokens.officer, {
            kind: 'carry_over',
            toLine: `2024.${part}.central.2023.${UNIT}`,
            amount,
            decision: '699/QĐ-UBND',
            effectiveDate: '2024-03-19',
          })
          .expect(201)
      ).body as { id: string };
      await api.post(`/api/v1/transfers/${id}/approve`, tokens.approver, {}).expect(200);
      await settled(api, id);
    }
    const { id: expenditure } = (
      await api
        .post('/api/v1/expenditures', tokens.officer, {
          budgetLineId: SPENT_LINE,
          amount: '120000000',
          category: 'study_tour',
          description: 'Học tập kinh nghiệm ngoài tỉnh 04 ngày',
          payee: 'Đoàn học tập huyện Ba Tơ',
          effectiveDate: '2024-06-03',
        })
        .expect(201)
    ).body as { id: string };
    await api.post(`/api/v1/expenditures/${expenditure}/approve`, tokens.approver2, {}).expect(200);
    await api
      .post(`/api/v1/expenditures/${expenditure}/disburse`, tokens.accountant, {
        voucher: 'UNC-0601',
        paidOn: '2024-06-20',
      })
      .expect(200);

    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await api?.stop();
  });

  /** A fresh browser profile (cookie jar) at the size of an office laptop screen. */
  async function freshPage(): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
    });
    contexts.push(context);
    return context.newPage();
  }

  async function signIn(token: string): Promise<Page> {
    const page = await freshPage();
    await page.goto(`${base}/login`);
    await page.getByLabel('Mã truy cập').fill(token);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${base}/`);
    return page;
  }

  const text = (page: Page, testId: string): Promise<string> =>
    page.getByTestId(testId).first().innerText();

  it('sends a visitor without a session from / to the sign-in page, and refuses a wrong token', async () => {
    const page = await freshPage();
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Mã truy cập').fill('bt_not-a-real-token');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByTestId('login-error').isVisible()).resolves.toBe(true);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('signs in with a bearer token into an HttpOnly, SameSite=Strict session cookie that is not the token', async () => {
    const page = await signIn(tokens.auditor);
    const cookies = await page.context().cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({
      name: 'budget_session',
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(cookies[0]?.value).not.toContain(tokens.auditor);
    await expect(page.locator('header').innerText()).resolves.toContain('Kiểm toán viên');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${base}/`);
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('shows the year at a glance: 2.444.771.300 and the three sub-project totals, with a chart', async () => {
    const page = await signIn(tokens.auditor);
    await expect(text(page, 'total')).resolves.toBe('2.444.771.300');
    const partTotal = (part: string): Promise<string> =>
      page.getByTestId(`part-${part}`).getByTestId('part-total').innerText();
    await expect(partTotal('DA6.TDA2')).resolves.toBe('378.000.000');
    await expect(partTotal('DA7.TDA1')).resolves.toBe('1.470.000.000');
    await expect(partTotal('DA7.TDA2')).resolves.toBe('596.771.300');
    await expect(text(page, 'disbursed-total')).resolves.toBe('120.000.000');

    const carried = page.getByTestId('carry-over');
    await expect(carried.count()).resolves.toBe(3);
    // 1/7/2024 (the pinned today) to the 31/12/2024 deadline.
    await expect(carried.first().innerText()).resolves.toContain('31/12/2024 · Còn 183 ngày');

    const canvas = page.locator('canvas#chart-parts[data-rendered="true"]');
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    expect(box?.width).toBeGreaterThan(100);
    expect(box?.height).toBeGreaterThan(100);

    await page.screenshot({ path: screenshotPath('overview'), fullPage: false });
    await page.screenshot({ path: screenshotPath('overview-full'), fullPage: true });
  });

  it('shows the books as they were before the first expenditure when the time control moves back', async () => {
    const page = await signIn(tokens.auditor);
    await expect(text(page, 'disbursed-total')).resolves.toBe('120.000.000');

    await page.getByLabel(/Số liệu đến ngày/).fill('2024-05-31');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.waitForURL(/asOf=2024-05-31/);
    await expect(text(page, 'disbursed-total')).resolves.toBe('0');
    await expect(text(page, 'committed-total')).resolves.toBe('0');
    await expect(text(page, 'total')).resolves.toBe('2.444.771.300');
    await expect(text(page, 'point-in-time')).resolves.toContain('31/5/2024');
    await page.screenshot({ path: screenshotPath('overview-as-of-2024-05-31') });

    // Known at an instant before anything was recorded: the books were empty.
    await page.goto(`${base}/`);
    await page.getByLabel(/Sổ ghi nhận đến/).fill('2020-01-01T07:00');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.waitForURL(/knownAt=2020-01-01T07%3A00/);
    await expect(text(page, 'total')).resolves.toBe('0');
    await expect(text(page, 'point-in-time')).resolves.toContain('07:00 1/1/2020');

    // The slider, dragged to the first day of the year: before any allocation.
    await page.goto(`${base}/?asOf=2024-05-31`);
    const slider = page.getByLabel('Kéo để chọn ngày');
    await slider.focus();
    await slider.press('Home');
    await page.waitForURL(/asOf=2024-01-01/);
    await expect(text(page, 'total')).resolves.toBe('0');
  });

  it("lists a line's events in its history, with actor, capacity, legal basis and both dates, and charts its balance", async () => {
    const page = await signIn(tokens.auditor);
    await page.locator(`a[href^="/lines/${SPENT_LINE}"]`).first().click();
    await page.waitForURL(new RegExp(`/lines/${SPENT_LINE.replaceAll('.', '\\.')}`));
    const entries = page.getByTestId('history-entry');
    const types: (string | null)[] = [];
    for (const entry of await entries.all()) types.push(await entry.getAttribute('data-type'));
    expect(types).toEqual([
      'BudgetLineOpened',
      'FundsAllocated',
      'ExpenditureProposed',
      'ExpenditureApproved',
      'ExpenditureDisbursed',
    ]);
    const allocated = await entries.nth(1).innerText();
    expect(allocated).toContain('Giao dự toán');
    expect(allocated).toContain('30/QĐ-UBND');
    expect(allocated).toContain('25/3/2024');
    const approved = await entries.nth(3).innerText();
    expect(approved).toContain(secondApproverName);
    expect(approved).toContain('KT. Chủ tịch');
    expect(approved).toContain('3/6/2024');
    await expect(entries.nth(4).innerText()).resolves.toContain('UNC-0601');
    await expect(text(page, 'line-disbursed')).resolves.toBe('120.000.000');

    const canvas = page.locator('canvas#chart-line[data-rendered="true"]');
    await canvas.waitFor();
    expect((await canvas.boundingBox())?.height).toBeGreaterThan(100);
    await page.screenshot({ path: screenshotPath('line'), fullPage: true });

    await page.goto(`${base}/lines/${CARRIED_LINE}`);
    const carriedIn = page.locator('[data-type="FundsCarriedIn"]');
    await expect(carriedIn.innerText()).resolves.toContain('699/QĐ-UBND');
  });

  it('narrows the approval trail by approver and by document', async () => {
    const page = await signIn(tokens.auditor);
    await page.getByRole('link', { name: 'Phê duyệt' }).click();
    const rows = page.getByTestId('approval-row');
    await expect(rows.count()).resolves.toBe(4);

    await page.getByLabel('Người phê duyệt').selectOption({ label: secondApproverName });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/approver=/);
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().innerText()).resolves.toContain('Học tập kinh nghiệm');

    await page.getByLabel('Người phê duyệt').selectOption({ label: 'Tất cả' });
    await page.getByLabel('Văn bản').selectOption('699/QĐ-UBND');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/document=/);
    await expect(rows.count()).resolves.toBe(3);
    for (const row of await rows.all()) {
      await expect(row.innerText()).resolves.toContain('Lữ Đình Tích');
    }
    await page.screenshot({ path: screenshotPath('approvals'), fullPage: true });
  });

  it("shows an officer of another unit none of LDTBXH's lines, their history or approvals", async () => {
    const page = await signIn(tokens.stranger);
    await expect(page.getByTestId('line-row').count()).resolves.toBe(0);
    await expect(page.getByTestId('no-lines').isVisible()).resolves.toBe(true);
    await expect(text(page, 'total')).resolves.toBe('0');
    expect(await page.locator('main').innerText()).not.toContain(UNIT);

    const line = await page.goto(`${base}/lines/${SPENT_LINE}`);
    expect(line?.status()).toBe(404);
    await page.goto(`${base}/approvals`);
    await expect(page.getByTestId('approval-row').count()).resolves.toBe(0);
    const integrity = await page.goto(`${base}/integrity`);
    expect(integrity?.status()).toBe(403);

    // The unit's own officer sees them.
    const own = await signIn(tokens.officer);
    await expect(own.getByTestId('line-row').count()).resolves.toBe(11);
  });

  it('shows the integrity of the log to an auditor, and speaks English on request', async () => {
    const page = await signIn(tokens.auditor);
    await page.getByRole('link', { name: 'Toàn vẹn sổ' }).click();
    await expect(text(page, 'integrity-result')).resolves.toBe('Toàn vẹn');
    const upTo = Number(await text(page, 'integrity-position'));
    expect(upTo).toBeGreaterThan(0);

    // The page checks the signed checkpoints too: once the admin signs one, it says how far
    // the log is proven by it.
    await api
      .post('/api/v1/audit/checkpoints', tokens.admin, { reason: 'Kiểm toán năm 2024' })
      .expect(201);
    await page.getByRole('button', { name: 'Kiểm tra lại ngay' }).click();
    await expect(text(page, 'integrity-result')).resolves.toBe('Toàn vẹn');
    await expect(text(page, 'integrity-checkpoints')).resolves.toMatch(
      /^Chứng minh đến vị trí \d+ \(\d+\/\d+\)$/,
    );
    await page.screenshot({ path: screenshotPath('integrity') });

    await page.goto(`${base}/`);
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    await expect(text(page, 'total')).resolves.toBe('2,444,771,300');
    await expect(page.locator('h1').innerText()).resolves.toContain('Fiscal year at a glance');
  });
});
