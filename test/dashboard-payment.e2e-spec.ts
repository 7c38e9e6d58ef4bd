import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkConservation } from '@app/application';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness } from './support/api-harness';
import { launchChromium, screenshotPath } from './support/browser';
import { CHROMIUM_TOOL, describeWithTool } from './support/external-tools';

const UNIT = 'LDTBXH';
const LINE = `2024.DA7.TDA1.central.2024.${UNIT}`;

/** Phòng LĐ-TB&XH's account signatories (illustrative): the head and the chief accountant. */
const signatory = (personId: string, capacity: string, name: string, specimen: string) => ({
  capacity,
  standing: capacity === 'account_holder' ? 'head' : 'chief_accountant',
  personId,
  name,
  title: name,
  validFrom: '2024-01-02',
  specimen: { number: specimen, registeredOn: '2024-01-02' },
});

/**
 * A payment's whole life clicked through in Chromium by the people who move the money:
 * the officer proposes, the head and the chief accountant sign, the accountant pays; and
 * what the forms refuse (an overdraw, a forged or stale form, another unit's officer),
 * with nothing recorded. Screenshots of each form go to .test-output/screenshots.
 */
describeWithTool(CHROMIUM_TOOL, 'a payment through the dashboard forms (headless Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  let base: string;
  const tokens = { officer: '', head: '', chief: '', accountant: '', auditor: '', stranger: '' };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    api = await ApiHarness.start({}, { clock: new FixedClock('2024-07-01T03:00:00Z') });
    await api.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${((api.app.getHttpServer() as Server).address() as AddressInfo).port}`;
    const admin = api.user('Quản trị hệ thống', 'admin');
    tokens.officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: UNIT });
    tokens.head = api.user('Trưởng phòng LĐ-TB&XH', 'approver', {
      unit: UNIT,
      personId: 'p-head',
    });
    tokens.chief = api.user('Kế toán trưởng', 'accountant', { unit: UNIT, personId: 'p-chief' });
    tokens.accountant = api.user('Kế toán LĐTBXH', 'accountant', { unit: UNIT });
    tokens.auditor = api.user('Kiểm toán viên', 'auditor');
    tokens.stranger = api.user('Cán bộ Phòng Tài chính', 'officer', { unit: 'TCKH' });
    await api.registerReference(admin);
    await api.allocate(admin, '1200000000');
    const path = `/api/v1/units/${UNIT}/signatories`;
    await api
      .post(path, admin, signatory('p-head', 'account_holder', 'Trưởng phòng', 'KBBT-2024-017'))
      .expect(201);
    await api
      .post(path, admin, signatory('p-chief', 'chief_accountant', 'Kế toán trưởng', 'KBBT-19'))
      .expect(201);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    const report = api ? await checkConservation(api.store) : { problems: [] };
    await api?.stop();
    expect(report.problems).toEqual([]);
  });

  /** A new browser (its own cookies), signed in with the token. */
  async function signedIn(token: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#token', token);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    return page;
  }

  async function proposed(): Promise<number> {
    return (await api.allEvents()).filter((e) => e.type === 'ExpenditureProposed').length;
  }

  /** Fills the proposal form as typed by hand (the script groups digits, adds slashes). */
  async function fillProposal(page: Page, amount: string, description: string): Promise<void> {
    await page.goto(`${base}/expenditures/new`);
    await page.selectOption('#f-budgetLineId', LINE);
    await page.selectOption('#f-category', 'training');
    await page.fill('#f-amount', '');
    await page.type('#f-amount', amount);
    await page.fill('#f-effectiveDate', '');
    await page.type('#f-effectiveDate', '03062024');
    await page.fill('#f-description', description);
    await page.fill('#f-payee', 'Trung tâm Chính trị huyện Ba Tơ');
  }

  async function submitAndWait(page: Page, form: string, url: RegExp): Promise<void> {
    await Promise.all([
      page.waitForURL(url),
      page.click(`[data-testid="${form}"] button[type=submit]`),
    ]);
  }

  it('carries a payment from proposal to paid: officer, two signers, accountant', async () => {
    const officer = await signedIn(tokens.officer);
    await fillProposal(officer, '25000000', 'Tập huấn nâng cao năng lực cán bộ giảm nghèo');
    // Typed as digits, shown as Vietnamese officials write them, whatever the browser's locale.
    expect(await officer.inputValue('#f-amount')).toBe('25.000.000');
    expect(await officer.inputValue('#f-effectiveDate')).toBe('03/06/2024');
    await officer.screenshot({ path: screenshotPath('form-propose'), fullPage: true });
    await submitAndWait(officer, 'propose-form', /\/expenditures\/[0-9a-f-]{36}$/);
    const page = new URL(officer.url()).pathname;
    await expect(officer.textContent('[data-testid="expenditure-status"]')).resolves.toContain(
      'Chờ phê duyệt',
    );

    const head = await signedIn(tokens.head);
    expect(await head.textContent('[data-testid="inbox-count"]')).toBe('1');
    await head.goto(`${base}/inbox`);
    await Promise.all([
      head.waitForURL(`${base}${page}`),
      head.click(`tr[data-reason="sign_account_holder"] a`),
    ]);
    await head.selectOption('#sign-f-capacity', 'account_holder');
    await head.fill('#sign-f-legalBasis', '30/QĐ-UBND');
    await head.screenshot({ path: screenshotPath('form-sign-reject'), fullPage: true });
    await submitAndWait(head, 'sign-form', new RegExp(`${page}$`));
    expect(await head.textContent('[data-testid="expenditure-summary"]')).toContain('Trưởng phòng');

    const chief = await signedIn(tokens.chief);
    await chief.goto(`${base}/inbox`);
    await Promise.all([
      chief.waitForURL(`${base}${page}`),
      chief.click(`tr[data-reason="sign_chief_accountant"] a`),
    ]);
    await chief.selectOption('#sign-f-capacity', 'chief_accountant');
    await chief.fill('#sign-f-legalBasis', '30/QĐ-UBND');
    await submitAndWait(chief, 'sign-form', new RegExp(`${page}$`));
    await expect(chief.textContent('[data-testid="expenditure-status"]')).resolves.toContain(
      'Đã phê duyệt, chưa chi',
    );

    const accountant = await signedIn(tokens.accountant);
    await accountant.goto(`${base}/inbox`);
    await Promise.all([
      accountant.waitForURL(`${base}${page}`),
      accountant.click(`tr[data-reason="pay"] a`),
    ]);
    await accountant.fill('#disburse-f-voucher', 'PC-2024-031');
    await accountant.fill('#disburse-f-paidOn', '10/06/2024');
    await accountant.screenshot({
      path: screenshotPath('form-treasury-disburse-reverse'),
      fullPage: true,
    });
    await submitAndWait(accountant, 'disburse-form', new RegExp(`${page}$`));
    await expect(accountant.textContent('[data-testid="expenditure-status"]')).resolves.toContain(
      'Đã chi',
    );

    // The line's history and the overview show it.
    await accountant.goto(`${base}/lines/${LINE}`);
    const history = (await accountant.textContent('main')) ?? '';
    expect(history).toContain('PC-2024-031');
    expect(history).toContain('25.000.000');
    await accountant.goto(`${base}/`);
    expect((await accountant.textContent('main')) ?? '').toContain('25.000.000');
    // The log's hash chain holds, as `budget verify` checks it.
    const verify = await api.get('/api/v1/audit/verify', tokens.auditor).expect(200);
    expect(verify.body).toMatchObject({ ok: true });
  });

  it('shows a refused overdraw in the form, keeps the input, focuses the error, records nothing', async () => {
    const officer = await signedIn(tokens.officer);
    await fillProposal(officer, '9999999999', 'Hội nghị vượt dự toán');
    const before = await api.eventCount();
    await Promise.all([
      officer.waitForLoadState('load'),
      officer.click('[data-testid="propose-form"] button[type=submit]'),
    ]);
    await officer.waitForSelector('[data-testid="error-summary"]');
    expect(await officer.textContent('[data-testid="error-summary"]')).toContain(
      'không đủ 9.999.999.999 đồng',
    );
    expect(await officer.inputValue('#f-amount')).toBe('9.999.999.999');
    expect(await officer.inputValue('#f-description')).toBe('Hội nghị vượt dự toán');
    expect(
      await officer.evaluate(() =>
        (
          globalThis as unknown as {
            document: { activeElement: { getAttribute(n: string): string | null } };
          }
        ).document.activeElement.getAttribute('data-testid'),
      ),
    ).toBe('error-summary');
    await officer.screenshot({ path: screenshotPath('form-propose-refused'), fullPage: true });
    expect(await api.eventCount()).toBe(before);
  });

  it('appends once when the submit button is double-clicked, or the form sent again', async () => {
    const officer = await signedIn(tokens.officer);
    await fillProposal(officer, '1200000', 'Văn phòng phẩm tập huấn');
    const before = await proposed();
    let posts = 0;
    officer.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/expenditures/new')) posts++;
    });
    // What the form sends, as a reload of the POST (or the form restored by Back) resends it.
    const sent = await officer.evaluate(() => {
      const doc = (globalThis as unknown as { document: { forms: ArrayLike<unknown> } }).document;
      const form = doc.forms[doc.forms.length - 1] as never;
      return new URLSearchParams(new FormData(form) as never).toString();
    });
    await officer.dblclick('[data-testid="propose-form"] button[type=submit]');
    // The second click's submission may abort the first one's navigation (ERR_ABORTED),
    // which waitForURL takes for a failure: wait for where the page ends up instead.
    for (let waited = 0; !/\/expenditures\/[0-9a-f-]{36}$/.test(officer.url()); waited += 100) {
      if (waited > 30_000) throw new Error(`still at ${officer.url()} after the double click`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await officer.waitForLoadState('load');
    const resent = await officer.evaluate(async (body) => {
      const res = await fetch('/expenditures/new', {
        method: 'POST',
        body: new URLSearchParams(body),
        redirect: 'manual',
      });
      return res.type;
    }, sent);
    expect(resent).toBe('opaqueredirect');
    expect(posts).toBeGreaterThanOrEqual(1);
    expect(await proposed()).toBe(before + 1);
  });

  it('refuses a form without or with a wrong CSRF token, and records nothing', async () => {
    const officer = await signedIn(tokens.officer);
    const before = await api.eventCount();
    for (const token of [null, 'x'.repeat(43)]) {
      await fillProposal(officer, '1000000', 'Biểu mẫu bị sửa');
      await officer.evaluate((value) => {
        const doc = (
          globalThis as unknown as {
            document: { querySelector(s: string): { value: string; remove(): void } | null };
          }
        ).document;
        const field = doc.querySelector('input[name="_csrf"]');
        if (value === null) field?.remove();
        else if (field) field.value = value;
      }, token);
      const [response] = await Promise.all([
        officer.waitForResponse((r) => r.request().method() === 'POST'),
        officer.click('[data-testid="propose-form"] button[type=submit]'),
      ]);
      expect(response.status()).toBe(403);
    }
    expect(await api.eventCount()).toBe(before);
  });

  it("refuses an officer of another unit: LĐTBXH's lines are neither offered nor writable", async () => {
    const stranger = await signedIn(tokens.stranger);
    await stranger.goto(`${base}/expenditures/new`);
    expect(await stranger.locator(`#f-budgetLineId option[value="${LINE}"]`).count()).toBe(0);
    // A forged choice of LĐTBXH's line reaches the API's own refusal.
    await stranger.evaluate((line) => {
      const doc = (
        globalThis as unknown as {
          document: { querySelector(s: string): { innerHTML: string } | null };
        }
      ).document;
      const select = doc.querySelector('#f-budgetLineId');
      if (select) select.innerHTML = `<option value="${line}" selected>${line}</option>`;
    }, LINE);
    await stranger.selectOption('#f-category', 'meeting');
    await stranger.fill('#f-amount', '1.000.000');
    await stranger.fill('#f-effectiveDate', '03/06/2024');
    await stranger.fill('#f-description', 'Đề xuất trên dòng của đơn vị khác');
    await stranger.fill('#f-payee', 'Không ai');
    const before = await api.eventCount();
    const [response] = await Promise.all([
      stranger.waitForResponse((r) => r.request().method() === 'POST'),
      stranger.click('[data-testid="propose-form"] button[type=submit]'),
    ]);
    expect(response.status()).toBe(403);
    expect(await stranger.textContent('[data-testid="error-summary"]')).toContain('LDTBXH');
    expect(await api.eventCount()).toBe(before);
    // Another unit's expenditure page does not exist for them.
    const officer = await signedIn(tokens.officer);
    await fillProposal(officer, '500000', 'Khoản chi của LĐTBXH');
    await submitAndWait(officer, 'propose-form', /\/expenditures\/[0-9a-f-]{36}$/);
    const other = await stranger.goto(`${base}${new URL(officer.url()).pathname}`);
    expect(other?.status()).toBe(404);
  });

  it('takes an advance through the Treasury and its settlement, form by form', async () => {
    const officer = await signedIn(tokens.officer);
    await fillProposal(officer, '3000000', 'Tạm ứng tổ chức lớp tập huấn');
    await officer.selectOption('#f-kind', 'advance');
    await submitAndWait(officer, 'propose-form', /\/expenditures\/[0-9a-f-]{36}$/);
    const page = new URL(officer.url()).pathname;
    const id = page.split('/').pop() ?? '';
    for (const [token, capacity] of [
      [tokens.head, 'account_holder'],
      [tokens.chief, 'chief_accountant'],
    ] as const) {
      await api.post(`/api/v1/expenditures/${id}/sign`, token, { capacity }).expect(200);
    }
    const accountant = await signedIn(tokens.accountant);
    await accountant.goto(`${base}${page}`);
    await accountant.fill('#treasury-send-f-dossier', 'HS-2024-0456');
    await accountant.fill('#treasury-send-f-sentOn', '12/06/2024');
    await accountant.fill('#treasury-send-f-treasuryOffice', 'KBNN Ba Tơ');
    await submitAndWait(accountant, 'treasury-send-form', new RegExp(`${page}$`));
    await accountant.goto(`${base}/inbox`);
    expect(
      await accountant.locator(`tr[data-reason="at_treasury"][data-expenditure="${id}"]`).count(),
    ).toBe(1);
    await accountant.goto(`${base}${page}`);
    await accountant.screenshot({ path: screenshotPath('form-treasury-answer'), fullPage: true });
    await accountant.fill('#treasury-accept-f-paymentOrder', 'UNC-2024-0789');
    await accountant.fill('#treasury-accept-f-paidOn', '14/06/2024');
    await submitAndWait(accountant, 'treasury-accept-form', new RegExp(`${page}$`));
    await expect(accountant.textContent('[data-testid="expenditure-status"]')).resolves.toContain(
      'Đã chi',
    );
    await accountant.screenshot({
      path: screenshotPath('form-advance-settle-recover'),
      fullPage: true,
    });
    await accountant.fill('#settle-f-amount', '2.500.000');
    await accountant.fill('#settle-f-voucherNumber', 'HĐ-2024-112');
    await accountant.fill('#settle-f-voucherDate', '20/06/2024');
    await accountant.fill('#settle-f-settledOn', '21/06/2024');
    await submitAndWait(accountant, 'settle-form', new RegExp(`${page}$`));
    await accountant.fill('#recover-f-amount', '500.000');
    await accountant.fill('#recover-f-receipt', 'BL-2024-009');
    await accountant.fill('#recover-f-recoveredOn', '22/06/2024');
    await submitAndWait(accountant, 'recover-form', new RegExp(`${page}$`));
    const types = (await api.allEvents())
      .filter((e) => (e.data as { expenditureId?: string }).expenditureId === id)
      .map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'ExpenditureSentToTreasury',
        'ExpenditureDisbursed',
        'AdvanceSettled',
        'AdvanceRecovered',
      ]),
    );
  });
});
