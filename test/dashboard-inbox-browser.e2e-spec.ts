import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';
import { expectAccessible } from './support/axe';
import { launchChromium } from './support/browser';
import { CHROMIUM_TOOL, describeWithTool } from './support/external-tools';

const UNIT = 'LDTBXH';
const LINE = `2024.DA7.TDA1.central.2024.${UNIT}`;
const OTHER = `2024.DA6.TDA2.central.2024.${UNIT}`;
const EXPENDITURE_PAGE = /\/expenditures\/[0-9a-f-]{36}(\?lang=en)?$/;

/**
 * What a person does with the browser's own buttons and language: Back to a form already
 * sent and send it again (appends once), the forms in English (?lang=en) refused then
 * accepted, and a transfer decided from the inbox it waits in. Pages checked by axe-core.
 */
describeWithTool(CHROMIUM_TOOL, 'forms, Back and the inbox in a real browser (Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  let base: string;
  const tokens = { officer: '', approver: '' };
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    api = await ApiHarness.start({}, { clock: new FixedClock('2024-07-01T03:00:00Z') });
    await api.app.listen(0, '127.0.0.1');
    const { port } = (api.app.getHttpServer() as Server).address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    const admin = api.user('Phòng Tài chính - Kế hoạch', 'admin');
    tokens.officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: UNIT });
    tokens.approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    await api.registerReference(admin);
    for (const part of ['DA7.TDA1', 'DA6.TDA2']) {
      await api
        .post('/api/v1/allocations', admin, {
          fiscalYear: 2024,
          programPart: part,
          fundSource: 'central',
          sourceYear: 2024,
          unit: UNIT,
          amount: '300000000',
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await api?.stop();
  });

  async function signIn(token: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#token', token);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    return page;
  }

  async function proposals(): Promise<number> {
    return (await api.allEvents()).filter((e) => e.type === 'ExpenditureProposed').length;
  }

  async function fillProposal(page: Page, amount: string, description: string): Promise<void> {
    await page.selectOption('#f-budgetLineId', LINE);
    await page.selectOption('#f-category', 'training');
    await page.fill('#f-amount', amount);
    await page.fill('#f-effectiveDate', '03/06/2024');
    await page.fill('#f-description', description);
    await page.fill('#f-payee', 'Trung tâm Chính trị huyện Ba Tơ');
  }

  async function send(page: Page, form: string): Promise<void> {
    await Promise.all([
      page.waitForLoadState('load'),
      page.click(`[data-testid="${form}"] button[type=submit]`),
    ]);
  }

  it('appends once when the user goes Back to a form already sent and sends it again', async () => {
    const officer = await signIn(tokens.officer);
    await officer.goto(`${base}/expenditures/new`);
    await fillProposal(officer, '1.500.000', 'Nước uống hội nghị');
    const key = await officer.inputValue('input[name="_key"]');
    const before = await proposals();
    await Promise.all([
      officer.waitForURL(EXPENDITURE_PAGE),
      officer.click('[data-testid="propose-form"] button[type=submit]'),
    ]);
    const recorded = officer.url();
    expect(await proposals()).toBe(before + 1);

    // Back: the form as it was sent, with the key it was sent with (forms.js puts it back).
    await officer.goBack();
    await officer.waitForURL(`${base}/expenditures/new`);
    expect(await officer.inputValue('input[name="_key"]')).toBe(key);
    // Whatever the browser restored of the typing, the person sends the same form again.
    await fillProposal(officer, '1.500.000', 'Nước uống hội nghị');
    await Promise.all([
      officer.waitForURL(EXPENDITURE_PAGE),
      officer.click('[data-testid="propose-form"] button[type=submit]'),
    ]);
    // The API answered with the first answer: the same expenditure, nothing appended.
    expect(officer.url()).toBe(recorded);
    expect(await proposals()).toBe(before + 1);
  });

  it('refuses then accepts a proposal in English (?lang=en), messages and labels in English', async () => {
    const officer = await signIn(tokens.officer);
    await officer.goto(`${base}/expenditures/new?lang=en`);
    await expect(officer.locator('html').getAttribute('lang')).resolves.toBe('en');
    await fillProposal(officer, '9.999.999.999', 'Training beyond the estimate');
    const before = await api.eventCount();
    await send(officer, 'propose-form');
    const summary = officer.getByTestId('error-summary');
    await expect(summary.innerText()).resolves.toMatch(/would overdraw|less than/i);
    await expect(summary.innerText()).resolves.not.toMatch(/không đủ/);
    expect(await officer.inputValue('#f-amount')).toBe('9.999.999.999');
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(officer, 'form-propose-en-refused');

    await officer.fill('#f-amount', '2.000.000');
    await Promise.all([
      officer.waitForURL(EXPENDITURE_PAGE),
      officer.click('[data-testid="propose-form"] button[type=submit]'),
    ]);
    expect(officer.url()).toMatch(/\?lang=en$/);
    await expect(officer.getByTestId('expenditure-status').innerText()).resolves.toMatch(
      /Awaiting approval/,
    );
  });

  it('refuses then accepts a transfer request in English; the approver decides it from the inbox', async () => {
    const officer = await signIn(tokens.officer);
    await officer.goto(`${base}/transfers/new?lang=en`);
    const form = officer.getByTestId('transfer-form');
    await form.getByLabel(/^Kind/).selectOption('reallocation');
    await form.getByLabel(/^From budget line/).selectOption(LINE);
    await form.getByLabel(/^To budget line/).selectOption(LINE);
    await form.getByLabel(/^Amount/).fill('10.000.000');
    await form.getByLabel(/^Decision/).fill('121/QĐ-UBND');
    const before = await api.eventCount();
    await send(officer, 'transfer-form');
    await expect(
      officer.getByTestId('transfer-form').locator('[id$="f-toLine-error"]').innerText(),
    ).resolves.toContain('Source and destination lines must differ');
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(officer, 'form-transfer-en-refused');

    await officer
      .getByTestId('transfer-form')
      .getByLabel(/^To budget line/)
      .selectOption(OTHER);
    await Promise.all([
      officer.waitForURL(/\/transfers\/[0-9a-f-]{36}\?lang=en$/),
      officer.click('[data-testid="transfer-form"] button[type=submit]'),
    ]);
    const transfer = new URL(officer.url()).pathname;

    const approver = await signIn(tokens.approver);
    await approver.goto(`${base}/inbox?lang=en`);
    // The proposals of the tests above wait for this approver too.
    const waiting = Number(await approver.getByTestId('inbox-count').innerText());
    expect(await approver.locator('tr[data-reason="decide_transfer"]').count()).toBe(1);
    await expectAccessible(approver, 'inbox-en-transfer');
    await Promise.all([
      approver.waitForURL(`${base}${transfer}?lang=en`),
      approver.click('tr[data-reason="decide_transfer"] a'),
    ]);
    await send(approver, 'transfer-approve-form');
    await approver.goto(`${base}/inbox?lang=en`);
    expect(await approver.locator('tr[data-reason="decide_transfer"]').count()).toBe(0);
    await expect(approver.getByTestId('inbox-count').innerText()).resolves.toBe(
      String(waiting - 1),
    );
  });

  it("adds and removes a plan's rows, shows a refused row's error beside its field, then drafts", async () => {
    const officer = await signIn(tokens.officer);
    await officer.goto(`${base}/plans/new`);
    const form = officer.getByTestId('plan-draft-form');
    const row = (list: string, n: number) =>
      form.locator(`fieldset[data-row-list="${list}"][data-row="${n}"]`);
    // One empty row of each list to type in; the others wait behind "Thêm dòng".
    await expect(row('activities', 1).isVisible()).resolves.toBe(true);
    await expect(row('activities', 2).isVisible()).resolves.toBe(false);
    await form.locator('button[data-row-add="activities"]').click();
    await expect(row('activities', 2).isVisible()).resolves.toBe(true);
    await row('activities', 2)
      .getByLabel(/^Hoạt động 2: nội dung/)
      .fill('Sẽ xóa');
    await row('activities', 2).locator('button[data-row-remove]').click();
    await expect(row('activities', 2).isVisible()).resolves.toBe(false);
    await expect(
      row('activities', 2)
        .getByLabel(/^Hoạt động 2: nội dung/)
        .inputValue(),
    ).resolves.toBe('');

    await form.getByLabel(/^Năm/).fill('2025');
    await form.getByLabel(/^Đơn vị chủ trì/).fill(UNIT);
    await form.getByLabel(/^Tên kế hoạch/).fill('Kế hoạch năm 2025');
    await form.getByLabel(/^Căn cứ/).fill('30/QĐ-UBND');
    await form.getByLabel(/^Quyết định giao vốn/).fill('30/QĐ-UBND');
    await form.getByLabel(/^Ngày/).fill('01/07/2024');
    await form.getByLabel(/^Tiểu dự án 1: mã/).fill('DA7.TDA1');
    await form.getByLabel(/^Tiểu dự án 1: tên/).fill('Nâng cao năng lực');
    await form.getByLabel(/^Tiểu dự án 1: kinh phí/).fill('100.000.000');
    await form.getByLabel(/^Hoạt động 1: mã$/).fill('HD1');
    await form.getByLabel(/^Hoạt động 1: tiểu dự án/).fill('DA7.TDA1');
    await form.getByLabel(/^Hoạt động 1: nội dung/).fill('Tập huấn');
    await form.getByLabel(/^Hoạt động 1: loại chi/).selectOption('training');
    await form.locator('button[data-row-add="activities"]').click();
    await form.getByLabel(/^Hoạt động 2: mã$/).fill('HD2');
    await form.getByLabel(/^Hoạt động 2: tiểu dự án/).fill('DA9.TDA9');
    await form.getByLabel(/^Hoạt động 2: nội dung/).fill('Hoạt động ngoài kế hoạch');
    await form.getByLabel(/^Hoạt động 2: loại chi/).selectOption('training');
    const before = await api.eventCount();
    await send(officer, 'plan-draft-form');
    const error = form.locator('[id$="f-activity2Part-error"]');
    await expect(error.innerText()).resolves.toContain('DA9.TDA9');
    // The refused row stays in sight with what was typed.
    await expect(row('activities', 2).isVisible()).resolves.toBe(true);
    await expect(form.getByLabel(/^Hoạt động 2: tiểu dự án/).inputValue()).resolves.toBe(
      'DA9.TDA9',
    );
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(officer, 'form-plan-rows-refused');

    await form.getByLabel(/^Hoạt động 2: tiểu dự án/).fill('DA7.TDA1');
    await Promise.all([
      officer.waitForURL(/\/plans\/2025\/LDTBXH$/),
      officer.click('[data-testid="plan-draft-form"] button[type=submit]'),
    ]);
    const drafted = (await api.allEvents()).filter((e) => e.type === 'PlanDrafted').at(-1);
    expect(
      (drafted?.data as { activities?: { id: string }[] }).activities?.map((a) => a.id),
    ).toEqual(['HD1', 'HD2']);
  });
});
