import { Command, Option } from 'nest-commander';
import { formatMoney, formatVietnameseDate, parseBusinessDate } from '@app/budgeting';
import type { OpenAdvancesAnswer } from '@app/read-models';
import type { CliContext } from '../shared/cli-context';
import { renderCsv } from '../shared/csv';
import { Problems, ReadCommand, type ReadOptions } from '../shared/read-command';
import { withReadModels } from '../shared/read-session';
import { renderTable } from '../shared/table';

interface AdvancesOptions extends ReadOptions {
  readonly fiscalYear?: string;
  readonly asOf?: string;
}

/**
 * The year-end list of open advances (tạm ứng chưa thanh toán): every advance of the year
 * paid and not yet settled by vouchers nor recovered on 31/12 (or `--as-of`), reported
 * apart. The same answer as GET /api/v1/advances.
 */
@Command({
  name: 'advances',
  description:
    'tạm ứng chưa thanh toán đến cuối năm (hoặc --as-of) / advances still open at the year’s end (or --as-of)',
})
export class AdvancesCommand extends ReadCommand<AdvancesOptions> {
  @Option({ flags: '--fiscal-year <year>', description: 'năm ngân sách / fiscal year (required)' })
  parseFiscalYear(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <date>', description: 'ngày (YYYY-MM-DD), mặc định 31/12 / date' })
  parseAsOf(value: string): string {
    return value;
  }

  protected async execute(
    _params: string[],
    options: AdvancesOptions,
    cli: CliContext,
  ): Promise<void> {
    const problems = new Problems();
    const year = /^\d{4}$/.test(options.fiscalYear ?? '') ? Number(options.fiscalYear) : NaN;
    if (!(year >= 2000 && year <= 2100)) {
      problems.add({
        field: '--fiscal-year',
        message: {
          vi: `--fiscal-year: cần năm ngân sách (2000–2100), nhận "${options.fiscalYear ?? ''}"`,
          en: `--fiscal-year: a fiscal year (2000–2100) is required, got "${options.fiscalYear ?? ''}"`,
        },
      });
    }
    const asOf = options.asOf
      ? problems.check('--as-of', () => parseBusinessDate(options.asOf ?? '', '--as-of'))
      : undefined;
    const mode = this.outputMode(options, cli, problems);
    problems.throwIfAny();
    await withReadModels(cli, { reads: ['balances', 'history'] }, async ({ lib, models }) => {
      const answer = await lib.queryOpenAdvances(models, {
        fiscalYear: year,
        ...(asOf ? { asOf } : {}),
      });
      if (mode === 'json') cli.printJson(lib.openAdvancesToWire(answer));
      else cli.print(mode === 'csv' ? toCsv(answer, cli) : toTable(answer, cli));
    });
  }
}

function headers(cli: CliContext): string[] {
  const vi = cli.language === 'vi';
  return vi
    ? [
        'Ngày chi tạm ứng',
        'Dòng ngân sách',
        'Người nhận',
        'Nội dung',
        'Đã tạm ứng',
        'Đã thanh toán',
        'Đã thu hồi',
        'Chưa thanh toán',
      ]
    : [
        'Paid on',
        'Budget line',
        'Payee',
        'Description',
        'Advanced',
        'Settled',
        'Recovered',
        'Open',
      ];
}

function toCsv(answer: OpenAdvancesAnswer, cli: CliContext): string {
  return renderCsv(
    headers(cli),
    answer.advances.map((a) => [
      a.paidOn,
      a.budgetLineId,
      a.payee,
      a.description,
      a.paid,
      a.settled,
      a.recovered,
      a.open,
    ]),
  );
}

function toTable(answer: OpenAdvancesAnswer, cli: CliContext): string {
  const vi = cli.language === 'vi';
  const date = formatVietnameseDate(answer.asOf);
  const title = vi
    ? `Tạm ứng chưa thanh toán năm ${answer.fiscalYear}, đến ngày ${date}`
    : `Advances of ${answer.fiscalYear} still open on ${answer.asOf}`;
  if (answer.advances.length === 0) {
    return [
      title,
      '',
      vi ? 'Không có khoản tạm ứng nào chưa thanh toán.' : 'No open advances.',
    ].join('\n');
  }
  const right = new Set([4, 5, 6, 7]);
  const table = renderTable(
    headers(cli).map((header, i) => ({
      header,
      ...(right.has(i) ? { align: 'right' as const } : {}),
    })),
    answer.advances.map((a) => [
      formatVietnameseDate(a.paidOn),
      a.budgetLineId,
      a.payee ?? '',
      a.description ?? '',
      formatMoney(a.paid),
      formatMoney(a.settled),
      formatMoney(a.recovered),
      formatMoney(a.open),
    ]),
    [vi ? 'Tổng cộng' : 'Total', '', '', '', '', '', '', formatMoney(answer.total)],
  );
  return [title, '', table, '', vi ? 'Đơn vị tính: đồng.' : 'Amounts in đồng.'].join('\n');
}
