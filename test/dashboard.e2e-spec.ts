import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Authority } from '@app/budgeting';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';
import { DASHBOARD_TEXT } from '@app/api';
import { axeViolations, blocking, expectAccessible } from './support/axe';
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

    // Typed day first, as officials write it, whatever the browser's own date format.
    await page.getByLabel(/Số liệu đến ngày/).fill('31/5/2024');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.waitForURL(/asOf=31%2F5%2F2024/);
    await expect(text(page, 'disbursed-total')).resolves.toBe('0');
    await expect(text(page, 'committed-total')).resolves.toBe('0');
    await expect(text(page, 'total')).resolves.toBe('2.444.771.300');
    await expect(text(page, 'point-in-time')).resolves.toContain('31/5/2024');
    await expect(page.getByLabel(/Số liệu đến ngày/).inputValue()).resolves.toBe('31/5/2024');
    await page.screenshot({ path: screenshotPath('overview-as-of-2024-05-31') });

    // A day that does not exist is said so, kept as typed, and the books shown are today's.
    await page.getByLabel(/Số liệu đến ngày/).fill('31/2/2024');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.waitForURL(/asOf=31%2F2%2F2024/);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('ngày/tháng/năm');
    await expect(page.getByLabel(/Số liệu đến ngày/).inputValue()).resolves.toBe('31/2/2024');
    await expect(page.getByLabel(/Số liệu đến ngày/).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await expect(text(page, 'disbursed-total')).resolves.toBe('120.000.000');

    // Known at an instant before anything was recorded: the books were empty.
    await page.goto(`${base}/`);
    await page.getByLabel(/Sổ ghi nhận đến/).fill('07:00 1/1/2020');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.waitForURL(/knownAt=07%3A00\+1%2F1%2F2020/);
    await expect(text(page, 'total')).resolves.toBe('0');
    await expect(text(page, 'point-in-time')).resolves.toContain('07:00 1/1/2020');

    // The slider, dragged to the first day of the year: before any allocation.
    await page.goto(`${base}/?asOf=2024-05-31`);
    const slider = page.getByLabel('Kéo để chọn ngày');
    await slider.focus();
    await slider.press('Home');
    await page.waitForURL(/asOf=1%2F1%2F2024/);
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
  /**
   * Every page the dashboard has, as the users who meet it see it: the auditor's pages, a
   * unit officer's refusals, the signed-out sign-in page, and the error page.
   */
  const PAGES: { name: string; as: keyof typeof tokens | null; path: string }[] = [
    { name: 'login', as: null, path: '/login' },
    { name: 'overview', as: 'auditor', path: '/' },
    { name: 'overview-as-of', as: 'auditor', path: '/?asOf=2024-05-31&knownAt=2024-07-01T10:00' },
    { name: 'overview-bad-date', as: 'auditor', path: '/?asOf=31/2/2024' },
    { name: 'overview-other-unit', as: 'stranger', path: '/' },
    { name: 'line', as: 'auditor', path: `/lines/${SPENT_LINE}` },
    { name: 'line-carried-over', as: 'auditor', path: `/lines/${CARRIED_LINE}` },
    { name: 'approvals', as: 'auditor', path: '/approvals' },
    { name: 'approvals-filtered', as: 'auditor', path: '/approvals?document=699%2FQĐ-UBND' },
    { name: 'integrity', as: 'auditor', path: '/integrity' },
    { name: 'forbidden', as: 'officer', path: '/integrity' },
    { name: 'not-found', as: 'officer', path: '/lines/2024.DA7.TDA1.central.2024.NOWHERE' },
    { name: 'error', as: 'auditor', path: '/reports/download?period=Q9' },
    { name: 'forms', as: 'officer', path: '/forms' },
    { name: 'form-transfer', as: 'officer', path: '/transfers/new' },
    { name: 'form-plan', as: 'officer', path: '/plans/new' },
    { name: 'form-allocation', as: 'admin', path: '/allocations/new' },
    { name: 'form-document', as: 'admin', path: '/documents/new' },
    { name: 'form-close', as: 'admin', path: '/fiscal-years/2024/close' },
    // The reference forms (units, classification, lead agency, joint trips).
    { name: 'form-unit', as: 'admin', path: '/units/new' },
    { name: 'unit', as: 'admin', path: '/units/LDTBXH' },
    { name: 'form-classify', as: 'admin', path: '/classifications/new' },
    { name: 'form-lead-agency', as: 'admin', path: '/fiscal-years/2024/lead-agency' },
    { name: 'form-trip', as: 'officer', path: '/joint-trips/new' },
  ];

  /** The Vietnamese words of the interface, which an English page must not show. */
  const VIETNAMESE_ONLY = Object.values(DASHBOARD_TEXT)
    .filter((x) => x.vi !== x.en && x.vi.length >= 8)
    .map((x) => x.vi);

  const sweepPages = new Map<keyof typeof tokens | null, Page>();

  it.each(PAGES)(
    'has no serious or critical accessibility violation, in Vietnamese and in English, with dates day first and amounts grouped: $name',
    async (p) => {
      let page = sweepPages.get(p.as);
      if (!page) {
        page = p.as ? await signIn(tokens[p.as]) : await freshPage();
        sweepPages.set(p.as, page);
      }
      const failures: string[] = [];
      for (const lang of ['vi', 'en'] as const) {
        const url = `${base}${p.path}${lang === 'en' ? `${p.path.includes('?') ? '&' : '?'}lang=en` : ''}`;
        await page.goto(url);
        await expect(page.locator('html').getAttribute('lang')).resolves.toBe(lang);
        const name = `page-${p.name}${lang === 'en' ? '-en' : ''}`;
        try {
          await expectAccessible(page, name);
        } catch (error) {
          failures.push((error as Error).message);
        }
        const shown = await page.locator('body').innerText();
        // Dates as people read them: never ISO, never zero-padded, day before month
        // (19/3/2024; 19 Mar 2024 in English).
        expect({ name, iso: shown.match(/\b\d{4}-\d{2}-\d{2}\b/g) }).toEqual({ name, iso: null });
        const dates = [...shown.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/g)];
        const odd = dates
          .filter((m) => /^0/.test(m[1] ?? '') || /^0/.test(m[2] ?? '') || Number(m[2]) > 12)
          .map((m) => m[0]);
        expect({ name, odd }).toEqual({ name, odd: [] });
        // Amounts grouped by thousands: no long bare number.
        expect({ name, bare: shown.match(/\b\d{5,}\b/g) }).toEqual({ name, bare: null });
        if (lang === 'en') {
          // People's names are Vietnamese in every language.
          const words = shown.replaceAll(secondApproverName, '');
          const untranslated = VIETNAMESE_ONLY.filter((vi) => words.includes(vi));
          expect({ name, untranslated }).toEqual({ name, untranslated: [] });
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('finds what axe-core is there to find: a field without a label, grey text on grey, no language', async () => {
    const page = await freshPage();
    // Served from the test's own origin (axe reads its storage; about:blank has none).
    await page.route(`${base}/axe-self-test`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: '<html><body><main><input type="text"><p style="color:#bbb;background:#ccc">Số tiền</p></main></body></html>',
      }),
    );
    await page.goto(`${base}/axe-self-test`);
    const found = blocking(await axeViolations(page)).map((v) => v.id);
    expect(found).toEqual(expect.arrayContaining(['label', 'color-contrast', 'html-has-lang']));
  });

  it('is usable by keyboard alone: sign in, skip to the content, every stop visibly focused, the time control', async () => {
    const page = await freshPage();
    await page.goto(`${base}/login`);
    // The first Tab reaches the skip link, shown on screen while focused.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
    await expect(skip.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const box = await skip.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // Past the skip link, the next stop is the token field: sign in by typing and Enter.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('token');
    await page.keyboard.type(tokens.auditor);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/`);

    // Every Tab stop of the overview shows where the focus is (an outline of 2px or more),
    // and the Tab order reaches every link, field and button the page has.
    const focusable = await page
      .locator('a[href], button, input:not([type="hidden"]), select, textarea')
      .evaluateAll((els) => els.filter((el) => (el as HTMLElement).offsetParent !== null).length);
    const stops: { tag: string; outline: number }[] = [];
    await page.locator('body').focus();
    for (let i = 0; i < focusable + 1; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        return {
          tag: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} ${el.textContent?.trim().slice(0, 30) ?? ''}`,
          outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
        };
      });
      if (!stop) break;
      stops.push(stop);
    }
    expect(stops.length).toBeGreaterThanOrEqual(focusable);
    expect(stops.filter((s) => s.outline < 2)).toEqual([]);

    // The time control by keyboard: type a date, Enter.
    await page.getByLabel(/Số liệu đến ngày/).focus();
    await page.keyboard.type('31/5/2024');
    await page.keyboard.press('Enter');
    await page.waitForURL(/asOf=31%2F5%2F2024/);
    await expect(text(page, 'disbursed-total')).resolves.toBe('0');
    await skip.focus();
    await page.screenshot({ path: screenshotPath('keyboard-skip-link') });
  });
});
