import { Command, Option } from 'nest-commander';
import type { BalanceLine } from '@app/read-models';
import { available, describeDeadline, formatMoney, openAdvances } from '@app/budgeting';
import type { CliContext } from '../shared/cli-context';
import { renderCsv } from '../shared/csv';
import {
  AMOUNT_COLUMNS,
  AMOUNT_LABELS,
  type AmountColumn,
  fundSourceLabel,
} from '../shared/ledger-labels';
import {
  describeWindow,
  Problems,
  TimeTravelCommand,
  type TimeTravelOptions,
  type TimeWindow,
} from '../shared/read-command';
import { withReadModels } from '../shared/read-session';
import { type Column, renderTable } from '../shared/table';

interface BalancesOptions extends TimeTravelOptions {
  readonly fiscalYear?: string;
}

type Amounts = Record<AmountColumn, bigint>;

function amountsOf(amounts: BalanceLine['amounts'], available: bigint): Amounts {
  return { ...amounts, available, advancesOpen: openAdvances(amounts) };
}

/** Columns always shown to people; the others only when some line moved money through them. */
const ALWAYS: ReadonlySet<AmountColumn> = new Set([
  'allocated',
  'carriedIn',
  'committed',
  'disbursed',
  'available',
]);

function lineColumns(cli: CliContext): Column[] {
  const vi = cli.language === 'vi';
  return [
    { header: vi ? 'Dòng ngân sách' : 'Budget line' },
    { header: vi ? 'Dự án' : 'Program part' },
    { header: vi ? 'Nguồn' : 'Source' },
    { header: vi ? 'Năm nguồn' : 'Source year' },
    { header: vi ? 'Đơn vị' : 'Unit' },
  ];
}

/**
 * Balances of every budget line, now or at any point on both time axes: the API's
 * document with --json, a table in Vietnamese for people, CSV for Excel.
 */
@Command({
  name: 'balances',
  description:
    'số dư các dòng ngân sách (được giao, chuyển nguồn, cam kết, giải ngân, còn lại) / balances of every budget line',
})
export class BalancesCommand extends TimeTravelCommand<BalancesOptions> {
  @Option({
    flags: '--fiscal-year <year>',
    description: 'năm ngân sách / fiscal year, e.g. 2024',
  })
  parseFiscalYear(value: string): string {
    return value;
  }

  protected async execute(
    _params: string[],
    options: BalancesOptions,
    cli: CliContext,
  ): Promise<void> {
    const problems = new Problems();
    let fiscalYear: number | undefined;
    if (options.fiscalYear !== undefined) {
      const year = /^\d{4}$/.test(options.fiscalYear) ? Number(options.fiscalYear) : NaN;
      if (year >= 2000 && year <= 2100) fiscalYear = year;
      else
        problems.add({
          field: '--fiscal-year',
          message: {
            vi: `--fiscal-year: năm ngân sách không hợp lệ "${options.fiscalYear}" (2000–2100)`,
            en: `--fiscal-year: invalid fiscal year "${options.fiscalYear}" (2000–2100)`,
          },
        });
    }
    const window = this.timeWindow(options, problems);
    const mode = this.outputMode(options, cli, problems);
    problems.throwIfAny();

    await withReadModels(cli, { reads: ['balances'] }, async ({ lib, models }) => {
      const answer = await lib.queryBalances(models, {
        ...window,
        ...(fiscalYear === undefined ? {} : { fiscalYear }),
      });
      const rows = answer.lines.map((line) => ({
        line,
        amounts: amountsOf(line.amounts, available(line.amounts)),
      }));
      const totals = amountsOf(answer.totals, available(answer.totals));
      switch (mode) {
        case 'json':
          cli.printJson(lib.balancesToWire(answer));
          return;
        case 'csv':
          cli.print(toCsv(rows, cli));
          return;
        case 'table':
          cli.print(toTable(window, rows, totals, fiscalYear, cli));
          return;
      }
    });
  }
}

interface Row {
  readonly line: BalanceLine;
  readonly amounts: Amounts;
}

function toCsv(rows: readonly Row[], cli: CliContext): string {
  const vi = cli.language === 'vi';
  const headers = [
    ...lineColumns(cli).map((c) => c.header),
    vi ? 'Năm ngân sách' : 'Fiscal year',
    vi ? 'Hạn chuyển nguồn' : 'Carry-over deadline',
    vi ? 'Căn cứ hạn' : 'Deadline basis',
    vi ? 'Quyết định chuyển nguồn' : 'Carry-over decision',
    vi ? 'Gia hạn theo' : 'Extended by',
    ...AMOUNT_COLUMNS.map((c) => AMOUNT_LABELS[c][cli.language]),
  ];
  return renderCsv(
    headers,
    rows.map(({ line, amounts }) => [
      line.id,
      line.programPart,
      fundSourceLabel(line.fundSource, cli.language),
      line.sourceYear,
      line.unit,
      line.fiscalYear,
      line.carryOverDeadline,
      line.deadlineBasis,
      line.deadlineDecision,
      line.deadlineExtensions.join('; '),
      ...AMOUNT_COLUMNS.map((c) => amounts[c]),
    ]),
  );
}

function toTable(
  window: TimeWindow,
  rows: readonly Row[],
  totals: Amounts,
  fiscalYear: number | undefined,
  cli: CliContext,
): string {
  const vi = cli.language === 'vi';
  const title = vi
    ? `Số dư các dòng ngân sách${fiscalYear === undefined ? '' : ` năm ${fiscalYear}`}`
    : `Budget line balances${fiscalYear === undefined ? '' : `, fiscal year ${fiscalYear}`}`;
  const header = [title, ...describeWindow(window, cli)];
  if (rows.length === 0) {
    return [...header, '', vi ? 'Không có dòng ngân sách nào.' : 'No budget lines.'].join('\n');
  }
  const shown = AMOUNT_COLUMNS.filter(
    (c) => ALWAYS.has(c) || rows.some(({ amounts }) => amounts[c] !== 0n),
  );
  const carried = rows.some(({ line }) => line.carryOverDeadline !== null);
  const columns: Column[] = [
    ...lineColumns(cli),
    ...(carried ? [{ header: vi ? 'Hạn sử dụng' : 'Deadline', align: 'left' as const }] : []),
    ...shown.map((c): Column => ({ header: AMOUNT_LABELS[c][cli.language], align: 'right' })),
  ];
  const table = renderTable(
    columns,
    rows.map(({ line, amounts }) => [
      line.id,
      line.programPart,
      fundSourceLabel(line.fundSource, cli.language),
      String(line.sourceYear),
      line.unit,
      ...(carried ? [describeDeadline(line, cli.language)] : []),
      ...shown.map((c) => formatMoney(amounts[c])),
    ]),
    [
      vi ? 'Tổng cộng' : 'Total',
      '',
      '',
      '',
      '',
      ...(carried ? [''] : []),
      ...shown.map((c) => formatMoney(totals[c])),
    ],
  );
  const unit = vi
    ? `Đơn vị tính: đồng. ${rows.length} dòng ngân sách.`
    : `Amounts in đồng. ${rows.length} budget line(s).`;
  return [...header, '', table, '', unit].join('\n');
}
