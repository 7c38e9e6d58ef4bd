import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';
import { expectAccessible } from './support/axe';
import { launchChromium } from './support/browser';
import { CHROMIUM_TOOL, describeWithTool } from './support/external-tools';
import { fieldError, FormPages, untilShown } from './support/form-pages';

const UNIT = 'LDTBXH';
const CENTRAL = `2024.DA7.TDA1.central.2024.${UNIT}`;
const OTHER_PART = `2024.DA6.TDA2.central.2024.${UNIT}`;
const PROVINCIAL = `2024.DA7.TDA1.provincial.2024.${UNIT}`;

/**
 * The finance office's and the officers' forms other than the payment's, clicked in
 * Chromium by the users who do them: allocations under a registered decision, a legal
 * document, transfers asked for and decided, a fiscal year closed. Each refusal is shown
 * at its field with the input kept and nothing recorded; each success shows afterwards.
 * Every page is checked by axe-core and left as a screenshot.
 */
describeWithTool(CHROMIUM_TOOL, 'the office forms in a real browser (headless Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  let base: string;
  const tokens = { admin: '', officer: '', approver: '', stranger: '' };
  const pages = new FormPages(
    () => browser,
    () => base,
  );

  beforeAll(async () => {
    api = await ApiHarness.start({}, { clock: new FixedClock('2024-07-01T03:00:00Z') });
    await api.app.listen(0, '127.0.0.1');
    const { port } = (api.app.getHttpServer() as Server).address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    tokens.admin = api.user('Phòng Tài chính - Kế hoạch', 'admin');
    tokens.officer = api.user('Cán bộ LĐTBXH', 'officer', { unit: UNIT });
    tokens.approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
    tokens.stranger = api.user('Cán bộ Phòng Tư pháp', 'officer', { unit: 'TU_PHAP' });
    await api.registerReference(tokens.admin);
    for (const [part, source, amount] of [
      ['DA7.TDA1', 'central', '1200000000'],
      ['DA7.TDA1', 'provincial', '120000000'],
      ['DA6.TDA2', 'central', '300000000'],
    ] as const) {
      await api
        .post('/api/v1/allocations', tokens.admin, {
          fiscalYear: 2024,
          programPart: part,
          fundSource: source,
          sourceYear: 2024,
          unit: UNIT,
          amount,
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await pages.close();
    await browser?.close();
    await api?.stop();
  });

  it('refuses a plan draft without its title beside the title, keeps the rows, then drafts, edits, submits; the approver refuses an approval without its number, then approves with it; the officer records progress', async () => {
    const officer = await pages.signIn(tokens.officer);
    await officer.goto(`${base}/plans/new`);
    const form = officer.getByTestId('plan-draft-form');
    await form.getByLabel(/^Căn cứ/).fill('30/QĐ-UBND');
    await form.getByLabel(/^Quyết định giao vốn/).fill('30/QĐ-UBND');
    await form.getByLabel(/^Tiểu dự án 1: mã/).fill('DA7.TDA1');
    await form.getByLabel(/^Tiểu dự án 1: tên/).fill('Nâng cao năng lực thực hiện Chương trình');
    await form.getByLabel(/^Tiểu dự án 1: kinh phí/).fill('1.320.000.000');
    await form.getByLabel(/^Hoạt động 1: mã$/).fill('HD1');
    await form.getByLabel(/^Hoạt động 1: tiểu dự án/).fill('DA7.TDA1');
    await form.getByLabel(/^Hoạt động 1: nội dung/).fill('Tập huấn cán bộ cấp xã');
    await form.getByLabel(/^Hoạt động 1: loại chi/).selectOption('training');
    await form.getByLabel(/^Hoạt động 1: kinh phí/).fill('100.000.000');
    await form.getByLabel(/^Hoạt động 1: mã sản phẩm/).fill('O1');
    await form.getByLabel(/^Hoạt động 1: sản phẩm/).fill('Lớp tập huấn');
    await form.getByLabel(/^Hoạt động 1: đơn vị tính/).selectOption('lớp');
    await form.getByLabel(/^Hoạt động 1: chỉ tiêu/).fill('4');
    await form.getByLabel(/^Ngày/).fill('01/07/2024');
    await expectAccessible(officer, 'form-plan-draft');
    const before = await api.eventCount();
    await form.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await expect(fieldError(officer, 'plan-draft', 'title')).resolves.toContain('bắt buộc');
    await expect(form.getByLabel(/^Tiểu dự án 1: kinh phí/).inputValue()).resolves.toBe(
      '1.320.000.000',
    );
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(officer, 'form-plan-draft-refused');

    await form.getByLabel(/^Tên kế hoạch/).fill('Kế hoạch thực hiện Tiểu dự án 1 Dự án 7 năm 2024');
    await form.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await officer.waitForURL(/\/plans\/2024\/LDTBXH$/);
    await untilShown(officer, 'plan-status', 'Dự thảo');
    await officer.getByRole('link', { name: 'Sửa dự thảo' }).click();
    await expect(form.getByLabel(/^Hoạt động 1: chỉ tiêu/).inputValue()).resolves.toBe('4');
    await form.getByLabel(/^Hoạt động 1: chỉ tiêu/).fill('5');
    await form.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await officer.waitForURL(/\/plans\/2024\/LDTBXH$/);
    await untilShown(officer, 'plan-output', '5 lớp');
    await officer.getByRole('button', { name: 'Trình', exact: true }).click();
    await untilShown(officer, 'plan-status', 'Đã trình');

    // The approver finds the plan from the forms page the header links to.
    const approver = await pages.signIn(tokens.approver);
    await approver.getByRole('link', { name: 'Biểu mẫu' }).click();
    await expect(approver.getByTestId('plan-links').innerText()).resolves.toContain(
      'LDTBXH: chờ phê duyệt',
    );
    await expectAccessible(approver, 'forms-index');
    await approver.getByTestId('plan-links').getByRole('link', { name: UNIT }).click();
    const approve = approver.getByTestId('plan-approve-form');
    await approve.getByLabel(/^Ngày ký/).fill('01/07/2024');
    const beforeApproval = await api.eventCount();
    await approve.getByRole('button', { name: 'Phê duyệt' }).click();
    await expect(fieldError(approver, 'plan-approve', 'number')).resolves.toContain('bắt buộc');
    await expect(
      approver
        .getByTestId('plan-approve-form')
        .getByLabel(/^Ngày ký/)
        .inputValue(),
    ).resolves.toBe('01/07/2024');
    expect(await api.eventCount()).toBe(beforeApproval);
    await expectAccessible(approver, 'form-plan-approve-refused');
    await approver
      .getByTestId('plan-approve-form')
      .getByLabel(/^Số quyết định/)
      .fill('112/KH-UBND');
    await approver
      .getByTestId('plan-approve-form')
      .getByRole('button', { name: 'Phê duyệt' })
      .click();
    await untilShown(approver, 'plan-decision', '112/KH-UBND (1/7/2024)');

    await officer.goto(`${base}/plans/2024/${UNIT}`);
    const progress = officer.getByTestId('plan-progress-form');
    await progress.getByLabel(/^Sản phẩm/).selectOption('HD1/O1');
    await progress.getByLabel(/^Số lượng/).fill('2');
    await progress.getByRole('button', { name: 'Ghi kết quả' }).click();
    await untilShown(officer, 'output-progress', '2 đã thực hiện');
    await expectAccessible(officer, 'plan-approved-progress');

    // An approved plan changes only by a decision the amendment cites.
    await officer.getByRole('link', { name: 'Điều chỉnh kế hoạch' }).click();
    const amend = officer.getByTestId('plan-amend-form');
    await expect(amend.getByLabel(/^Hoạt động 1: chỉ tiêu/).inputValue()).resolves.toBe('5');
    await amend.getByLabel(/^Hoạt động 1: chỉ tiêu/).fill('6');
    await amend.getByLabel(/^Quyết định điều chỉnh/).fill('130/QĐ-UBND');
    await amend.getByLabel(/^Lý do/).fill('Bổ sung một lớp tập huấn');
    await amend.getByRole('button', { name: 'Lưu điều chỉnh' }).click();
    await officer.waitForURL(/\/plans\/2024\/LDTBXH$/);
    await untilShown(officer, 'plan-status', 'Dự thảo điều chỉnh');
  });

  it('refuses an allocation under an unregistered decision at the decision field, keeps the input, then registers the decision and allocates under it', async () => {
    const page = await pages.signIn(tokens.admin);
    await page.goto(`${base}/allocations/new`);
    const form = page.getByTestId('allocate-form');
    await form.getByLabel('Dự án / tiểu dự án').fill('DA7.TDA2');
    await form.getByLabel('Nguồn vốn').selectOption('central');
    await form.getByLabel('Đơn vị sử dụng').fill(UNIT);
    await form.getByLabel('Số tiền').fill('450.000.000');
    await form.getByLabel('Quyết định giao dự toán').fill('45/QĐ-UBND');
    await form.getByLabel('Ngày hiệu lực').fill('01/04/2024');
    await expectAccessible(page, 'form-allocate');

    const before = await api.eventCount();
    await form.getByRole('button', { name: 'Giao dự toán' }).click();
    await page.getByTestId('error-summary').waitFor();
    await expect(fieldError(page, 'allocate', 'decision')).resolves.toContain('45/QĐ-UBND');
    await expect(form.getByLabel('Số tiền').inputValue()).resolves.toBe('450.000.000');
    await expect(form.getByLabel('Dự án / tiểu dự án').inputValue()).resolves.toBe('DA7.TDA2');
    await expect(
      form.getByLabel('Quyết định giao dự toán').getAttribute('aria-invalid'),
    ).resolves.toBe('true');
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(page, 'form-allocate-refused');

    await page.goto(`${base}/documents/new`);
    const doc = page.getByTestId('document-form');
    await doc.getByLabel('Số, ký hiệu').fill('45/QĐ-UBND');
    await doc.getByLabel('Loại văn bản').selectOption('QĐ');
    await doc.getByLabel('Cơ quan ban hành').fill('UBND huyện Ba Tơ');
    await doc.getByLabel('Ngày ban hành').fill('28/03/2024');
    await doc.getByLabel('Trích yếu').fill('Giao bổ sung dự toán DA7.TDA2 năm 2024');
    await expectAccessible(page, 'form-document');
    await doc.getByRole('button', { name: 'Đăng ký' }).click();
    await expect(page.getByTestId('form-done').innerText()).resolves.toContain(
      'Đã đăng ký văn bản 45/QĐ-UBND (28/3/2024)',
    );
    await expectAccessible(page, 'form-document-registered');

    await page.getByRole('link', { name: 'Giao dự toán theo văn bản này' }).click();
    await expect(form.getByLabel('Quyết định giao dự toán').inputValue()).resolves.toBe(
      '45/QĐ-UBND',
    );
    await form.getByLabel('Dự án / tiểu dự án').fill('DA7.TDA2');
    await form.getByLabel('Nguồn vốn').selectOption('central');
    await form.getByLabel('Đơn vị sử dụng').fill(UNIT);
    await form.getByLabel('Số tiền').fill('450.000.000');
    await form.getByLabel('Ngày hiệu lực').fill('01/04/2024');
    await form.getByRole('button', { name: 'Giao dự toán' }).click();
    await page.waitForURL(/\/lines\/2024\.DA7\.TDA2\.central\.2024\.LDTBXH/);
    const allocated = page.locator('[data-type="FundsAllocated"]');
    await expect(allocated.innerText()).resolves.toContain('45/QĐ-UBND');
    await expect(allocated.innerText()).resolves.toContain('450.000.000');
    await expect(page.getByTestId('line-total').innerText()).resolves.toBe('450.000.000');
  });

  it("refuses a reallocation across fund sources at the line, then an officer's request is approved by the approver and the money moves", async () => {
    const officer = await pages.signIn(tokens.officer);
    await officer.goto(`${base}/transfers/new`);
    const form = officer.getByTestId('transfer-form');
    await form.getByLabel('Từ dòng ngân sách').selectOption(CENTRAL);
    await form.getByLabel('Đến dòng ngân sách').selectOption(PROVINCIAL);
    await form.getByLabel('Số tiền').fill('10.000.000');
    await form.getByLabel(/^Quyết định/).fill('30/QĐ-UBND');
    await form.getByLabel('Ngày hiệu lực').fill('01/07/2024');
    await expectAccessible(officer, 'form-transfer');
    const before = await api.eventCount();
    await form.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await officer.getByTestId('error-summary').waitFor();
    // Across fund sources only by a permitting decision: said beside that field.
    await expect(fieldError(officer, 'transfer', 'permittedBy')).resolves.toContain(
      'không điều chuyển giữa nguồn ngân sách',
    );
    await expect(form.getByLabel('Số tiền').inputValue()).resolves.toBe('10.000.000');
    await expect(form.getByLabel('Đến dòng ngân sách').inputValue()).resolves.toBe(PROVINCIAL);
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(officer, 'form-transfer-refused');

    await form.getByLabel('Đến dòng ngân sách').selectOption(OTHER_PART);
    await form.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await officer.waitForURL(/\/transfers\/[0-9a-f-]{36}$/);
    const url = officer.url();
    await expect(officer.getByTestId('transfer-status').innerText()).resolves.toBe('Chờ phê duyệt');
    // An officer does not decide: no approve form for them.
    await expect(officer.getByTestId('transfer-approve-form').count()).resolves.toBe(0);
    await expectAccessible(officer, 'transfer-requested');

    const approver = await pages.signIn(tokens.approver);
    await approver.goto(url);
    await approver
      .getByTestId('transfer-approve-form')
      .getByRole('button', { name: 'Phê duyệt' })
      .click();
    await approver.waitForURL(url);
    // The money moves by the transfer process, just after the decision is recorded.
    for (let i = 0; i < 40; i++) {
      const status = await approver.getByTestId('transfer-status').innerText();
      if (status === 'Đã hoàn thành') break;
      await approver.waitForTimeout(100);
      await approver.reload();
    }
    await expect(approver.getByTestId('transfer-status').innerText()).resolves.toBe(
      'Đã hoàn thành',
    );
    await expectAccessible(approver, 'transfer-completed');
    await approver.goto(`${base}/lines/${OTHER_PART}`);
    await expect(approver.locator('[data-type="FundsTransferredIn"]').count()).resolves.toBe(1);

    // An officer of another unit sees neither the transfer nor LĐTBXH's plan, and is offered
    // none of its lines to move money from.
    const stranger = await pages.signIn(tokens.stranger);
    expect((await stranger.goto(url))?.status()).toBe(404);
    expect((await stranger.goto(`${base}/plans/2024/${UNIT}`))?.status()).toBe(404);
    await stranger.goto(`${base}/transfers/new`);
    await expect(stranger.locator('main').innerText()).resolves.not.toContain(UNIT);
  });

  it('refuses a rejection without a reason beside the reason, then records it with one', async () => {
    const officer = await pages.signIn(tokens.officer);
    await officer.goto(`${base}/transfers/new`);
    const form = officer.getByTestId('transfer-form');
    await form.getByLabel('Từ dòng ngân sách').selectOption(CENTRAL);
    await form.getByLabel('Đến dòng ngân sách').selectOption(OTHER_PART);
    await form.getByLabel('Số tiền').fill('5.000.000');
    await form.getByLabel(/^Quyết định/).fill('30/QĐ-UBND');
    await form.getByLabel('Ngày hiệu lực').fill('01/07/2024');
    await form.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await officer.waitForURL(/\/transfers\/[0-9a-f-]{36}$/);

    const approver = await pages.signIn(tokens.approver);
    await approver.goto(officer.url());
    const reject = approver.getByTestId('transfer-reject-form');
    await reject.getByLabel('Ngày quyết định').fill('01/07/2024');
    const before = await api.eventCount();
    await reject.getByRole('button', { name: 'Từ chối' }).click();
    await expect(fieldError(approver, 'transfer-reject', 'reason')).resolves.toContain('bắt buộc');
    await expect(
      approver.getByTestId('transfer-reject-form').getByLabel('Ngày quyết định').inputValue(),
    ).resolves.toBe('01/07/2024');
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(approver, 'transfer-reject-refused');
    await approver
      .getByTestId('transfer-reject-form')
      .getByLabel('Lý do')
      .fill('Chưa có ý kiến của Phòng Tài chính');
    await approver
      .getByTestId('transfer-reject-form')
      .getByRole('button', { name: 'Từ chối' })
      .click();
    await expect(approver.getByTestId('transfer-status').innerText()).resolves.toBe('Bị từ chối');
    await expect(approver.locator('main').innerText()).resolves.toContain(
      'Chưa có ý kiến của Phòng Tài chính',
    );
  });

  it('refuses closing a year before its adjustment period ends, then closes a finished year by two persons', async () => {
    const admin = await pages.signIn(tokens.admin);
    await admin.goto(`${base}/fiscal-years/2024/close`);
    await expect(admin.getByTestId('close-status').innerText()).resolves.toBe('Đang mở sổ');
    const before = await api.eventCount();
    await admin.getByTestId('close-propose-form').getByLabel('Ngày hiệu lực').fill('01/07/2024');
    await admin.getByRole('button', { name: 'Đề nghị khóa sổ' }).click();
    await admin.getByTestId('error-summary').waitFor();
    await expect(
      admin.getByTestId('close-propose-form').getByLabel('Ngày hiệu lực').inputValue(),
    ).resolves.toBe('01/07/2024');
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(admin, 'form-close-refused');

    await admin.goto(`${base}/fiscal-years/2023/close`);
    await admin.getByTestId('close-propose-form').getByLabel('Ngày hiệu lực').fill('01/07/2024');
    await admin.getByRole('button', { name: 'Đề nghị khóa sổ' }).click();
    await expect(admin.getByTestId('close-status').innerText()).resolves.toBe(
      'Đã đề nghị khóa sổ, chờ phê duyệt',
    );
    const approver = await pages.signIn(tokens.approver);
    await approver.goto(`${base}/fiscal-years/2023/close`);
    await expectAccessible(approver, 'form-close-approve');
    await approver.getByRole('button', { name: 'Phê duyệt khóa sổ' }).click();
    await expect(approver.getByTestId('close-status').innerText()).resolves.toBe('Đã khóa sổ');
  });
});
