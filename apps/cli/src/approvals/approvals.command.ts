import { Command, Option } from 'nest-commander';
import type { Doc } from '@app/read-models';
import {
  formatVietnameseDate,
  type Messages,
  formatMoney,
  formatVietnamTime,
  formatVietnamTimeForSheet,
} from '@app/budgeting';
import type { CliContext } from '../shared/cli-context';
import { type CsvCell, renderCsv } from '../shared/csv';
import { actorLabel, capacityLabel } from '../shared/ledger-labels';
import { Problems, ReadCommand, type ReadOptions } from '../shared/read-command';
import { withReadModels } from '../shared/read-session';
import { renderTable } from '../shared/table';

interface ApprovalsOptions extends ReadOptions {
  readonly approver?: string;
  readonly document?: string;
  readonly budgetLine?: string;
}

/** One decision as queryApprovals (and GET /approvals) gives it. */
interface Approval {
  readonly kind: string;
  readonly decision: string;
  readonly what: string | null;
  readonly amount: string | null;
  readonly budgetLineId: string | null;
  readonly askedBy: { readonly id?: string; readonly name?: string; readonly role?: string } | null;
  readonly decidedBy: { readonly id?: string; readonly name?: string; readonly role?: string };
  readonly capacity: string | null;
  readonly title: string | null;
  readonly effectiveDate: string;
  readonly recordedAt: string;
  readonly legalBasis: readonly string[];
  readonly reason: string | null;
}

const KINDS: Readonly<Record<string, Messages>> = {
  expenditure: { vi: 'Khoản chi', en: 'Expenditure' },
  transfer: { vi: 'Điều chuyển', en: 'Transfer' },
  plan: { vi: 'Kế hoạch', en: 'Plan' },
};

/** The transfer projection writes "carry_over: from → to"; said in words, as the dashboard does. */
const TRANSFER_KINDS: Readonly<Record<string, Messages>> = {
  carry_over: { vi: 'Chuyển nguồn kinh phí', en: 'Carry-over' },
  reallocation: { vi: 'Điều chuyển dự toán', en: 'Reallocation' },
};

/** What was decided, in the reader's language: "Chuyển nguồn kinh phí: — → 2024.DA6…". */
function subject(a: Approval, cli: CliContext): string | null {
  const transfer = /^(carry_over|reallocation): (.*)$/.exec(a.what ?? '');
  const kind = transfer?.[1] ? TRANSFER_KINDS[transfer[1]] : undefined;
  if (a.kind === 'transfer' && transfer && kind)
    return `${kind[cli.language]}: ${transfer[2] ?? ''}`;
  return a.what;
}

function what(a: Approval, cli: CliContext): string {
  const kind = KINDS[a.kind]?.[cli.language] ?? a.kind;
  const said = subject(a, cli);
  // A transfer's subject already names its kind (carry-over, reallocation).
  if (said !== null && said !== a.what) return said;
  return said ? `${kind}: ${said}` : kind;
}

function decision(a: Approval, cli: CliContext): string {
  const vi = cli.language === 'vi';
  if (a.decision === 'approved') return vi ? 'Phê duyệt' : 'Approved';
  // One of a two-signature unit's signatures: the capacity column names which.
  if (a.decision === 'signed') return vi ? 'Đã ký' : 'Signed';
  // The Treasury's answer to the payment's dossier (its capacity column names the office).
  if (a.decision === 'treasury_accepted')
    return vi ? 'Kho bạc đã thanh toán' : 'Paid by the Treasury';
  if (a.decision === 'treasury_refused') {
    const refused = vi ? 'Kho bạc từ chối' : 'Refused by the Treasury';
    return a.reason ? `${refused}: ${a.reason}` : refused;
  }
  const rejected = vi ? 'Từ chối' : 'Rejected';
  return a.reason ? `${rejected}: ${a.reason}` : rejected;
}

const LIMIT = 100;

/**
 * The approval trail: every decision on an expenditure, a transfer or a plan — what,
 * asked by whom, decided by whom and in what capacity, when, on what basis.
 */
@Command({
  name: 'approvals',
  description:
    'mọi quyết định phê duyệt: nội dung, người đề nghị, người quyết định, tư cách ký, thời điểm, căn cứ / every approval decision',
})
export class ApprovalsCommand extends ReadCommand<ApprovalsOptions> {
  @Option({
    flags: '--approver <user-id>',
    description: 'chỉ quyết định của người này / only this approver’s decisions (user id)',
  })
  parseApprover(value: string): string {
    return value;
  }

  @Option({
    flags: '--document <number>',
    description:
      'chỉ quyết định dựa trên văn bản này / only decisions resting on this document, e.g. 30/QĐ-UBND',
  })
  parseDocument(value: string): string {
    return value;
  }

  @Option({
    flags: '--budget-line <id>',
    description: 'chỉ quyết định về dòng ngân sách này / only decisions on this budget line',
  })
  parseBudgetLine(value: string): string {
    return value;
  }

  protected async execute(
    _params: string[],
    options: ApprovalsOptions,
    cli: CliContext,
  ): Promise<void> {
    const problems = new Problems();
    const mode = this.outputMode(options, cli, problems);
    for (const [flag, value] of [
      ['--approver', options.approver],
      ['--document', options.document],
      ['--budget-line', options.budgetLine],
    ] as const) {
      if (value !== undefined && (value.trim() === '' || value.length > LIMIT)) {
        problems.add({
          field: flag,
          message: {
            vi: `${flag}: phải có từ 1 đến ${LIMIT} ký tự`,
            en: `${flag}: must have 1 to ${LIMIT} characters`,
          },
        });
      }
    }
    problems.throwIfAny();

    await withReadModels(cli, { reads: ['approvals'] }, async ({ lib, models }) => {
      const approvals: Doc[] = await lib.queryApprovals(models, {
        ...(options.approver ? { approver: options.approver } : {}),
        ...(options.document ? { document: options.document } : {}),
        ...(options.budgetLine ? { budgetLineId: options.budgetLine } : {}),
      });
      const rows = approvals as unknown as readonly Approval[];
      switch (mode) {
        case 'json':
          cli.printJson({ approvals });
          return;
        case 'csv':
          cli.print(toCsv(rows, cli));
          return;
        case 'table':
          cli.print(toTable(rows, options, cli));
          return;
      }
    });
  }
}

function toTable(rows: readonly Approval[], options: ApprovalsOptions, cli: CliContext): string {
  const vi = cli.language === 'vi';
  const filters = [
    options.approver
      ? vi
        ? `người quyết định ${options.approver}`
        : `approver ${options.approver}`
      : null,
    options.document
      ? vi
        ? `căn cứ ${options.document}`
        : `resting on ${options.document}`
      : null,
    options.budgetLine
      ? vi
        ? `dòng ngân sách ${options.budgetLine}`
        : `budget line ${options.budgetLine}`
      : null,
  ].filter((f): f is string => f !== null);
  const title =
    (vi ? 'Các quyết định phê duyệt' : 'Approval decisions') +
    (filters.length > 0 ? ` (${filters.join(', ')})` : '');
  if (rows.length === 0) {
    return [title, '', vi ? 'Không có quyết định nào.' : 'No decisions.'].join('\n');
  }
  const table = renderTable(
    [
      { header: vi ? 'Ngày hiệu lực' : 'Effective' },
      { header: vi ? 'Ghi sổ lúc' : 'Recorded at' },
      { header: vi ? 'Quyết định' : 'Decision' },
      { header: vi ? 'Nội dung' : 'What' },
      { header: vi ? 'Số tiền' : 'Amount', align: 'right' },
      { header: vi ? 'Người đề nghị' : 'Asked by' },
      { header: vi ? 'Người quyết định' : 'Decided by' },
      { header: vi ? 'Tư cách' : 'Capacity' },
      { header: vi ? 'Căn cứ' : 'Legal basis' },
    ],
    rows.map((a) => [
      formatVietnameseDate(a.effectiveDate),
      formatVietnamTime(a.recordedAt),
      decision(a, cli),
      what(a, cli),
      a.amount === null ? '' : formatMoney(BigInt(a.amount)),
      actorLabel(a.askedBy, cli.language),
      actorLabel(a.decidedBy, cli.language),
      capacityLabel(a.capacity, a.title),
      a.legalBasis.join(', '),
    ]),
  );
  const footer = vi
    ? `${rows.length} quyết định. Đơn vị tính: đồng; giờ ghi sổ là giờ Việt Nam (UTC+7).`
    : `${rows.length} decision(s). Amounts in đồng; recorded times in Vietnam time (UTC+7).`;
  return [title, '', table, '', footer].join('\n');
}

function toCsv(rows: readonly Approval[], cli: CliContext): string {
  const vi = cli.language === 'vi';
  return renderCsv(
    [
      vi ? 'Ngày hiệu lực' : 'Effective date',
      vi ? 'Ghi sổ lúc (giờ Việt Nam)' : 'Recorded at (Vietnam time)',
      vi ? 'Quyết định' : 'Decision',
      vi ? 'Loại' : 'Kind',
      vi ? 'Nội dung' : 'What',
      vi ? 'Dòng ngân sách' : 'Budget line',
      vi ? 'Số tiền' : 'Amount',
      vi ? 'Người đề nghị' : 'Asked by',
      vi ? 'Người quyết định' : 'Decided by',
      vi ? 'Mã người quyết định' : 'Decided by (id)',
      vi ? 'Tư cách' : 'Capacity',
      vi ? 'Căn cứ' : 'Legal basis',
    ],
    rows.map((a): CsvCell[] => [
      a.effectiveDate,
      formatVietnamTimeForSheet(a.recordedAt),
      decision(a, cli),
      KINDS[a.kind]?.[cli.language] ?? a.kind,
      subject(a, cli),
      a.budgetLineId,
      a.amount === null ? null : BigInt(a.amount),
      actorLabel(a.askedBy, cli.language),
      actorLabel(a.decidedBy, cli.language),
      a.decidedBy.id ?? null,
      capacityLabel(a.capacity, a.title),
      a.legalBasis.join('; '),
    ]),
  );
}
