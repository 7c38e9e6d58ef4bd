import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { checkConservation } from '@app/application';
import { FixedClock } from './support/ba-to-ledger';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';
import { expectAccessible } from './support/axe';
import { launchChromium } from './support/browser';
import { CHROMIUM_TOOL, describeWithTool } from './support/external-tools';
import { fieldError, FormPages, untilShown } from './support/form-pages';

const UNIT = 'THU';
const LINE = `2024.DA7.TDA1.central.2024.${UNIT}`;

/**
 * The reference records in Chromium, and the README's path "from proposal to paid in the
 * browser alone": from a ledger holding nothing but the users' tokens (as `budget users
 * add` prints them), the administrator registers the unit, its mã ĐVQHNS, the allocating
 * decision, the allocation and the line's classification; the officer proposes; the
 * approver approves; the accountant pays. Then the signatories, the year's lead agency and
 * a joint trip. Each form is refused once (the problem beside its field, the input kept,
 * nothing recorded), then accepted; every page checked by axe-core and left as a screenshot.
 */
describeWithTool(CHROMIUM_TOOL, 'the reference forms in a real browser (headless Chromium)', () => {
  let api: ApiHarness;
  let browser: Browser;
  let base: string;
  const tokens = { admin: '', officer: '', approver: '', accountant: '', auditor: '', other: '' };
  const pages = new FormPages(
    () => browser,
    () => base,
  );

  beforeAll(async () => {
    api = await ApiHarness.start({}, { clock: new FixedClock('2024-07-01T03:00:00Z') });
    await api.app.listen(0, '127.0.0.1');
    const { port } = (api.app.getHttpServer() as Server).address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    // What `budget users add` does; nothing else is written outside the browser.
    tokens.admin = api.user('Quản trị (thử)', 'admin');
    tokens.officer = api.user('Cán bộ thử', 'officer', { unit: UNIT });
    tokens.approver = api.user('Phó Chủ tịch (thử)', 'approver', { authority: BA_TO_AUTHORITY });
    tokens.accountant = api.user('Kế toán thử', 'accountant', { unit: UNIT });
    tokens.auditor = api.user('Kiểm toán viên', 'auditor');
    tokens.other = api.user('Cán bộ Phòng Tư pháp', 'officer', { unit: 'TU_PHAP' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await pages.close();
    await browser?.close();
    const report = api ? await checkConservation(api.store) : { problems: [] };
    await api?.stop();
    expect(report.problems).toEqual([]);
  });

  /** Submits and waits for the answer page (a redirect after success, the form again after a refusal). */
  async function submit(page: Page, form: string): Promise<void> {
    await Promise.all([
      page.waitForLoadState('load'),
      page.getByTestId(`${form}-form`).locator('button[type=submit]').click(),
    ]);
  }

  it("carries a payment from a new unit to paid in the browser alone, as the README's path", async () => {
    const admin = await pages.signIn(tokens.admin);
    await admin.getByRole('link', { name: 'Biểu mẫu' }).click();
    await expectAccessible(admin, 'forms-index-admin');
    await admin.getByRole('link', { name: /^Đăng ký đơn vị/ }).click();
    await admin.waitForURL(/\/units\/new/);

    // The unit: a lower-case code is refused by the API beside the code, input kept.
    const unitForm = admin.getByTestId('unit-form');
    await unitForm.getByLabel(/^Mã đơn vị/).fill('thu');
    await unitForm.getByLabel(/^Tên đơn vị/).fill('Đơn vị thử');
    await unitForm.getByLabel(/^Loại đơn vị/).selectOption('district_agency');
    await unitForm.getByLabel(/^Hiệu lực từ ngày/).fill('01/01/2024');
    await expectAccessible(admin, 'form-unit');
    const before = await api.eventCount();
    await submit(admin, 'unit');
    await expect(fieldError(admin, 'unit', 'code')).resolves.not.toBe('');
    await expect(unitForm.getByLabel(/^Tên đơn vị/).inputValue()).resolves.toBe('Đơn vị thử');
    await expect(unitForm.getByLabel(/^Mã đơn vị/).getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(admin, 'form-unit-refused');
    await unitForm.getByLabel(/^Mã đơn vị/).fill(UNIT);
    await submit(admin, 'unit');
    await admin.waitForURL(new RegExp(`/units/${UNIT}$`));
    await expect(admin.getByTestId('unit-validity').innerText()).resolves.toBe('từ 1/1/2024');

    // Its mã ĐVQHNS: six digits refused beside the field, seven recorded.
    const codeForm = admin.getByTestId('budget-code-form');
    await codeForm.getByLabel(/^Mã ĐVQHNS/).fill('123456');
    await codeForm.getByLabel(/^Hiệu lực từ ngày/).fill('01/01/2024');
    const beforeCode = await api.eventCount();
    await submit(admin, 'budget-code');
    await expect(fieldError(admin, 'budget-code', 'budgetRelationshipCode')).resolves.toContain(
      'không đúng định dạng',
    );
    await expect(
      admin
        .getByTestId('budget-code-form')
        .getByLabel(/^Mã ĐVQHNS/)
        .inputValue(),
    ).resolves.toBe('123456');
    expect(await api.eventCount()).toBe(beforeCode);
    await expectAccessible(admin, 'form-budget-code-refused');
    await admin
      .getByTestId('budget-code-form')
      .getByLabel(/^Mã ĐVQHNS/)
      .fill('1234567');
    await submit(admin, 'budget-code');
    await expect(admin.getByTestId('unit-budget-codes').innerText()).resolves.toBe(
      '1234567 (từ 1/1/2024)',
    );
    await expectAccessible(admin, 'unit-page');

    // The allocating decision, then the allocation under it.
    await admin.goto(`${base}/documents/new`);
    const doc = admin.getByTestId('document-form');
    await doc.getByLabel('Số, ký hiệu').fill('77/QĐ-UBND');
    await doc.getByLabel('Loại văn bản').selectOption('QĐ');
    await doc.getByLabel('Cơ quan ban hành').fill('UBND huyện Ba Tơ');
    await doc.getByLabel('Ngày ban hành').fill('20/05/2024');
    await doc.getByLabel('Trích yếu').fill('Giao dự toán năm 2024 cho Đơn vị thử');
    await submit(admin, 'document');
    await admin.getByRole('link', { name: 'Giao dự toán theo văn bản này' }).click();
    const allocate = admin.getByTestId('allocate-form');
    await allocate.getByLabel('Dự án / tiểu dự án').fill('DA7.TDA1');
    await allocate.getByLabel('Nguồn vốn').selectOption('central');
    await allocate.getByLabel('Đơn vị sử dụng').fill(UNIT);
    await allocate.getByLabel('Số tiền').fill('100.000.000');
    await allocate.getByLabel('Ngày hiệu lực').fill('01/06/2024');
    await submit(admin, 'allocate');
    await admin.waitForURL(new RegExp(`/lines/${LINE.replaceAll('.', '\\.')}`));
    await expect(admin.getByTestId('line-total').innerText()).resolves.toBe('100.000.000');

    // The line's classification: a program code of another project refused at that code.
    await admin.getByRole('link', { name: 'Biểu mẫu' }).click();
    await admin.getByRole('link', { name: 'Phân loại dòng theo mục lục ngân sách' }).click();
    const classify = admin.getByTestId('classify-form');
    await classify.getByLabel('Dòng ngân sách').selectOption(LINE);
    await classify.getByLabel(/^Chương/).fill('622');
    await classify.getByLabel(/^Khoản/).fill('398');
    await classify.getByLabel(/^Mã CTMTQG/).fill('9999');
    await classify.getByLabel(/^Mã nguồn NSNN/).fill('12');
    await classify.getByLabel(/^Ngày hiệu lực/).fill('01/06/2024');
    await expectAccessible(admin, 'form-classify');
    const beforeClassify = await api.eventCount();
    await submit(admin, 'classify');
    await expect(fieldError(admin, 'classify', 'program')).resolves.toContain('9999');
    await expect(classify.getByLabel('Dòng ngân sách').inputValue()).resolves.toBe(LINE);
    expect(await api.eventCount()).toBe(beforeClassify);
    await expectAccessible(admin, 'form-classify-refused');
    await classify.getByLabel(/^Mã CTMTQG/).fill('0357');
    await submit(admin, 'classify');
    await expect(admin.getByTestId('form-done').innerText()).resolves.toContain(
      'chương 622, khoản 398, mã CTMTQG 0357, mã nguồn 12',
    );

    // The officer proposes, the approver approves from the inbox, the accountant pays.
    const officer = await pages.signIn(tokens.officer);
    await officer.goto(`${base}/expenditures/new`);
    await officer.selectOption('#f-budgetLineId', LINE);
    await officer.selectOption('#f-category', 'training');
    await officer.fill('#f-amount', '25.000.000');
    await officer.fill('#f-effectiveDate', '03/06/2024');
    await officer.fill('#f-description', 'Tập huấn cán bộ cơ sở');
    await officer.fill('#f-payee', 'Trung tâm Chính trị huyện Ba Tơ');
    await Promise.all([
      officer.waitForURL(/\/expenditures\/[0-9a-f-]{36}$/),
      officer.getByTestId('propose-form').locator('button[type=submit]').click(),
    ]);
    const expenditure = new URL(officer.url()).pathname;

    const approver = await pages.signIn(tokens.approver);
    await approver.goto(`${base}/inbox`);
    await Promise.all([
      approver.waitForURL(`${base}${expenditure}`),
      approver.click('tr[data-reason="approve"] a'),
    ]);
    await approver
      .getByTestId('approve-form')
      .getByLabel(/^Căn cứ pháp lý/)
      .fill('77/QĐ-UBND');
    await submit(approver, 'approve');
    await expect(approver.getByTestId('expenditure-status').innerText()).resolves.toContain(
      'Đã phê duyệt, chưa chi',
    );

    const accountant = await pages.signIn(tokens.accountant);
    await accountant.goto(`${base}/inbox`);
    await Promise.all([
      accountant.waitForURL(`${base}${expenditure}`),
      accountant.click('tr[data-reason="pay"] a'),
    ]);
    await accountant.fill('#disburse-f-voucher', 'PC-2024-001');
    await accountant.fill('#disburse-f-paidOn', '10/06/2024');
    await submit(accountant, 'disburse');
    await expect(accountant.getByTestId('expenditure-status').innerText()).resolves.toContain(
      'Đã chi',
    );
    await accountant.goto(`${base}/lines/${LINE}`);
    await untilShown(accountant, 'line-total', '100.000.000');
    const history = await accountant.locator('main').innerText();
    expect(history).toContain('PC-2024-001');
    expect(history).toContain('25.000.000');
    await accountant.goto(`${base}/`);
    await expect(accountant.locator('main').innerText()).resolves.toContain('25.000.000');
    const verify = await api.get('/api/v1/audit/verify', tokens.auditor).expect(200);
    expect(verify.body).toMatchObject({ ok: true });
    // Everything in the log was written by the browser's forms (and what they cause).
    const types = [...new Set((await api.allEvents()).map((e) => e.type))].sort();
    expect(types).toEqual([
      'BudgetLineClassified',
      'BudgetLineOpened',
      'BudgetRelationshipCodeRecorded',
      'ExpenditureApproved',
      'ExpenditureDisbursed',
      'ExpenditureFiled',
      'ExpenditureProposed',
      // The allocation opened the line, so listed it in its year's register first.
      'FiscalYearLineRegistered',
      'FundsAllocated',
      'LegalDocumentRegistered',
      'SpendingUnitRegistered',
    ]);
  });

  it("registers the unit's account signatories, refusing a standing that does not sign in that capacity", async () => {
    const admin = await pages.signIn(tokens.admin);
    await admin.goto(`${base}/units/${UNIT}`);
    const form = admin.getByTestId('signatory-form');
    await form.getByLabel('Ký với tư cách').selectOption('account_holder');
    await form.getByLabel('Chức danh trong đơn vị').selectOption('chief_accountant');
    await form.getByLabel(/^Mã người dùng/).fill('p-head');
    await form.getByLabel(/^Họ và tên/).fill('Nguyễn Văn Thủ');
    await form.getByLabel(/^Chức vụ/).fill('Trưởng phòng');
    await form.getByLabel(/^Hiệu lực từ ngày/).fill('01/07/2024');
    await form.getByLabel(/^Số đăng ký mẫu/).fill('KBBT-2024-101');
    await form.getByLabel(/^Ngày đăng ký mẫu/).fill('01/07/2024');
    await expectAccessible(admin, 'form-signatory');
    const before = await api.eventCount();
    await submit(admin, 'signatory');
    await expect(fieldError(admin, 'signatory', 'standing')).resolves.toContain('Chủ tài khoản');
    await expect(
      admin
        .getByTestId('signatory-form')
        .getByLabel(/^Số đăng ký mẫu/)
        .inputValue(),
    ).resolves.toBe('KBBT-2024-101');
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(admin, 'form-signatory-refused');
    await admin
      .getByTestId('signatory-form')
      .getByLabel('Chức danh trong đơn vị')
      .selectOption('head');
    await submit(admin, 'signatory');
    await expect(admin.getByTestId('unit-signatories').innerText()).resolves.toContain(
      'Nguyễn Văn Thủ',
    );
    await expect(admin.getByTestId('unit-signatories').innerText()).resolves.toContain(
      'KBBT-2024-101',
    );

    // An officer of another unit does not see the unit's page, nor can post to it.
    const other = await pages.signIn(tokens.other);
    expect((await other.goto(`${base}/units/${UNIT}`))?.status()).toBe(404);
    // Its own officer sees the unit but is offered no form to change it.
    const officer = await pages.signIn(tokens.officer);
    expect((await officer.goto(`${base}/units/${UNIT}`))?.status()).toBe(200);
    await expect(officer.getByTestId('signatory-form').count()).resolves.toBe(0);
  });

  it("records the year's lead agency (refused outside the year) and a joint trip (refused when it ends before it starts, and for another unit's officer)", async () => {
    const admin = await pages.signIn(tokens.admin);
    await admin.goto(`${base}/fiscal-years/2024/lead-agency`);
    const lead = admin.getByTestId('lead-agency-form');
    await lead.getByLabel(/^Đơn vị chủ trì/).fill(UNIT);
    await lead.getByLabel(/^Hiệu lực từ ngày/).fill('01/12/2023');
    await lead.getByLabel(/^Văn bản giao chủ trì/).fill('112/KH-UBND');
    await lead.getByLabel(/^Ngày ban hành văn bản/).fill('15/01/2024');
    await expectAccessible(admin, 'form-lead-agency');
    const before = await api.eventCount();
    await submit(admin, 'lead-agency');
    await expect(fieldError(admin, 'lead-agency', 'validFrom')).resolves.toContain('2024');
    expect(await api.eventCount()).toBe(before);
    await expectAccessible(admin, 'form-lead-agency-refused');
    await admin
      .getByTestId('lead-agency-form')
      .getByLabel(/^Hiệu lực từ ngày/)
      .fill('01/01/2024');
    await submit(admin, 'lead-agency');
    await expect(admin.getByTestId('lead-periods').innerText()).resolves.toContain(
      'THU: 1/1/2024 – hết năm (112/KH-UBND, 15/1/2024)',
    );

    const officer = await pages.signIn(tokens.officer);
    await officer.getByRole('link', { name: 'Biểu mẫu' }).click();
    await officer.getByRole('link', { name: 'Chuyến công tác của đoàn liên ngành' }).click();
    const trip = officer.getByTestId('trip-form');
    await expect(trip.getByLabel(/^Đơn vị chủ trì đoàn/).inputValue()).resolves.toBe(UNIT);
    await trip.getByLabel(/^Mã chuyến/).fill('KT-2024-07');
    await trip.getByLabel(/^Tên đoàn/).fill('Đoàn kiểm tra, giám sát Chương trình năm 2024');
    await trip.getByLabel(/^Từ ngày/).fill('15/06/2024');
    await trip.getByLabel(/^Đến ngày/).fill('12/06/2024');
    await trip.getByLabel(/^Số lệnh điều động/).fill('15/QĐ-THU');
    await trip.getByLabel(/^Ngày của lệnh/).fill('10/06/2024');
    await trip.getByLabel('Thành viên 1: mã người').fill('nguyen-van-a');
    await trip.getByLabel('Thành viên 1: họ tên').fill('Nguyễn Văn A');
    await trip.getByLabel('Thành viên 1: đơn vị cử').fill(UNIT);
    await trip.getByLabel('Thành viên 2: mã người').fill('tran-thi-b');
    await trip.getByLabel('Thành viên 2: họ tên').fill('Trần Thị B');
    await trip.getByLabel('Thành viên 2: đơn vị cử').fill('TU_PHAP');
    await expectAccessible(officer, 'form-trip');
    const beforeTrip = await api.eventCount();
    await submit(officer, 'trip');
    await expect(fieldError(officer, 'trip', 'to')).resolves.not.toBe('');
    await expect(trip.getByLabel('Thành viên 2: họ tên').inputValue()).resolves.toBe('Trần Thị B');
    expect(await api.eventCount()).toBe(beforeTrip);
    await expectAccessible(officer, 'form-trip-refused');
    await officer
      .getByTestId('trip-form')
      .getByLabel(/^Đến ngày/)
      .fill('17/06/2024');
    await submit(officer, 'trip');
    await expect(officer.getByTestId('form-done').innerText()).resolves.toContain(
      'Đã ghi nhận chuyến KT-2024-07',
    );
    await expect(officer.getByTestId('form-done').innerText()).resolves.toContain('2 thành viên');

    // Another unit's officer may not record a trip THU leads: refused, nothing recorded.
    const other = await pages.signIn(tokens.other);
    await other.goto(`${base}/joint-trips/new`);
    const foreign = other.getByTestId('trip-form');
    await foreign.getByLabel(/^Mã chuyến/).fill('KT-2024-08');
    await foreign.getByLabel(/^Tên đoàn/).fill('Đoàn không được giao');
    await foreign.getByLabel(/^Đơn vị chủ trì đoàn/).fill(UNIT);
    await foreign.getByLabel(/^Từ ngày/).fill('15/06/2024');
    await foreign.getByLabel(/^Đến ngày/).fill('16/06/2024');
    await foreign.getByLabel(/^Số lệnh điều động/).fill('16/QĐ-THU');
    await foreign.getByLabel(/^Ngày của lệnh/).fill('10/06/2024');
    await foreign.getByLabel('Thành viên 1: mã người').fill('le-thi-d');
    await foreign.getByLabel('Thành viên 1: họ tên').fill('Lê Thị D');
    await foreign.getByLabel('Thành viên 1: đơn vị cử').fill('TU_PHAP');
    const beforeForeign = await api.eventCount();
    await submit(other, 'trip');
    await other.getByTestId('error-summary').waitFor();
    expect(await api.eventCount()).toBe(beforeForeign);
    // The lead agency form is the administrator's: an officer sees the periods, no form.
    await other.goto(`${base}/fiscal-years/2024/lead-agency`);
    await expect(other.getByTestId('lead-agency-form').count()).resolves.toBe(0);
    await expect(other.getByTestId('lead-periods').innerText()).resolves.toContain('THU');
  });
});
