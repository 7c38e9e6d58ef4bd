import { Command, Option } from 'nest-commander';
import { resolve } from 'node:path';
import { formatMoney } from '@app/budgeting';
import { BudgetCommand } from '../shared/budget-command';
import { writeOutputFile } from '../shared/output-file';
import type { CliContext } from '../shared/cli-context';
import { Problems } from '../shared/read-command';
import { withReadModels } from '../shared/read-session';
import { scanClassifications } from '../reconcile/line-classifications';
import { REPORTS, reportRequest, type ReportOptions, type ReportRequest } from './report-request';

type Reporting = typeof import('@app/reporting');

interface Built {
  readonly table: import('@app/reporting').ReportTable;
  readonly basis: import('@app/reporting').ReportBasis | null;
  readonly total: import('@app/reporting').ProgressRow | null;
}

/**
 * `budget report disbursement|outputs --fiscal-year Y --period Q2 --unit U --format
 * xlsx|csv|pdf --out FILE`: the reports a district files, built by the same code as the
 * API's downloads (libs/reporting). `balances` and `history` export those reads.
 */
@Command({
  name: 'report',
  arguments: '<name>',
  argsDescription: { name: REPORTS.join(' | ') },
  description:
    'xuất báo cáo (giải ngân, sản phẩm, số dư, lịch sử) ra CSV, XLSX hoặc PDF / export a report (disbursement, outputs, balances, history) as CSV, XLSX or PDF',
})
export class ReportCommand extends BudgetCommand<ReportOptions> {
  @Option({ flags: '--fiscal-year <year>', description: 'năm ngân sách / fiscal year' })
  parseFiscalYear(value: string): string {
    return value;
  }

  @Option({
    flags: '--period <period>',
    description:
      'kỳ báo cáo / period: year (mặc định) | year-final (đến 31/01 năm sau) | H1 | H2 | Q1…Q4 | M1…M12 | YYYY-MM-DD..YYYY-MM-DD',
  })
  parsePeriod(value: string): string {
    return value;
  }

  @Option({ flags: '--unit <code>', description: 'chỉ một đơn vị / one spending unit' })
  parseUnit(value: string): string {
    return value;
  }

  @Option({ flags: '--format <format>', description: 'csv | xlsx | pdf' })
  parseFormat(value: string): string {
    return value;
  }

  @Option({
    flags: '--force',
    description: 'thay tệp --out đã có / replace an existing --out file',
  })
  parseForce(): boolean {
    return true;
  }

  @Option({ flags: '--out <file>', description: 'tệp kết quả / output file' })
  parseOut(value: string): string {
    return value;
  }

  @Option({
    flags: '--separator <char>',
    description:
      'CSV: "," (mặc định) hoặc ";" cho Excel tiếng Việt / or ";" for Excel in Vietnamese',
  })
  parseSeparator(value: string): string {
    return value;
  }

  @Option({
    flags: '--group-by <grouping>',
    description:
      'giải ngân: program (theo dự án, mặc định) | code (theo mục lục ngân sách: chương, loại–khoản, mã CTMTQG) / disbursement: by project (default) or by budget code',
  })
  parseGroupBy(value: string): string {
    return value;
  }

  @Option({ flags: '--line <budget-line-id>', description: 'history: dòng ngân sách / the line' })
  parseLine(value: string): string {
    return value;
  }

  @Option({ flags: '--as-of <date>', description: 'tính đến ngày / as of YYYY-MM-DD' })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({ flags: '--known-at <instant>', description: 'theo sổ sách lúc / as known at' })
  parseKnownAt(value: string): string {
    return value;
  }

  @Option({ flags: '--signed-on <date>', description: 'ngày ký / date signed (YYYY-MM-DD)' })
  parseSignedOn(value: string): string {
    return value;
  }

  @Option({ flags: '--prepared-by <name>', description: 'người lập biểu / prepared by' })
  parsePreparedBy(value: string): string {
    return value;
  }

  @Option({ flags: '--chief-accountant <name>', description: 'kế toán trưởng / chief accountant' })
  parseChiefAccountant(value: string): string {
    return value;
  }

  @Option({ flags: '--head <name>', description: 'thủ trưởng đơn vị / head of unit' })
  parseHead(value: string): string {
    return value;
  }

  @Option({
    flags: '--head-capacity <capacity>',
    description: 'ký thay, ví dụ "KT. Chủ tịch" / signing on behalf, e.g. "KT. Chủ tịch"',
  })
  parseHeadCapacity(value: string): string {
    return value;
  }

  @Option({ flags: '--head-title <title>', description: 'chức vụ, ví dụ "Phó Chủ tịch" / title' })
  parseHeadTitle(value: string): string {
    return value;
  }

  protected async execute(
    [name]: string[],
    options: ReportOptions,
    cli: CliContext,
  ): Promise<void> {
    const problems = new Problems();
    const request = reportRequest(name ?? '', options, problems);
    const reporting = await import('@app/reporting');
    const period = this.period(reporting, request, problems);
    problems.throwIfAny();

    const out = resolve(request.out);
    const built = await withReadModels(
      cli,
      { reads: ['balances', 'history', 'plans', 'reporting'] },
      ({ lib, models, events }) =>
        this.build(reporting, lib, models, request, period, options, cli, events),
    );
    const stream = await reporting.reportStream(built.table, request.format, {
      separator: request.separator,
      lang: cli.language,
      ...(built.basis ? { basis: built.basis } : {}),
    });
    // Reports are small: collected whole, then written without following a link and
    // without replacing a file unless --force (see writeOutputFile).
    const bytes = Buffer.concat((await stream.toArray()) as Buffer[]);
    writeOutputFile(out, bytes, options.force === true);
    this.answer(request, out, built, cli);
  }

  private period(
    reporting: Reporting,
    request: ReportRequest,
    problems: Problems,
  ): import('@app/reporting').Period | null {
    if (request.fiscalYear === null) return null;
    try {
      return reporting.parsePeriod(request.fiscalYear, request.period ?? 'year');
    } catch (error) {
      if (!(error instanceof reporting.PeriodError)) throw error;
      problems.add({
        field: '--period',
        message: {
          vi: `--period: kỳ không hợp lệ "${error.spec}" (${reporting.PERIOD_FORMS})`,
          en: `--period: not a period "${error.spec}" (${reporting.PERIOD_FORMS})`,
        },
      });
      return null;
    }
  }

  private async build(
    reporting: Reporting,
    lib: typeof import('@app/read-models'),
    models: import('@app/read-models').ReadModels,
    request: ReportRequest,
    period: import('@app/reporting').Period | null,
    options: ReportOptions,
    cli: CliContext,
    events: import('@app/event-store').EventStore,
  ): Promise<Built> {
    const lang = cli.language;
    const unitName = cli.config.program.reportingUnit;
    const { window } = request;
    if (request.report === 'balances' || request.report === 'history') {
      const context = { unitName, lang };
      if (request.report === 'history') {
        const answer = await lib.queryHistory(models, options.line ?? '', window);
        return { table: reporting.historyTable(answer, context), basis: null, total: null };
      }
      const year = request.fiscalYear === null ? {} : { fiscalYear: request.fiscalYear };
      const answer = await lib.queryBalances(models, { ...year, ...window });
      return {
        table: reporting.balancesTable(answer, { ...context, ...year }),
        basis: null,
        total: null,
      };
    }
    if (request.fiscalYear === null || period === null) throw new Error('validated above');
    const params = {
      fiscalYear: request.fiscalYear,
      period,
      ...(request.unit ? { unit: request.unit } : {}),
      ...window,
    };
    const form = {
      lang,
      reportingUnit: unitName,
      place: cli.config.program.reportPlace,
      signedOn: request.signedOn ?? reporting.todayInVietnam(),
      signers: reporting.signerNames(options),
    };
    if (request.report === 'outputs') {
      const report = await reporting.queryOutputs(models, params);
      return { table: reporting.outputsTable(report, form), basis: report, total: null };
    }
    const report = request.byCode
      ? await reporting.queryProgressByCode(models, params, async () => {
          // From the log, as `budget by-code` and `budget reconcile` read them.
          const scan = await scanClassifications(events);
          return scan.classifications;
        })
      : await reporting.queryProgress(models, params);
    return {
      table: reporting.progressTable(report, form),
      basis: report,
      total: report.rows[0] ?? null,
    };
  }

  private answer(request: ReportRequest, out: string, built: Built, cli: CliContext): void {
    const total = built.total?.values;
    const format = request.format.toUpperCase();
    if (cli.json) {
      cli.printJson({
        report: request.report,
        ...(request.fiscalYear === null ? {} : { fiscalYear: request.fiscalYear }),
        ...(built.basis ? { period: built.basis.period, asOf: built.basis.end } : {}),
        ...(request.unit ? { unit: request.unit } : {}),
        ...(request.byCode ? { groupBy: 'code' } : {}),
        format: request.format,
        file: out,
        illustrative: built.basis?.illustrative !== null && built.basis !== null,
        ...(total
          ? {
              usable: (total.usable ?? 0n).toString(),
              paidPeriod: (total.paidPeriod ?? 0n).toString(),
              disbursed: (total.paidCumulative ?? 0n).toString(),
            }
          : {}),
      });
      return;
    }
    if (total && built.basis) {
      const label = built.basis.period.label;
      cli.say({
        vi: `Đã xuất báo cáo giải ngân ${label.vi} ra ${out} (${format}): giải ngân trong kỳ ${formatMoney(total.paidPeriod ?? 0n)}, lũy kế ${formatMoney(total.paidCumulative ?? 0n)} / ${formatMoney(total.usable ?? 0n)} đồng.`,
        en: `Wrote the disbursement report, ${label.en}, to ${out} (${format}): paid in the period ${total.paidPeriod ?? 0n}, since the year began ${total.paidCumulative ?? 0n} of ${total.usable ?? 0n} đồng.`,
      });
      return;
    }
    cli.say({
      vi: `Đã xuất ${built.table.title.toLocaleLowerCase('vi')} ra ${out} (${format}).`,
      en: `Wrote ${built.table.title.toLowerCase()} to ${out} (${format}).`,
    });
  }
}
