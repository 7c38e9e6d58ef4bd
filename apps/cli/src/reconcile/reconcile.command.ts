import { Command, Option } from 'nest-commander';
import { budgetRelationshipCodeOn, formatVietnameseDate, parseBusinessDate } from '@app/budgeting';
import type { Reconciliation, TreasuryStatement } from '@app/reporting';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext, CommonOptions } from '../shared/cli-context';
import { EXIT_FAILURE } from '../shared/cli-errors';
import { Problems } from '../shared/read-command';
import { withReadModels } from '../shared/read-session';
import { scanClassifications } from './line-classifications';
import { readStatementRows } from './statement-file';

interface ReconcileOptions extends CommonOptions {
  readonly unit?: string;
  readonly fiscalYear?: string;
  readonly asOf?: string;
}

/**
 * Đối chiếu: reads the Treasury's statement of estimates used (mẫu 01-SDKP/ĐVDT, CSV or
 * XLSX) and lists every difference with the ledger, row by row. Read-only: it records
 * nothing (the reconciliation is a report, not a fact of the ledger). Exit 0 when the
 * statement and the ledger agree, 1 when they differ.
 */
@Command({
  name: 'reconcile',
  arguments: '<file>',
  description:
    'đối chiếu bảng đối chiếu dự toán của Kho bạc (mẫu 01-SDKP/ĐVDT, .csv/.xlsx) với sổ / reconcile the Treasury statement of estimates used with the ledger',
})
export class ReconcileCommand extends BudgetCommand<ReconcileOptions> {
  @Option({
    flags: '--unit <code>',
    description: 'mã đơn vị trong sổ, ví dụ LDTBXH / the unit’s code in the ledger',
  })
  parseUnit(value: string): string {
    return value;
  }

  @Option({
    flags: '--fiscal-year <year>',
    description:
      'năm ngân sách (mặc định: năm ghi trên bảng) / fiscal year (default: the statement’s)',
  })
  parseFiscalYear(value: string): string {
    return value;
  }

  @Option({
    flags: '--as-of <date>',
    description:
      'số dư của sổ đến ngày (mặc định: "Đến ngày" của bảng) / ledger as of (default: the statement’s date)',
  })
  parseAsOf(value: string): string {
    return value;
  }

  protected async execute(
    [file]: string[],
    options: ReconcileOptions,
    cli: CliContext,
  ): Promise<void> {
    const lib = await import('@app/reporting');
    const statement = lib.parseTreasuryStatement(await readStatementRows(file ?? ''));
    const problems = new Problems();
    const unit = options.unit;
    if (!unit) {
      problems.add({
        field: '--unit',
        message: {
          vi: '--unit: cần mã đơn vị của sổ mà bảng đối chiếu thuộc về (ví dụ --unit LDTBXH)',
          en: '--unit: the ledger code of the unit the statement belongs to is needed (e.g. --unit LDTBXH)',
        },
      });
    }
    const fiscalYear = options.fiscalYear ? Number(options.fiscalYear) : statement.fiscalYear;
    if (!fiscalYear || !Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) {
      problems.add({
        field: '--fiscal-year',
        message: {
          vi: '--fiscal-year: bảng không ghi năm ngân sách hợp lệ; cho năm bằng --fiscal-year',
          en: '--fiscal-year: the statement gives no valid fiscal year; pass --fiscal-year',
        },
      });
    }
    const asOf = options.asOf
      ? problems.check('--as-of', () => parseBusinessDate(options.asOf ?? '', '--as-of'))
      : (statement.asOf ?? undefined);
    problems.throwIfAny();

    const result = await withReadModels(cli, { reads: ['balances'] }, async (session) => {
      const answer = await session.lib.queryBalances(session.models, {
        fiscalYear: fiscalYear as number,
        ...(asOf ? { asOf } : {}),
      });
      const scan = await scanClassifications(session.events);
      // The code in force on the statement's date ("Đến ngày", or --as-of), else today's.
      const recorded = budgetRelationshipCodeOn(
        scan.budgetRelationshipCodes.get(unit as string),
        asOf ?? lib.todayInVietnam(),
      );
      return lib.reconcileStatement(
        statement,
        unit as string,
        answer.lines,
        (id) => scan.classifications.get(id),
        recorded?.budgetRelationshipCode ?? null,
      );
    });

    if (cli.json) {
      cli.printJson({
        file,
        fiscalYear,
        asOf: asOf ?? null,
        statementUnitCode: statement.unitCode,
        ignoredColumns: statement.ignoredColumns,
        ...lib.reconciliationToWire(result),
      });
    } else cli.print(describe(result, statement, fiscalYear as number, asOf, cli, lib));
    if (result.differences.length > 0 || result.unclassifiedLines.length > 0) {
      process.exitCode = EXIT_FAILURE;
    }
  }
}

function describe(
  r: Reconciliation,
  statement: TreasuryStatement,
  fiscalYear: number,
  asOf: string | undefined,
  cli: CliContext,
  lib: typeof import('@app/reporting'),
): string {
  const vi = cli.language === 'vi';
  const when = asOf ? formatVietnameseDate(asOf) : vi ? 'hiện tại' : 'now';
  const lines = [
    vi
      ? `Đối chiếu dự toán với Kho bạc: đơn vị ${r.unit}, năm ngân sách ${fiscalYear}, số liệu đến ${when} (${statement.rows.length} dòng trên bảng)`
      : `Reconciliation with the Treasury: unit ${r.unit}, fiscal year ${fiscalYear}, as of ${when} (${statement.rows.length} rows on the statement)`,
    lib.describeUnitCodeCheck(r.unitCode, r.unit, cli.language),
  ];
  if (r.differences.length === 0) {
    lines.push(vi ? 'Khớp: không có chênh lệch nào.' : 'In agreement: no difference.');
  } else {
    lines.push(
      vi ? `${r.differences.length} chênh lệch:` : `${r.differences.length} difference(s):`,
    );
    for (const d of r.differences) lines.push(`  ${lib.describeDifference(d, cli.language)}`);
  }
  if (r.unclassifiedLines.length > 0) {
    lines.push(
      vi
        ? `Dòng ngân sách chưa phân loại mục lục, không đối chiếu được: ${r.unclassifiedLines.join(', ')}`
        : `Budget lines without a classification, not reconciled: ${r.unclassifiedLines.join(', ')}`,
    );
  }
  if (statement.ignoredColumns.length > 0) {
    lines.push(
      vi
        ? `Cột không đọc: ${statement.ignoredColumns.join('; ')}`
        : `Columns not read: ${statement.ignoredColumns.join('; ')}`,
    );
  }
  return lines.join('\n');
}
