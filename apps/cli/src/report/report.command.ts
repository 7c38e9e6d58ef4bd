import { Command, Option } from 'nest-commander';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseBusinessDate } from '../../../../libs/budgeting/src/shared/dates';
import { formatMoney } from '../../../../libs/budgeting/src/shared/money';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext, CommonOptions } from '../shared/cli-context';
import { Problems } from '../shared/read-command';
import { withReadModels } from '../shared/read-session';
import { parseKnownAtOption } from '../shared/vietnam-time';

interface ReportOptions extends CommonOptions {
  readonly fiscalYear?: string;
  readonly format?: string;
  readonly out?: string;
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly line?: string;
}

const REPORTS = ['disbursement', 'balances', 'history'] as const;
type ReportName = (typeof REPORTS)[number];

/**
 * `budget report disbursement --fiscal-year Y --format csv|xlsx --out FILE`: the
 * disbursement report officials open in Excel, built by the same code as the API's
 * download (libs/reporting), carried-over and current-year money apart.
 */
@Command({
  name: 'report',
  arguments: '<name>',
  argsDescription: {
    name: 'disbursement | balances | history (giải ngân, số dư, lịch sử một dòng / disbursement, balances, a line history)',
  },
  description: 'xuất báo cáo ra tệp CSV hoặc XLSX / export a report as a CSV or XLSX file',
})
export class ReportCommand extends BudgetCommand<ReportOptions> {
  @Option({ flags: '--fiscal-year <year>', description: 'năm ngân sách / fiscal year' })
  parseFiscalYear(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'csv | xlsx' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({ flags: '--out <file>', description: 'tệp kết quả / output file' })
  parseOut(value: string): string {
    return value;
  }

  @Option({
    flags: '--line <budget-line-id>',
    description: 'history: dòng ngân sách / the budget line',
  })
  parseLine(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <date>', description: 'tính đến ngày / as of YYYY-MM-DD' })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({
    flags: '--known-at <instant>',
    description: 'theo sổ sách lúc / as known at (ISO 8601)',
  })
  parseKnownAt(value: string): string {
    return value;
  }

  protected async execute(
    [name]: string[],
    options: ReportOptions,
    cli: CliContext,
  ): Promise<void> {
    const problems = new Problems();
    if (!REPORTS.includes(name as (typeof REPORTS)[number])) {
      problems.add({
        field: 'name',
        message: {
          vi: `báo cáo không có: "${name}" (có: ${REPORTS.join(', ')})`,
          en: `no such report "${name}" (there is: ${REPORTS.join(', ')})`,
        },
      });
    }
    const report = name as ReportName;
    const year = /^\d{4}$/.test(options.fiscalYear ?? '') ? Number(options.fiscalYear) : NaN;
    const yearGiven = year >= 2000 && year <= 2100;
    if (report === 'disbursement' ? !yearGiven : options.fiscalYear !== undefined && !yearGiven) {
      problems.add({
        field: '--fiscal-year',
        message: {
          vi: '--fiscal-year: cần năm ngân sách, ví dụ 2024',
          en: '--fiscal-year: a fiscal year is required, e.g. 2024',
        },
      });
    }
    const format = options.format?.toLowerCase();
    if (format !== 'csv' && format !== 'xlsx') {
      problems.add({
        field: '--format',
        message: { vi: '--format: csv hoặc xlsx', en: '--format: csv or xlsx' },
      });
    }
    if (!options.out)
      problems.add({
        field: '--out',
        message: { vi: '--out: cần tên tệp kết quả', en: '--out: an output file is required' },
      });
    const asOf =
      options.asOf === undefined
        ? undefined
        : problems.check('--as-of', () => parseBusinessDate(options.asOf ?? '', '--as-of'));
    let knownAt: string | undefined;
    if (options.knownAt !== undefined) {
      const parsed = parseKnownAtOption(options.knownAt);
      if ('problem' in parsed) problems.add(parsed.problem);
      else knownAt = parsed.value;
    }
    if (report === 'history' && !options.line) {
      problems.add({
        field: '--line',
        message: {
          vi: '--line: cần mã dòng ngân sách',
          en: '--line: a budget line id is required',
        },
      });
    }
    problems.throwIfAny();

    const out = resolve(options.out ?? '');
    const window = { ...(asOf ? { asOf } : {}), ...(knownAt ? { knownAt } : {}) };
    const reporting = await import('@app/reporting');
    const context = {
      unitName: cli.config.program.reportingUnit,
      lang: cli.language,
    };
    const reads = report === 'history' ? ['history'] : ['balances'];
    const built = await withReadModels(cli, { reads }, async ({ lib, models }) => {
      if (report === 'disbursement') {
        const answer = await lib.queryDisbursement(models, { fiscalYear: year, ...window });
        return { table: reporting.disbursementTable(answer, context), totals: answer.totals.all };
      }
      if (report === 'balances') {
        const answer = await lib.queryBalances(models, {
          ...(yearGiven ? { fiscalYear: year } : {}),
          ...window,
        });
        return {
          table: reporting.balancesTable(answer, {
            ...context,
            ...(yearGiven ? { fiscalYear: year } : {}),
          }),
          totals: null,
        };
      }
      const answer = await lib.queryHistory(models, options.line ?? '', window);
      return { table: reporting.historyTable(answer, context), totals: null };
    });
    const bytes =
      format === 'csv'
        ? Buffer.from(reporting.toCsv(built.table), 'utf8')
        : await reporting.toXlsx(built.table);
    writeFileSync(out, bytes);
    const all = built.totals;
    if (cli.json) {
      cli.printJson({
        report,
        ...(yearGiven ? { fiscalYear: year } : {}),
        format,
        file: out,
        bytes: bytes.length,
        ...(all
          ? { disbursed: all.amounts.disbursed.toString(), estimate: all.estimate.toString() }
          : {}),
      });
      return;
    }
    cli.say(
      all
        ? {
            vi: `Đã xuất báo cáo giải ngân năm ${year} ra ${out} (${format?.toUpperCase() ?? ''}): đã giải ngân ${formatMoney(all.amounts.disbursed)} / ${formatMoney(all.estimate)} đồng.`,
            en: `Wrote the ${year} disbursement report to ${out} (${format?.toUpperCase() ?? ''}): disbursed ${all.amounts.disbursed} of ${all.estimate} đồng.`,
          }
        : {
            vi: `Đã xuất ${built.table.title.toLowerCase()} ra ${out} (${format?.toUpperCase() ?? ''}).`,
            en: `Wrote ${built.table.title.toLowerCase()} to ${out} (${format?.toUpperCase() ?? ''}).`,
          },
    );
  }
}
