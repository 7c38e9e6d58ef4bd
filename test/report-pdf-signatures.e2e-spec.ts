import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { toPdf, type ReportTable } from '@app/reporting';
import { POPPLER_TOOL, describeWithTool } from './support/external-tools';
import { pdfPages } from './support/office-tools';

const run = promisify(execFile);

/** A signed form of `rows` rows, as the year report draws it (issuer, notes, three signers). */
function form(rows: number): ReportTable {
  return {
    title: 'BÁO CÁO THỬ NGẮT TRANG',
    subtitle: ['Năm ngân sách 2024'],
    sheetName: 'Thu',
    issuer: ['UBND HUYỆN BA TƠ', 'PHÒNG TÀI CHÍNH - KẾ HOẠCH'],
    unitLine: 'Đơn vị tính: đồng',
    columns: [
      { key: 'stt', header: 'STT', kind: 'text', width: 5 },
      { key: 'name', header: 'Nội dung', kind: 'text', width: 40 },
      { key: 'amount', header: 'Số tiền', kind: 'money' },
    ],
    rows: Array.from({ length: rows }, (_, i) => ({
      cells: { stt: String(i + 1), name: `Dòng số ${i + 1}`, amount: 1_000_000n * BigInt(i + 1) },
    })),
    notes: ['Ghi chú: số liệu thử.'],
    signatures: {
      placeAndDate: 'Ba Tơ, ngày 31 tháng 12 năm 2024',
      signers: [
        { role: 'NGƯỜI LẬP BIỂU', capacity: [], hint: '(Ký, ghi rõ họ tên)', name: null },
        { role: 'KẾ TOÁN TRƯỞNG', capacity: [], hint: '(Ký, ghi rõ họ tên)', name: null },
        {
          role: 'THỦ TRƯỞNG ĐƠN VỊ',
          capacity: [],
          hint: '(Ký, họ tên, đóng dấu)',
          name: null,
        },
      ],
    },
  };
}

/** The text of each page (pdftotext ends every page with a form feed). */
async function pageTexts(file: string): Promise<string[]> {
  const { stdout } = await run('pdftotext', ['-layout', file, '-']);
  return stdout.split('\f').slice(0, -1);
}

describeWithTool(POPPLER_TOOL, 'a signed PDF report across pages', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-pdf-signatures-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Lengths from one page to two: the table's end moves down page 1 row by row until the
  // signature block no longer fits under it (at 27 rows of this form, A4 landscape).
  it('never leaves the signature block on a page without rows of the table, and loses no row', async () => {
    const alone: number[] = [];
    const pageCounts = new Set<number>();
    for (let rows = 22; rows <= 31; rows++) {
      const file = join(dir, `form-${rows}.pdf`);
      writeFileSync(file, await toPdf(form(rows)));
      const pages = await pageTexts(file);
      expect(pages).toHaveLength((await pdfPages(file)).pages);
      pageCounts.add(pages.length);
      const last = pages.at(-1) ?? '';
      expect(last).toContain('THỦ TRƯỞNG ĐƠN VỊ');
      if (!last.includes(`Dòng số ${rows}`)) alone.push(rows);
      // Each page of the table opens with its header, the carried rows' page too.
      for (const page of pages) expect(page).toMatch(/STT\s+Nội dung\s+Số tiền/);
      // Every row printed once, in order (none lost or doubled by carrying rows over).
      const printed = [...pages.join('').matchAll(/Dòng số (\d+)/g)].map((m) => Number(m[1]));
      expect(printed).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
    }
    expect(alone).toEqual([]);
    // The lengths did cross a page's end (else nothing was tested).
    expect([...pageCounts].sort()).toEqual([1, 2]);
  }, 120_000);
});
