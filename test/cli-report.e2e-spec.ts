import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiHarness, BA_TO_AUTHORITY } from './support/api-harness';

function budget(
  dataDir: string,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    [join(__dirname, '..', 'bin', 'budget.js'), ...args, '--data', dataDir],
    {
      encoding: 'utf8',
      env: { ...process.env, BUDGET_LANG: 'vi' },
    },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('budget report disbursement', () => {
  let dir: string;
  let out: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'budget-report-'));
    out = mkdtempSync(join(tmpdir(), 'budget-report-out-'));
    const api = await ApiHarness.start({ BUDGET_DATA_DIR: dir });
    try {
      const admin = api.user('Quản trị', 'admin');
      const officer = api.user('Cán bộ', 'officer', { unit: 'LDTBXH' });
      const approver = api.user('Lữ Đình Tích', 'approver', { authority: BA_TO_AUTHORITY });
      const accountant = api.user('Kế toán', 'accountant', { unit: 'LDTBXH' });
      await api.registerReference(admin);
      await api
        .post('/api/v1/allocations', admin, {
          fiscalYear: 2024,
          programPart: 'DA6.TDA2',
          fundSource: 'district',
          sourceYear: 2024,
          unit: 'LDTBXH',
          amount: '378000000',
          decision: '30/QĐ-UBND',
          effectiveDate: '2024-03-25',
        })
        .expect(201);
      const { id } = (
        await api
          .post('/api/v1/expenditures', officer, {
            budgetLineId: '2024.DA6.TDA2.district.2024.LDTBXH',
            amount: '45000000',
            category: 'printing',
            description: 'Làm 15 pano tuyên truyền 2 mặt',
            payee: 'Cơ sở quảng cáo',
            effectiveDate: '2024-05-02',
          })
          .expect(201)
      ).body as { id: string };
      await api.post(`/api/v1/expenditures/${id}/approve`, approver, {}).expect(200);
      await api
        .post(`/api/v1/expenditures/${id}/disburse`, accountant, {
          voucher: 'UNC-77',
          paidOn: '2024-05-20',
        })
        .expect(200);
    } finally {
      await api.stop();
    }
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('writes the XLSX an official opens in Excel: title, Vietnamese headers, #,##0 number cells', async () => {
    const file = join(out, 'giai-ngan.xlsx');
    const run = budget(
      dir,
      'report',
      'disbursement',
      '--fiscal-year',
      '2024',
      '--format',
      'xlsx',
      '--out',
      file,
    );
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('45.000.000');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getCell('A1').text).toBe('UBND HUYỆN BA TƠ');
    let row: ExcelJS.Row | undefined;
    let title = '';
    sheet?.eachRow((r) => {
      if (r.getCell(2).value === 'DA6.TDA2') row = r;
      if (r.getCell(1).text.startsWith('BÁO CÁO')) title = r.getCell(1).text;
    });
    expect(title).toBe('BÁO CÁO TÌNH HÌNH THỰC HIỆN VÀ GIẢI NGÂN KINH PHÍ SỰ NGHIỆP');
    // Column 4: the year's estimate from the district budget; 10 (the 14th): paid to date.
    expect(row?.getCell(6).value).toBe(378000000);
    expect(row?.getCell(6).numFmt).toBe('#,##0');
    expect(row?.getCell(14).value).toBe(45000000);
  });

  it('writes CSV with a BOM, and answers --json with one document', () => {
    const file = join(out, 'giai-ngan.csv');
    const run = budget(
      dir,
      'report',
      'disbursement',
      '--fiscal-year',
      '2024',
      '--format',
      'csv',
      '--out',
      file,
      '--json',
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      report: 'disbursement',
      fiscalYear: 2024,
      format: 'csv',
      disbursed: '45000000',
    });
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\ufeffCấp,Mã,STT,Nội dung')).toBe(true);
  });

  it('exports balances and a line history as XLSX from the CLI too', async () => {
    const balances = join(out, 'so-du.xlsx');
    expect(
      budget(
        dir,
        'report',
        'balances',
        '--fiscal-year',
        '2024',
        '--format',
        'xlsx',
        '--out',
        balances,
      ).code,
    ).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(balances);
    expect(workbook.worksheets[0]?.getCell('A1').text).toBe('SỐ DƯ CÁC DÒNG NGÂN SÁCH');
    const history = join(out, 'lich-su.xlsx');
    const line = '2024.DA6.TDA2.district.2024.LDTBXH';
    expect(
      budget(dir, 'report', 'history', '--line', line, '--format', 'xlsx', '--out', history).code,
    ).toBe(0);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.readFile(history);
    expect(sheet.worksheets[0]?.getCell('A1').text).toContain(line);
    expect(budget(dir, 'report', 'history', '--format', 'xlsx', '--out', history).code).toBe(2);
  });

  it('refuses a missing year, an unknown format and an unknown report with exit 2, naming each', () => {
    const run = budget(dir, 'report', 'nope', '--format', 'doc');
    expect(run.code).toBe(2);
    const noYear = budget(
      dir,
      'report',
      'disbursement',
      '--format',
      'csv',
      '--out',
      join(out, 'x.csv'),
    );
    expect(noYear.code).toBe(2);
    expect(noYear.stderr).toContain('--fiscal-year');
    expect(run.stderr).toContain('--format');
    expect(run.stderr).toContain('--out');
    expect(run.stderr).toContain('nope');
  });
});
