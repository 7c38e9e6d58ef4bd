import { Command, Option } from 'nest-commander';
import { formatMoney, formatVietnameseDate, parseBusinessDate } from '@app/budgeting';
import type { CodeGroup, PaymentGroup, StatementKey } from '@app/reporting';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext, CommonOptions } from '../shared/cli-context';
import { Problems } from '../shared/read-command';
import { withReadModels } from '../shared/read-session';
import { type Column, renderTable } from '../shared/table';
import { scanClassifications } from './line-classifications';

interface ByCodeOptions extends CommonOptions {
  readonly fiscalYear?: string;
  readonly asOf?: string;
  readonly unit?: string;
}

const keyText = (k: StatementKey | null) =>
  k ? `${k.source} / ${k.chapter} / ${k.sector} / ${k.program}` : '—';

/**
 * The year's money by budget code (nguồn / chương / khoản / CTMTQG), in the Treasury
 * statement's columns, and the spending under each code by tiểu mục. Read-only.
 */
@Command({
  name: 'by-code',
  description:
    'số dư và chi theo mục lục ngân sách (nguồn, chương, khoản, CTMTQG, tiểu mục) / money and spending by budget code',
})
export class ByCodeCommand extends BudgetCommand<ByCodeOptions> {
  @Option({ flags: '--fiscal-year <year>', description: 'năm ngân sách / fiscal year' })
  parseFiscalYear(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <date>', description: 'đến ngày / as of (YYYY-MM-DD)' })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({ flags: '--unit <code>', description: 'chỉ một đơn vị / one unit only' })
  parseUnit(value: string): string {
    return value;
  }

  protected async execute(
    _params: string[],
    options: ByCodeOptions,
    cli: CliContext,
  ): Promise<void> {
    const problems = new Problems();
    const fiscalYear = Number(options.fiscalYear);
    if (!/^\d{4}$/.test(options.fiscalYear ?? '') || fiscalYear < 2000 || fiscalYear > 2100) {
      problems.add({
        field: '--fiscal-year',
        message: {
          vi: '--fiscal-year: cần năm ngân sách (2000–2100)',
          en: '--fiscal-year: a fiscal year is needed (2000–2100)',
        },
      });
    }
    const asOf = options.asOf
      ? problems.check('--as-of', () => parseBusinessDate(options.asOf ?? '', '--as-of'))
      : undefined;
    problems.throwIfAny();
    const lib = await import('@app/reporting');

    const { groups, unclassifiedLines, payments } = await withReadModels(
      cli,
      { reads: ['balances'] },
      async (session) => {
        const answer = await session.lib.queryBalances(session.models, {
          fiscalYear,
          ...(asOf ? { asOf } : {}),
        });
        const lines = answer.lines.filter((l) => !options.unit || l.unit === options.unit);
        const scan = await scanClassifications(session.events);
        const ids = new Set(lines.map((l) => l.id));
        const byCode = lib.ledgerByCode(lines, (id) => scan.classifications.get(id));
        const lineEvents = scan.expenditureEvents.filter(
          (e) => typeof e.data.budgetLineId === 'string' && ids.has(e.data.budgetLineId),
        );
        const paid = lib.paymentsByCode(
          lineEvents,
          (id) => scan.classifications.get(id),
          asOf ?? null,
        );
        return { ...byCode, payments: paid };
      },
    );

    if (cli.json) {
      const str = (m: bigint) => m.toString();
      cli.printJson({
        fiscalYear,
        asOf: asOf ?? null,
        unit: options.unit ?? null,
        codes: groups.map((g) => ({
          ...g,
          amounts: Object.fromEntries(Object.entries(g.amounts).map(([k, v]) => [k, str(v)])),
        })),
        payments: payments.map((p) => ({
          ...p,
          committed: str(p.committed),
          disbursed: str(p.disbursed),
        })),
        unclassifiedLines,
      });
      return;
    }
    cli.print(render(groups, payments, unclassifiedLines, fiscalYear, asOf, cli));
  }
}

function render(
  groups: readonly CodeGroup[],
  payments: readonly PaymentGroup[],
  unclassified: readonly string[],
  fiscalYear: number,
  asOf: string | undefined,
  cli: CliContext,
): string {
  const vi = cli.language === 'vi';
  const m = (v: bigint) => formatMoney(v);
  const codeColumns: Column[] = [
    { header: vi ? 'Nguồn / chương / khoản / CTMT' : 'Source / chapter / sector / program' },
    { header: vi ? 'Năm trước chuyển sang' : 'Carried in', align: 'right' },
    { header: vi ? 'Giao trong năm' : 'Allocated', align: 'right' },
    { header: vi ? 'Đã sử dụng' : 'Used', align: 'right' },
    { header: vi ? 'Bị hủy' : 'Cancelled', align: 'right' },
    { header: vi ? 'Số dư' : 'Remaining', align: 'right' },
  ];
  const payColumns: Column[] = [
    { header: vi ? 'Nguồn / chương / khoản / CTMT' : 'Source / chapter / sector / program' },
    { header: vi ? 'Tiểu mục' : 'Sub-item' },
    { header: vi ? 'Số khoản chi' : 'Expenditures', align: 'right' },
    { header: vi ? 'Đã cam kết' : 'Committed', align: 'right' },
    { header: vi ? 'Đã giải ngân' : 'Disbursed', align: 'right' },
  ];
  const when = asOf ? formatVietnameseDate(asOf) : vi ? 'hiện tại' : 'now';
  const parts = [
    vi
      ? `Theo mục lục ngân sách, năm ${fiscalYear}, đến ${when} (đơn vị tính: đồng)`
      : `By budget code, fiscal year ${fiscalYear}, as of ${when} (đồng)`,
    renderTable(
      codeColumns,
      groups.map((g) => [
        keyText(g.key),
        m(g.amounts.carriedIn),
        m(g.amounts.allocated),
        m(g.amounts.used),
        m(g.amounts.cancelled),
        m(g.amounts.remaining),
      ]),
    ),
    '',
    renderTable(
      payColumns,
      payments.map((p) => [
        keyText(p.key),
        p.economicCode ?? (vi ? 'chưa phân loại' : 'unclassified'),
        String(p.expenditures),
        m(p.committed),
        m(p.disbursed),
      ]),
    ),
  ];
  if (unclassified.length > 0) {
    parts.push(
      vi
        ? `Dòng chưa phân loại: ${unclassified.join(', ')}`
        : `Unclassified lines: ${unclassified.join(', ')}`,
    );
  }
  return parts.join('\n');
}
