import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY, NQ111, TEST_DECISIONS } from './support/api-harness';
import { expectAccessible } from './support/axe';
import { launchChromium } from './support/browser';
import { CHROMIUM_TOOL, describeWithTool } from './support/external-tools';

const UNIT = 'LDTBXH';
const LINE = `2024.DA7.TDA1.central.2024.${UNIT}`;
const CARRIED = `2024.DA6.TDA2.district.2023.${UNIT}`;
const LAST_YEAR = `2023.DA7.TDA1.central.2023.${UNIT}`;

/**
 * The finance office's forms on a line's money after its allocation, and the
 * administrator's operations on the log, clicked in Chromium: a carry-over's deadline
 * extended, an approved expenditure kept past it, last year's unspent money returned to
 * the central budget, part of an estimate cancelled, a signed checkpoint, the read models
 * rebuilt. Each is first refused (beside its field, or at the top for a role that may not),
 * with the input kept and nothing recorded, then accepted and shown. axe-core checks every
 * page; each is left as a screenshot.
 */
describeWithTool(
  CHROMIUM_TOOL,
  'the line and log forms in a real browser (headless Chromium)',
  () => {
    let api: ApiHarness;
    let browser: Browser;
    let base: string;
    const tokens = { admin: '', officer: '', approver: '', auditor: '', stranger: '' };
    const contexts: BrowserContext[] = [];
    let approved = '';

    beforeAll(async () => {
      api = await ApiHarness.start(
        { BUDGET_RATE_LIMIT_PER_MINUTE: '0' },
        { clock: new FixedClock('2024-07-01T03:00:00Z') },
      );
      await api.app.listen(0, '127.0.0.1');
      const { port } = (api.app.getHttpServer() as Server).address() as AddressInfo;
      base = `http://127.0.0.1:${port}`;
      tokens.admin = api.user('Phòng Tài chính - Kế hoạch', 'admin');
      tokens.officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: UNIT });
      tokens.approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
      tokens.auditor = api.user('Kiểm toán viên', 'auditor');
      tokens.stranger = api.user('Cán bộ Phòng Tư pháp', 'officer', { unit: 'TU_PHAP' });
      await api.registerReference(
        tokens.admin,
        [UNIT],
        [
          ...TEST_DECISIONS,
          { number: '12/QĐ-UBND', issuedOn: '2023-01-20', title: 'Giao dự toán năm 2023' },
          // The cancellation's decision: a cancellation cites a registered decision.
          { number: '45/QĐ-UBND', issuedOn: '2024-06-28', title: 'Hủy dự toán năm 2024' },
          // The extension's resolution: an extension cites a registered decision too.
          NQ111,
        ],
      );
      await api.allocate(tokens.admin, '1200000000');
      await api
        .post('/api/v1/allocations', tokens.admin, {
          fiscalYear: 2023,
          programPart: 'DA7.TDA1',
          fundSource: 'central',
          sourceYear: 2023,
          unit: UNIT,
          amount: '80000000',
          decision: '12/QĐ-UBND',
          effectiveDate: '2023-02-01',
        })
        .expect(201);
      // 2023 money carried into 2024 (deadline 31/12/2024), one expenditure approved, unpaid.
      expect(
        (await api.carryOver(tokens.officer, tokens.approver, CARRIED, '250000000')).outcome,
      ).toBe('TransferCompleted');
      approved = (
        (
          await api
            .post('/api/v1/expenditures', tokens.officer, {
              budgetLineId: CARRIED,
              amount: '40000000',
              category: 'training',
              description: 'Tập huấn cán bộ giảm nghèo',
              payee: 'Trung tâm Chính trị huyện',
              effectiveDate: '2024-06-03',
            })
            .expect(201)
        ).body as { id: string }
      ).id;
      await api
        .post(`/api/v1/expenditures/${approved}/approve`, tokens.approver, {
          effectiveDate: '2024-06-04',
        })
        .expect(200);
      browser = await launchChromium();
    });

    afterAll(async () => {
      await Promise.all(contexts.map((c) => c.close()));
      await browser?.close();
      await api?.stop();
    });

    async function signIn(token: string): Promise<Page> {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: 'en-US',
        timezoneId: 'Asia/Ho_Chi_Minh',
      });
      contexts.push(context);
      const page = await context.newPage();
      await page.goto(`${base}/login`);
      await page.getByLabel('Mã truy cập').fill(token);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.waitForURL(`${base}/`);
      return page;
    }

    async function fieldError(page: Page, form: string, name: string): Promise<string> {
      return page.getByTestId(`${form}-form`).locator(`[id$="f-${name}-error"]`).innerText();
    }

    /** Read models follow the log just after a write: reload until the page shows it. */
    async function untilShown(page: Page, locator: Locator): Promise<void> {
      for (let i = 0; i < 40 && (await locator.count()) === 0; i++) {
        await page.waitForTimeout(100);
        await page.reload();
      }
      await expect(locator.count()).resolves.toBeGreaterThan(0);
    }

    const lineEvents = async (line: string, type: string): Promise<Record<string, unknown>[]> =>
      (await api.store.readStream(`budget-line-${line}`))
        .filter((e) => e.type === type)
        .map((e) => e.data);

    it('lists the forms to the roles that may use them', async () => {
      const admin = await signIn(tokens.admin);
      await admin.goto(`${base}/forms`);
      const links = admin.getByTestId('form-links');
      for (const name of [
        'Gia hạn kinh phí chuyển nguồn',
        'Giữ lại khoản chi quá hạn, hoàn trả, hủy dự toán',
        'Ký điểm kiểm tra cả sổ',
        'Dựng lại dữ liệu đọc',
      ]) {
        await expect(links.getByRole('link', { name }).count()).resolves.toBe(1);
      }
      await expectAccessible(admin, 'forms-index-admin');
      const officer = await signIn(tokens.officer);
      await officer.goto(`${base}/forms`);
      const shown = await officer.getByTestId('form-links').innerText();
      for (const name of ['Gia hạn', 'hủy dự toán', 'điểm kiểm tra', 'Dựng lại']) {
        expect(shown).not.toContain(name);
      }
    });

    it('refuses an extension to an earlier deadline beside the deadline, keeps the input, then extends', async () => {
      const page = await signIn(tokens.admin);
      await page.goto(`${base}/forms`);
      await page.getByRole('link', { name: 'Gia hạn kinh phí chuyển nguồn' }).click();
      const form = page.getByTestId('extend-form');
      await form.getByLabel(/^Các dòng chuyển nguồn/).fill(CARRIED);
      await form.getByLabel(/^Quyết định gia hạn/).fill('111/2024/QH15');
      await form.getByLabel(/^Ngày ban hành/).fill('18/01/2024');
      await form.getByLabel(/^Hạn chi mới/).fill('30/11/2024');
      await form.getByLabel(/^Ngày hiệu lực/).fill('01/07/2024');
      await expectAccessible(page, 'form-extend');
      const before = await api.eventCount();
      await form.getByRole('button', { name: 'Ghi gia hạn' }).click();
      await page.getByTestId('error-summary').waitFor();
      await expect(fieldError(page, 'extend', 'deadline')).resolves.not.toBe('');
      await expect(form.getByLabel(/^Hạn chi mới/).getAttribute('aria-invalid')).resolves.toBe(
        'true',
      );
      await expect(form.getByLabel(/^Các dòng chuyển nguồn/).inputValue()).resolves.toBe(CARRIED);
      await expect(form.getByLabel(/^Quyết định gia hạn/).inputValue()).resolves.toBe(
        '111/2024/QH15',
      );
      expect(await api.eventCount()).toBe(before);
      await expectAccessible(page, 'form-extend-refused');

      // A decision the register does not hold: refused beside the decision.
      await form.getByLabel(/^Hạn chi mới/).fill('30/06/2025');
      await form.getByLabel(/^Quyết định gia hạn/).fill('812/QĐ-UBND');
      await form.getByRole('button', { name: 'Ghi gia hạn' }).click();
      await page.getByTestId('error-summary').waitFor();
      await expect(fieldError(page, 'extend', 'decision')).resolves.toContain('812/QĐ-UBND');
      expect(await api.eventCount()).toBe(before);

      await form.getByLabel(/^Quyết định gia hạn/).fill('111/2024/QH15');
      await form.getByRole('button', { name: 'Ghi gia hạn' }).click();
      await page.waitForURL(/\/lines\/2024\.DA6\.TDA2\.district\.2023\.LDTBXH$/);
      expect(await lineEvents(CARRIED, 'CarryOverDeadlineExtended')).toEqual([
        expect.objectContaining({ deadline: '2025-06-30' }),
      ]);
      await untilShown(page, page.locator('[data-type="CarryOverDeadlineExtended"]'));
      await expectAccessible(page, 'line-extended');
    });

    it('refuses keeping an expenditure to a date not after the deadline, then keeps it; an officer is refused', async () => {
      const page = await signIn(tokens.admin);
      await page.goto(`${base}/line-decisions`);
      await expectAccessible(page, 'line-decisions-picker');
      await page.getByLabel('Dòng ngân sách').selectOption(CARRIED);
      await page.getByRole('button', { name: 'Mở' }).click();
      await page.waitForURL(/\/lines\/.+\/decisions$/);
      const form = page.getByTestId('retain-form');
      // Filled with the line's approved, unpaid expenditures.
      await expect(form.getByLabel(/^Các khoản chi được giữ lại/).inputValue()).resolves.toBe(
        approved,
      );
      await form.getByLabel(/^Quyết định/).fill('15/QĐ-UBND');
      await form.getByLabel(/^Ngày ban hành quyết định/).fill('28/06/2024');
      await form.getByLabel(/^Cơ quan ban hành/).fill('UBND huyện Ba Tơ');
      await form.getByLabel(/^Được chi đến ngày/).fill('30/11/2024');
      await expectAccessible(page, 'form-line-decisions');
      const before = await api.eventCount();
      await form.getByRole('button', { name: 'Ghi giữ lại' }).click();
      await page.getByTestId('error-summary').waitFor();
      await expect(fieldError(page, 'retain', 'until')).resolves.toContain('30/11/2024');
      await expect(form.getByLabel(/^Quyết định/).inputValue()).resolves.toBe('15/QĐ-UBND');
      expect(await api.eventCount()).toBe(before);
      await expectAccessible(page, 'form-retain-refused');

      await form.getByLabel(/^Được chi đến ngày/).fill('30/09/2025');
      await form.getByRole('button', { name: 'Ghi giữ lại' }).click();
      await page.waitForURL(/\/lines\/2024\.DA6\.TDA2\.district\.2023\.LDTBXH$/);
      expect(await lineEvents(CARRIED, 'CommitmentRetained')).toEqual([
        expect.objectContaining({ expenditureIds: [approved], until: '2025-09-30' }),
      ]);

      // An officer may open the line (their unit's), but the API refuses their retention.
      const officer = await signIn(tokens.officer);
      await officer.goto(`${base}/lines/${CARRIED}/decisions`);
      const officerForm = officer.getByTestId('cancel-form');
      await officerForm.getByLabel(/^Số tiền/).fill('1.000.000');
      await officerForm.getByLabel(/^Quyết định/).fill('46/QĐ-UBND');
      await officerForm.getByLabel(/^Lý do/).fill('Thử');
      const beforeOfficer = await api.eventCount();
      await officerForm.getByRole('button', { name: 'Ghi hủy dự toán' }).click();
      await expect(officer.getByTestId('error-summary').innerText()).resolves.toContain(
        'quản trị viên (admin)',
      );
      expect(await api.eventCount()).toBe(beforeOfficer);
      await expect(officerForm.getByLabel(/^Số tiền/).inputValue()).resolves.toBe('1.000.000');
      await expectAccessible(officer, 'form-cancel-refused-officer');
    });

    it("refuses a return of last year's money dated before the year's end, then returns it", async () => {
      const page = await signIn(tokens.admin);
      await page.goto(`${base}/lines/${LAST_YEAR}/decisions`);
      // Not a carried-over line: no retention offered.
      await expect(page.getByTestId('retain-form').count()).resolves.toBe(0);
      const form = page.getByTestId('return-form');
      await form.getByLabel(/^Số tiền/).fill('20.000.000');
      await form.getByLabel(/^Nguồn hoàn trả/).selectOption('unspent');
      await form.getByLabel(/^Hoàn trả về/).selectOption('central');
      // The API names the nested field (decision.number): said beside the decision's number.
      await form.getByLabel(/^Quyết định/).fill('QĐ bốn mươi');
      await form.getByLabel(/^Ngày ban hành quyết định/).fill('15/12/2023');
      await form.getByLabel(/^Cơ quan ban hành/).fill('UBND huyện Ba Tơ');
      await form.getByLabel(/^Lý do/).fill('Hoàn trả kinh phí không sử dụng hết năm 2023');
      await form.getByLabel(/^Ngày hiệu lực/).fill('20/12/2023');
      const before = await api.eventCount();
      await form.getByRole('button', { name: 'Ghi hoàn trả' }).click();
      await expect(fieldError(page, 'return', 'decisionNumber')).resolves.not.toBe('');
      await expect(form.getByLabel(/^Quyết định/).inputValue()).resolves.toBe('QĐ bốn mươi');
      expect(await api.eventCount()).toBe(before);
      await form.getByLabel(/^Quyết định/).fill('40/QĐ-UBND');
      await form.getByRole('button', { name: 'Ghi hoàn trả' }).click();
      await expect(fieldError(page, 'return', 'effectiveDate')).resolves.not.toBe('');
      await expect(form.getByLabel(/^Số tiền/).inputValue()).resolves.toBe('20.000.000');
      await expect(form.getByLabel(/^Nguồn hoàn trả/).inputValue()).resolves.toBe('unspent');
      expect(await api.eventCount()).toBe(before);
      await expectAccessible(page, 'form-return-refused');

      await form.getByLabel(/^Ngày hiệu lực/).fill('01/03/2024');
      await form.getByRole('button', { name: 'Ghi hoàn trả' }).click();
      await page.waitForURL(/\/lines\/2023\.DA7\.TDA1\.central\.2023\.LDTBXH$/);
      expect(await lineEvents(LAST_YEAR, 'FundsReturned')).toEqual([
        expect.objectContaining({ amount: '20000000', toLevel: 'central', source: 'unspent' }),
      ]);
      await untilShown(page, page.locator('[data-type="FundsReturned"]'));
    });

    it('refuses cancelling more than the line has beside the amount, then cancels', async () => {
      const page = await signIn(tokens.admin);
      // In English on ?lang=en, as every page.
      await page.goto(`${base}/lines/${LINE}/decisions?lang=en`);
      await expect(page.getByRole('heading', { name: 'Cancel funds' }).count()).resolves.toBe(1);
      await expectAccessible(page, 'form-line-decisions-en');
      await page.goto(`${base}/lines/${LINE}/decisions`);
      const form = page.getByTestId('cancel-form');
      await form.getByLabel(/^Số tiền/).fill('2.000.000.000');
      await form.getByLabel(/^Quyết định/).fill('45/QĐ-UBND');
      await form.getByLabel(/^Lý do/).fill('Hủy dự toán không sử dụng hết');
      await form.getByLabel(/^Ngày hiệu lực/).fill('01/07/2024');
      const before = await api.eventCount();
      await form.getByRole('button', { name: 'Ghi hủy dự toán' }).click();
      await page.getByTestId('error-summary').waitFor();
      await expect(fieldError(page, 'cancel', 'amount')).resolves.toContain('1.200.000.000');
      await expect(form.getByLabel(/^Số tiền/).inputValue()).resolves.toBe('2.000.000.000');
      expect(await api.eventCount()).toBe(before);
      await expectAccessible(page, 'form-cancel-refused');

      await form.getByLabel(/^Số tiền/).fill('50.000.000');
      await form.getByRole('button', { name: 'Ghi hủy dự toán' }).click();
      await page.waitForURL(/\/lines\/2024\.DA7\.TDA1\.central\.2024\.LDTBXH$/);
      expect(await lineEvents(LINE, 'FundsCancelled')).toEqual([
        {
          budgetLineId: LINE,
          amount: '50000000',
          decision: '45/QĐ-UBND',
          reason: 'Hủy dự toán không sử dụng hết',
        },
      ]);
      await untilShown(page, page.locator('[data-type="FundsCancelled"]'));
      await expectAccessible(page, 'line-cancelled');

      // An officer of another unit neither sees LĐTBXH's line nor may post to it.
      const stranger = await signIn(tokens.stranger);
      expect((await stranger.goto(`${base}/lines/${LINE}/decisions`))?.status()).toBe(404);
    });

    it('refuses a checkpoint to an auditor and an over-long reason, then the administrator signs one', async () => {
      const auditor = await signIn(tokens.auditor);
      await auditor.goto(`${base}/audit/checkpoints/new`);
      const before = await api.eventCount();
      await auditor
        .getByTestId('checkpoint-form')
        .getByRole('button', { name: 'Ký điểm kiểm tra' })
        .click();
      await expect(auditor.getByTestId('error-summary').innerText()).resolves.toContain(
        'quản trị viên (admin)',
      );
      expect(await api.eventCount()).toBe(before);
      await expectAccessible(auditor, 'form-checkpoint-refused-auditor');

      const admin = await signIn(tokens.admin);
      await admin.goto(`${base}/audit/checkpoints/new`);
      await expect(admin.getByTestId('checkpoint-latest').innerText()).resolves.toContain(
        'Chưa có điểm kiểm tra',
      );
      const form = admin.getByTestId('checkpoint-form');
      await form.getByLabel(/^Lý do/).fill('x'.repeat(501));
      await form.getByRole('button', { name: 'Ký điểm kiểm tra' }).click();
      await admin.getByTestId('error-summary').waitFor();
      await expect(fieldError(admin, 'checkpoint', 'reason')).resolves.not.toBe('');
      expect(await api.eventCount()).toBe(before);
      await expectAccessible(admin, 'form-checkpoint-refused');

      await form.getByLabel(/^Lý do/).fill('Kiểm toán quý II/2024');
      await form.getByRole('button', { name: 'Ký điểm kiểm tra' }).click();
      await expect(admin.getByTestId('checkpoint-latest').innerText()).resolves.toMatch(
        /Điểm kiểm tra gần nhất: đến vị trí [\d.]+ .*Phòng Tài chính - Kế hoạch/,
      );
      expect((await api.store.readStream('audit-checkpoints')).length).toBeGreaterThan(0);
      await expectAccessible(admin, 'form-checkpoint-signed');
    });

    it('refuses the rebuild to an auditor, then the administrator rebuilds and sees the reports', async () => {
      const auditor = await signIn(tokens.auditor);
      await auditor.goto(`${base}/admin/projections/rebuild`);
      await auditor.getByRole('button', { name: 'Dựng lại' }).click();
      await auditor.getByTestId('error-summary').waitFor();
      await expect(auditor.getByTestId('rebuild-reports').count()).resolves.toBe(0);
      await expectAccessible(auditor, 'form-rebuild-refused-auditor');

      const admin = await signIn(tokens.admin);
      await admin.goto(`${base}/admin/projections/rebuild`);
      await expectAccessible(admin, 'form-rebuild');
      await admin.getByRole('button', { name: 'Dựng lại' }).click();
      const reports = admin.getByTestId('rebuild-reports');
      await reports.waitFor();
      const text = await reports.innerText();
      expect(text).toContain('balances');
      expect(text).not.toContain('không');
      await expectAccessible(admin, 'form-rebuild-done');
    });
  },
);
