import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DashboardSessions, SESSION_COOKIE } from '@app/api';
import { DOMAIN_EVENT_TYPES } from '@app/read-models';
import type { ApiHarness } from './support/api-harness';
import { baToLedger, line, PAYMENTS, type BaToLedger } from './support/ba-to-ledger';
import { pdfPages, pdfText, renderFirstPage, sofficeConvert } from './support/office-tools';
import {
  column,
  gridFromRows,
  gridFromXlsx,
  parseCsv,
  rowNamed,
  sumMismatches,
  type Grid,
} from './support/report-grid';
import { LIBREOFFICE_TOOL, POPPLER_TOOL, toolAvailable } from './support/external-tools';

/** Where the files are left for a person to open (`.test-output/` is gitignored). */
const OUT = join(__dirname, '..', '.test-output', 'reports');

const PARTS: [RegExp, number][] = [
  [/^Tiểu Dự án 2 – Dự án 6/, 378000000],
  [/^Tiểu Dự án 1 – Dự án 7/, 1470000000],
  [/^Tiểu Dự án 2 – Dự án 7/, 596771300],
];
const TOTAL = 2444771300;
const SIGNER = [
  '--signed-on',
  '2024-03-19',
  '--prepared-by',
  'Nguyễn Thị Lập Biểu (minh họa)',
  '--head',
  'Lữ Đình Tích',
  '--head-capacity',
  'KT. Chủ tịch',
  '--head-title',
  'Phó Chủ tịch',
];

async function download(api: ApiHarness, path: string, token: string, accept?: string) {
  let req = request(api.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);
  if (accept) req = req.set('Accept', accept);
  return req
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    })
    .expect(200);
}

function budget(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    [
      join(__dirname, '..', 'bin', 'budget.js'),
      ...args,
      '--data',
      process.env.BUDGET_DATA_DIR ?? '',
    ],
    { encoding: 'utf8', env: { ...process.env, BUDGET_LANG: 'vi' } },
  );
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface WireRow {
  level: string;
  code: string;
  paidPeriod?: string;
  paidCumulative?: string;
  committed?: string;
  usable?: string;
  plan?: string;
  rate?: string | null;
}

// Reading the PDFs back needs poppler (pdftotext): a SKIP line without it, a failure
// under REQUIRE_PDF_TOOLS=1 (.ci/run).
const poppler = toolAvailable(POPPLER_TOOL);
const itWithPdfTools = poppler ? it : it.skip;

describe('the reports a district files, on the Ba Tơ 2024 example', () => {
  let ledger: BaToLedger;
  const file = (name: string): string => join(OUT, name);

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    ledger = await baToLedger();
    const { api, tokens } = ledger;
    const base = '/api/v1/reports';
    const save = async (name: string, path: string, accept?: string): Promise<void> => {
      const res = await download(api, path, tokens.auditor, accept);
      writeFileSync(file(name), res.body as Buffer);
    };
    await save(
      'giai-ngan-2024.xlsx',
      `${base}/disbursement?fiscalYear=2024&signedOn=2024-03-19&head=L%E1%BB%AF%20%C4%90%C3%ACnh%20T%C3%ADch`,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    await save(
      'giai-ngan-2024.csv',
      `${base}/disbursement?fiscalYear=2024&format=csv&separator=semicolon`,
    );
    await save(
      'giai-ngan-2024-q2.xlsx',
      `${base}/disbursement?fiscalYear=2024&period=Q2&format=xlsx`,
    );
    await save(
      'giai-ngan-2024-q2.pdf',
      `${base}/disbursement?fiscalYear=2024&period=Q2&unit=LDTBXH&signedOn=2024-07-05`,
      'application/pdf',
    );
    await save('san-pham-2024-q2.xlsx', `${base}/outputs?fiscalYear=2024&period=Q2&format=xlsx`);
    await save('san-pham-2024.pdf', `${base}/outputs?fiscalYear=2024&format=pdf`);
    for (const [name, args] of [
      ['disbursement', ['--format', 'pdf', '--out', file('giai-ngan-2024.pdf')]],
      [
        'disbursement',
        ['--period', 'Q2', '--format', 'csv', '--out', file('giai-ngan-2024-q2.csv')],
      ],
    ] as const) {
      const run = budget('report', name, '--fiscal-year', '2024', ...args, ...SIGNER);
      if (run.code !== 0) throw new Error(`budget report ${name}: ${run.stderr}`);
    }
  });

  afterAll(async () => {
    await ledger.api.stop();
  });

  describe('the year report', () => {
    it('shows each sub-project with the plan total, and 2.444.771.300 as the total, in the XLSX', async () => {
      const grid = await gridFromXlsx(file('giai-ngan-2024.xlsx'));
      const plan = column(grid, /^Kế hoạch$/);
      const usable = column(grid, /^Dự toán được sử dụng$/);
      for (const [name, amount] of PARTS) {
        expect(rowNamed(grid, name).cells[plan]).toBe(amount);
        expect(rowNamed(grid, name).cells[usable]).toBe(amount);
      }
      expect(rowNamed(grid, /^TỔNG CỘNG$/).cells[plan]).toBe(TOTAL);
      expect(rowNamed(grid, /^TỔNG CỘNG$/).cells[usable]).toBe(TOTAL);
      expect(sumMismatches(grid)).toEqual([]);
    });

    it('is a form to print and sign: number formats, frozen header, print area, A4 landscape fitted to width', async () => {
      const ExcelJS = (await import('exceljs')).default;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(file('giai-ngan-2024.xlsx'));
      const sheet = workbook.worksheets[0];
      if (!sheet) throw new Error('no sheet');
      expect(sheet.getCell('A1').text).toBe('UBND HUYỆN BA TƠ');
      const texts: string[] = [];
      sheet.eachRow((row) => row.eachCell((cell) => texts.push(cell.text)));
      expect(texts).toEqual(
        expect.arrayContaining([
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'Độc lập - Tự do - Hạnh phúc',
          'BÁO CÁO TÌNH HÌNH THỰC HIỆN VÀ GIẢI NGÂN KINH PHÍ SỰ NGHIỆP',
          'NGƯỜI LẬP BIỂU',
          'KẾ TOÁN TRƯỞNG',
          'THỦ TRƯỞNG ĐƠN VỊ',
          'Ba Tơ, ngày 19 tháng 3 năm 2024',
          'Lữ Đình Tích',
          'Kiểm toán viên',
        ]),
      );
      expect(texts.some((t) => t.startsWith('SỐ LIỆU MINH HỌA'))).toBe(true);
      let total: import('exceljs').Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(2).value === 'TỔNG CỘNG') total = row;
      });
      expect(total?.getCell(3).value).toBe(TOTAL);
      expect(total?.getCell(3).numFmt).toBe('#,##0');
      expect(total?.getCell(18).numFmt).toBe('0.00');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2 });
      expect((sheet.views[0] as { ySplit?: number }).ySplit).toBeGreaterThan(8);
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      expect(sheet.pageSetup.printArea).toMatch(/^A1:R\d+$/);
      expect(sheet.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
    });

    it('CSV (UTF-8 BOM, ";" for Excel in Vietnamese): the same figures, marked illustrative on every row', () => {
      const text = readFileSync(file('giai-ngan-2024.csv'), 'utf8');
      expect(text.startsWith('\ufeffCấp;Mã;STT;Nội dung;Kế hoạch;')).toBe(true);
      const raw = parseCsv(text, ';');
      const grid = gridFromRows(raw, 2);
      const plan = column(grid, /^Kế hoạch$/);
      for (const [name, amount] of PARTS) expect(rowNamed(grid, name).cells[plan]).toBe(amount);
      expect(rowNamed(grid, /^TỔNG CỘNG$/).cells[plan]).toBe(TOTAL);
      expect(raw[0]?.at(-1)).toBe('Số liệu minh họa');
      expect(raw.slice(1, -1).every((r) => r.at(-1) === 'minh họa')).toBe(true);
      const byCode = new Map(raw.map((r) => [r[1], r]));
      expect(byCode.get('DA6.TDA2')?.[0]).toBe('part');
      expect(byCode.get('DA6.TDA2')?.[9]).toBe('31/12/2024');
      expect(sumMismatches(grid)).toEqual([]);
    });

    itWithPdfTools(
      'PDF: every sub-project total, the national header and the signature block',
      async () => {
        const text = await pdfText(file('giai-ngan-2024.pdf'));
        for (const amount of ['378.000.000', '1.470.000.000', '596.771.300', '2.444.771.300']) {
          expect(text).toContain(amount);
        }
        for (const words of [
          'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
          'Độc lập - Tự do - Hạnh phúc',
          'SỐ LIỆU MINH HỌA',
          'NGƯỜI LẬP BIỂU',
          'KẾ TOÁN TRƯỞNG',
          'THỦ TRƯỞNG ĐƠN VỊ',
          'KT. CHỦ TỊCH',
          'PHÓ CHỦ TỊCH',
          'Lữ Đình Tích',
          'Ba Tơ, ngày 19 tháng 3 năm 2024',
          'Trang 1/',
        ]) {
          expect(text).toContain(words);
        }
      },
    );
  });

  describe('the Q2 report with a few payments', () => {
    it('has period and cumulative columns that agree with the line histories', async () => {
      const { api, tokens } = ledger;
      const res = await api
        .get('/api/v1/reports/disbursement?fiscalYear=2024&period=Q2', tokens.auditor)
        .expect(200);
      const body = res.body as { period: { from: string; to: string }; rows: WireRow[] };
      expect(body.period).toMatchObject({ from: '2024-04-01', to: '2024-06-30' });
      // What the line histories say, line by line, for the quarter and since the year began.
      const lines = [...new Set(PAYMENTS.map((p) => p.line))];
      const expected = new Map<string, { period: bigint; cumulative: bigint; committed: bigint }>();
      for (const id of lines) {
        const history = await api
          .get(`/api/v1/budget-lines/${id}/history`, tokens.auditor)
          .expect(200);
        const part = id.split('.').slice(1, 3).join('.');
        const sums = expected.get(part) ?? { period: 0n, cumulative: 0n, committed: 0n };
        for (const e of (
          history.body as {
            entries: {
              effectiveDate: string;
              balance: unknown;
              deltas?: unknown;
              type: string;
              amount: string | null;
            }[];
          }
        ).entries) {
          if (e.effectiveDate > '2024-06-30') continue;
          const amount = BigInt(e.amount ?? '0');
          if (e.type === 'ExpenditureDisbursed') {
            sums.cumulative += amount;
            if (e.effectiveDate >= '2024-04-01') sums.period += amount;
          }
          if (e.type === 'ExpenditureApproved') sums.committed += amount;
        }
        expected.set(part, sums);
      }
      for (const [part, sums] of expected) {
        const row = body.rows.find((r) => r.level === 'part' && r.code === part);
        expect({ part, ...row }).toMatchObject({
          part,
          paidPeriod: sums.period.toString(),
          paidCumulative: sums.cumulative.toString(),
          committed: sums.committed.toString(),
        });
      }
      const total = body.rows.find((r) => r.level === 'total');
      expect(total).toMatchObject({
        paidPeriod: '140000000',
        paidCumulative: '185000000',
        committed: '195000000',
        usable: String(TOTAL),
        rate: '7,57',
      });
      // Activities: the panels' second round, the study tour, the review committed and not
      // yet paid, and the first panels, paid before the plan was approved, without one.
      const activity = (code: string) => body.rows.find((r) => r.code === code);
      expect(activity('DA6.TDA2-pano')).toMatchObject({
        paidPeriod: '20000000',
        paidCumulative: '20000000',
      });
      expect(activity('DA7.TDA1-hoc-tap-kinh-nghiem')).toMatchObject({ paidPeriod: '120000000' });
      expect(activity('DA7.TDA2-ra-soat')).toMatchObject({
        committed: '10000000',
        paidCumulative: '0',
      });
      const unassigned = body.rows.filter((r) => r.level === 'unassigned');
      expect(unassigned).toEqual([
        expect.objectContaining({ committed: '45000000', paidCumulative: '45000000' }),
      ]);
      expect(line('DA7.TDA2', 'provincial', 2024)).toContain('DA7.TDA2');
    });

    it('says the same in its CSV (from the CLI) and its XLSX, and both add up', async () => {
      const csv = gridFromRows(parseCsv(readFileSync(file('giai-ngan-2024-q2.csv'), 'utf8')), 2);
      const xlsx = await gridFromXlsx(file('giai-ngan-2024-q2.xlsx'));
      for (const grid of [csv, xlsx]) {
        const period = column(grid, /Giải ngân - Trong kỳ$/);
        const cumulative = column(grid, /Lũy kế từ đầu năm$/);
        const total = rowNamed(grid, /^TỔNG CỘNG$/);
        expect([total.cells[period], total.cells[cumulative]]).toEqual([140000000, 185000000]);
        expect(rowNamed(grid, /^Làm Pano/).cells[period]).toBe(20000000);
        expect(sumMismatches(grid)).toEqual([]);
      }
    });

    itWithPdfTools(
      'prints for the unit, with its name, the period and the signatures',
      async () => {
        const text = await pdfText(file('giai-ngan-2024-q2.pdf'));
        expect(text).toContain('PHÒNG LAO ĐỘNG – THƯƠNG BINH');
        expect(text).toContain('Quý II năm 2024 (từ ngày 1/4/2024 đến ngày 30/6/2024)');
        expect(text).toContain('140.000.000');
        expect(text).toContain('Ba Tơ, ngày 5 tháng 7 năm 2024');
        expect(text).toContain('Kế hoạch số 89/KH-UBND ngày 15/4/2024');
      },
    );
  });

  describe('the outputs report', () => {
    it('shows each output planned, in the period and to date, beside the money', async () => {
      const { api, tokens } = ledger;
      const q2 = await api
        .get('/api/v1/reports/outputs?fiscalYear=2024&period=Q2', tokens.auditor)
        .expect(200);
      const rows = (q2.body as { rows: { code: string; output: unknown; paidPeriod?: string }[] })
        .rows;
      expect(rows.find((r) => r.code === 'DA6.TDA2-pano/pano')?.output).toMatchObject({
        unit: 'cái',
        target: 15,
        inPeriod: 10,
        toDate: 10,
        rate: '66,67',
      });
      expect(
        rows.find((r) => r.code === 'DA7.TDA1-hoc-tap-kinh-nghiem/so-ngay')?.output,
      ).toMatchObject({
        target: 4,
        toDate: 4,
        rate: '100,00',
      });
      const grid = await gridFromXlsx(file('san-pham-2024-q2.xlsx'));
      expect(rowNamed(grid, /^Pano tuyên truyền 2 mặt$/).cells.slice(0, 4)).toEqual([
        'cái',
        15,
        10,
        10,
      ]);
      expect(sumMismatches(grid)).toEqual([]);
    });

    itWithPdfTools('prints the year’s outputs with their rates', async () => {
      const year = await pdfText(file('san-pham-2024.pdf'));
      expect(year).toMatch(/Pano tuyên truyền 2 mặt\s+cái\s+15\s+15\s+15\s+100,00/);
    });
  });

  describe('opened by other programs', () => {
    const office = toolAvailable(LIBREOFFICE_TOOL);
    const xlsxFiles = ['giai-ngan-2024.xlsx', 'giai-ngan-2024-q2.xlsx', 'san-pham-2024-q2.xlsx'];
    const lo = join(OUT, 'libreoffice');
    let grids: Map<string, Grid>;

    (office ? beforeAll : () => undefined)(async () => {
      mkdirSync(lo, { recursive: true });
      const files = xlsxFiles.map(file);
      await sofficeConvert(files, 'csv', lo);
      await sofficeConvert(files, 'pdf', lo);
      grids = new Map(
        xlsxFiles.map((name) => {
          const csv = readFileSync(join(lo, name.replace(/\.xlsx$/, '.csv')), 'utf8');
          return [name, gridFromRows(parseCsv(csv))];
        }),
      );
    }, 120_000);

    (office ? it : it.skip)(
      'LibreOffice reads the XLSX numbers back equal to the ledger, and they add up',
      async () => {
        const { api, tokens } = ledger;
        const balances = await api
          .get('/api/v1/budget-lines?fiscalYear=2024&asOf=2024-12-31', tokens.auditor)
          .expect(200);
        const perPart = new Map<string, number>();
        for (const l of (
          balances.body as {
            lines: { programPart: string; allocated: string; carriedIn: string }[];
          }
        ).lines) {
          perPart.set(
            l.programPart,
            (perPart.get(l.programPart) ?? 0) + Number(BigInt(l.allocated) + BigInt(l.carriedIn)),
          );
        }
        const year = grids.get('giai-ngan-2024.xlsx');
        if (!year) throw new Error('not converted');
        const usable = column(year, /^Dự toán được sử dụng$/);
        const plan = column(year, /^Kế hoạch$/);
        const parts = ['DA6.TDA2', 'DA7.TDA1', 'DA7.TDA2'];
        PARTS.forEach(([name, amount], i) => {
          const row = rowNamed(year, name);
          expect(row.cells[plan]).toBe(amount);
          expect(row.cells[usable]).toBe(perPart.get(parts[i] ?? ''));
        });
        expect(rowNamed(year, /^TỔNG CỘNG$/).cells[usable]).toBe(TOTAL);
        const q2 = grids.get('giai-ngan-2024-q2.xlsx');
        if (!q2) throw new Error('not converted');
        expect(rowNamed(q2, /^TỔNG CỘNG$/).cells[column(q2, /Trong kỳ$/)]).toBe(140000000);
        for (const grid of grids.values()) expect(sumMismatches(grid)).toEqual([]);
      },
    );

    (office && poppler ? it : it.skip)(
      'LibreOffice prints the XLSX on A4 landscape; page 1 of each PDF is rendered for a person to look at',
      async () => {
        for (const name of xlsxFiles) {
          const pdf = join(lo, name.replace(/\.xlsx$/, '.pdf'));
          const info = await pdfPages(pdf);
          expect(info.size).toMatch(/^841\.\d+ x 595\.\d+ pts/);
          expect(await pdfText(pdf)).toContain('THỦ TRƯỞNG ĐƠN VỊ');
          await renderFirstPage(pdf, join(OUT, `libreoffice-${name.replace(/\.xlsx$/, '')}`));
        }
        for (const name of ['giai-ngan-2024.pdf', 'giai-ngan-2024-q2.pdf', 'san-pham-2024.pdf']) {
          const info = await pdfPages(file(name));
          expect(info.size).toMatch(/^841\.89 x 595\.28 pts \(A4\)/);
          await renderFirstPage(file(name), file(name.replace(/\.pdf$/, '')));
        }
        const fonts = spawnSync('pdffonts', [file('giai-ngan-2024.pdf')], {
          encoding: 'utf8',
        }).stdout;
        expect(fonts).toMatch(/Tinos-Regular\s+CID TrueType\s+Identity-H\s+yes/);
      },
    );
  });

  describe('the dashboard', () => {
    it("offers the reports for download with the page's point in time, and marks illustrative figures", async () => {
      const { api, tokens } = ledger;
      const session = await api.app.get(DashboardSessions).open(tokens.approver);
      const cookie = `${SESSION_COOKIE}=${session ?? ''}`;
      const server = api.app.getHttpServer();
      const page = await request(server)
        .get('/?year=2024&asOf=2024-06-30')
        .set('Cookie', cookie)
        .expect(200);
      expect(page.text).toContain('data-testid="illustrative"');
      const form =
        /<form method="get" action="\/reports\/download"[\s\S]*?<\/form>/.exec(page.text)?.[0] ??
        '';
      expect(form).toContain('name="asOf" value="2024-06-30"');
      expect(form).toContain('name="year" value="2024"');
      const xlsx = await request(server)
        .get(
          '/reports/download?year=2024&asOf=2024-06-30&report=disbursement&period=year&format=xlsx',
        )
        .set('Cookie', cookie)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(xlsx.headers['content-disposition']).toBe(
        'attachment; filename="giai-ngan-2024-year.xlsx"',
      );
      writeFileSync(file('dashboard-giai-ngan-2024.xlsx'), xlsx.body as Buffer);
      const grid = await gridFromXlsx(file('dashboard-giai-ngan-2024.xlsx'));
      // As of 30/6: the payment of 5/7 is not in it yet.
      expect(rowNamed(grid, /^TỔNG CỘNG$/).cells[column(grid, /Lũy kế từ đầu năm$/)]).toBe(
        185000000,
      );
      await request(server).get('/reports/download?year=2024').expect(303);
    });
  });

  it('marks illustrative events of every type the example writes', async () => {
    const types = new Set(
      (await ledger.api.allEvents())
        .filter((e) => !e.streamId.startsWith('audit'))
        .map((e) => e.type),
    );
    expect([...types].filter((t) => !DOMAIN_EVENT_TYPES.has(t))).toEqual([]);
  });

  describe('over HTTP', () => {
    it('negotiates the format, keeps unit users to their unit and refuses a bad period', async () => {
      const { api, tokens } = ledger;
      const pdf = await download(
        api,
        '/api/v1/reports/disbursement?fiscalYear=2024',
        tokens.officer,
        'application/pdf',
      );
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(
        'attachment; filename="giai-ngan-2024-year-ldtbxh.pdf"',
      );
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      const other = await api
        .get('/api/v1/reports/disbursement?fiscalYear=2024&unit=LDTBXH', tokens.other)
        .expect(403);
      expect(other.body).toMatchObject({ code: 'AUTH.UNIT_FORBIDDEN' });
      const own = await api
        .get('/api/v1/reports/disbursement?fiscalYear=2024', tokens.other)
        .expect(200);
      expect((own.body as { rows: WireRow[] }).rows[0]).toMatchObject({
        level: 'total',
        usable: '0',
      });
      const bad = await api
        .get('/api/v1/reports/disbursement?fiscalYear=2024&period=Q5', tokens.auditor)
        .expect(400);
      expect(bad.body).toMatchObject({ code: 'REPORT.PERIOD_INVALID' });
    });
  });

  // Last, as it adds an extension to the ledger the tests above read.
  describe("each carried-over line's deadline with its basis, as in effect at the report's date", () => {
    const EXTENDED = line('DA7.TDA2', 'central', 2023);
    const BASIS = /^Kinh phí năm trước chuyển sang - Căn cứ hạn sử dụng$/;
    const DEADLINE = /^Kinh phí năm trước chuyển sang - Hạn sử dụng$/;
    let beforeExtension: string;

    beforeAll(async () => {
      const { api, tokens } = ledger;
      // The extending decision, in the register of documents first (an extension cites one).
      await api
        .post('/api/v1/documents', tokens.admin, {
          number: '812/QĐ-UBND',
          type: 'QĐ',
          issuer: 'Chủ tịch UBND huyện Ba Tơ',
          issuedOn: '2024-07-01',
          title: 'Gia hạn thời gian sử dụng kinh phí chuyển nguồn (minh họa)',
        })
        .expect(201);
      const recorded = (await api.allEvents()).at(-1)?.metadata.recordedAt ?? '';
      beforeExtension = new Date(Date.parse(recorded) + 1).toISOString();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await api
        .post('/api/v1/carry-over-extensions', tokens.admin, {
          lines: [EXTENDED],
          decision: '812/QĐ-UBND',
          decisionIssuedOn: '2024-07-01',
          issuer: 'Chủ tịch UBND huyện Ba Tơ',
          deadline: '2025-06-30',
          effectiveDate: '2024-07-01',
        })
        .expect(201);
      const base = '/api/v1/reports/disbursement?fiscalYear=2024';
      const save = async (name: string, query: string, accept: string): Promise<void> => {
        const res = await download(api, `${base}${query}`, tokens.auditor, accept);
        writeFileSync(file(name), res.body as Buffer);
      };
      const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      await save('gia-han.xlsx', '', XLSX);
      await save('gia-han.pdf', '', 'application/pdf');
      await save('gia-han-truoc.xlsx', '&asOf=2024-06-30', XLSX);
      await save('gia-han-chua-biet.xlsx', `&asOf=2024-07-05&knownAt=${beforeExtension}`, XLSX);
      const csv = budget(
        'report',
        'disbursement',
        '--fiscal-year',
        '2024',
        '--format',
        'csv',
        '--out',
        file('gia-han.csv'),
        '--force',
      );
      if (csv.code !== 0) throw new Error(`budget report: ${csv.stderr}`);
    });

    const PART_DA6 = /^Tiểu Dự án 2 – Dự án 6/;
    const PART_DA7_2 = /^Tiểu Dự án 2 – Dự án 7/;
    const DEFAULT_699 = 'mặc định 31/12 (699/QĐ-UBND không nêu hạn)';
    const EXTENDED_812 = `${DEFAULT_699}; gia hạn theo 812/QĐ-UBND`;

    it('names the decision behind each deadline and its extension, in the XLSX and the CSV', async () => {
      const xlsx = await gridFromXlsx(file('gia-han.xlsx'));
      const csv = gridFromRows(parseCsv(readFileSync(file('gia-han.csv'), 'utf8')), 2);
      for (const grid of [xlsx, csv]) {
        const basis = column(grid, BASIS);
        const deadline = column(grid, DEADLINE);
        expect(rowNamed(grid, PART_DA6).cells[deadline]).toBe('31/12/2024');
        expect(rowNamed(grid, PART_DA6).cells[basis]).toBe(DEFAULT_699);
        expect(rowNamed(grid, PART_DA7_2).cells[deadline]).toBe('30/6/2025');
        expect(rowNamed(grid, PART_DA7_2).cells[basis]).toBe(EXTENDED_812);
        expect(rowNamed(grid, /^TỔNG CỘNG$/).cells[basis]).toBe(
          `31/12/2024: ${DEFAULT_699} | 30/6/2025: ${EXTENDED_812}`,
        );
      }
    });

    itWithPdfTools('names them in the PDF too, in the notes under the table', async () => {
      // The words as printed, whatever the line breaks (a number may break after its "-").
      const squeezed = (await pdfText(file('gia-han.pdf'))).replace(/\s+/g, '');
      for (const note of [
        `Căn cứ hạn sử dụng (cột C), Tiểu Dự án 2 – Dự án 6`,
        `31/12/2024 — ${DEFAULT_699}.`,
        `30/6/2025 — ${EXTENDED_812}.`,
      ]) {
        expect(squeezed).toContain(note.replace(/\s+/g, ''));
      }
    });

    it('shows the deadline in effect on the as-of date, as known at the known-at instant', async () => {
      for (const name of ['gia-han-truoc.xlsx', 'gia-han-chua-biet.xlsx']) {
        const grid = await gridFromXlsx(file(name));
        expect(rowNamed(grid, PART_DA7_2).cells[column(grid, DEADLINE)]).toBe('31/12/2024');
        expect(rowNamed(grid, PART_DA7_2).cells[column(grid, BASIS)]).toBe(DEFAULT_699);
      }
      const { api, tokens } = ledger;
      const at = async (query: string) =>
        (
          (
            await api
              .get(`/api/v1/budget-lines?fiscalYear=2024${query}`, tokens.auditor)
              .expect(200)
          ).body as { lines: { id: string }[] }
        ).lines.find((l) => l.id === EXTENDED);
      const original = {
        carryOverDeadline: '2024-12-31',
        deadlineBasis: 'default',
        deadlineDecision: '699/QĐ-UBND',
        deadlineExtensions: [],
      };
      const extended = {
        ...original,
        carryOverDeadline: '2025-06-30',
        deadlineExtensions: ['812/QĐ-UBND'],
      };
      expect(await at('&asOf=2024-06-30')).toMatchObject(original);
      expect(await at(`&asOf=2024-07-05&knownAt=${beforeExtension}`)).toMatchObject(original);
      expect(await at('&asOf=2024-07-05')).toMatchObject(extended);
      expect(await at('')).toMatchObject(extended);
    });
  });
});
