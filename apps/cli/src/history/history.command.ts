import { Command } from 'nest-commander';
import {
  type BudgetLineKey,
  parseBudgetLineId,
  formatVietnameseDate,
  formatMoney,
  eventLabel,
  formatVietnamTime,
  formatVietnamTimeForSheet,
  describeBudgetCode,
  describeNormsApplied,
  describePlanActivity,
  describeSignatures,
  describeTreasuryStep,
  type LineClassification,
  type NormsAppliedView,
  type PlanActivityRef,
  type SignatureView,
  type TreasuryStepView,
} from '@app/budgeting';
import type { CliContext } from '../shared/cli-context';
import { CliError } from '../shared/cli-errors';
import { type CsvCell, renderCsv } from '../shared/csv';
import {
  actorLabel,
  AMOUNT_COLUMNS,
  AMOUNT_LABELS,
  capacityLabel,
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
import { renderTable } from '../shared/table';

/** One entry as queryHistory (and GET /budget-lines/{id}/history) gives it. */
interface Entry {
  readonly type: string;
  readonly effectiveDate: string;
  readonly recordedAt: string;
  readonly actor: { readonly id?: string; readonly name?: string; readonly role?: string } | null;
  readonly authority: { readonly capacity?: string | null; readonly title?: string | null } | null;
  readonly legalBasis: readonly string[];
  readonly amount: string | null;
  readonly description: string | null;
  readonly payee: string | null;
  readonly voucher: string | null;
  readonly reason: string | null;
  /** A correction's citation: a late entry's names the lapse it reverses in part and its approver. */
  readonly correction?: {
    readonly corrects?: string;
    readonly approvedBy?: string;
  } | null;
  /** Until when a decision keeps approved money (CommitmentRetained); where money returns. */
  readonly until?: string;
  readonly toLevel?: string;
  /** The spending norm rows the proposal and its approval were checked against. */
  readonly norms?: NormsAppliedView;
  /** The payment at the State Treasury: the dossier sent, the Treasury's answer. */
  readonly treasury?: TreasuryStepView;
  /** A signature (its own entry) or both (the approval of a two-signature unit). */
  readonly signatures?: readonly SignatureView[];
  /** A proposal's tiểu mục, its line's codes and the plan activity it spends under. */
  readonly economicCode?: string;
  readonly classification?: LineClassification;
  readonly plan?: PlanActivityRef;
  readonly balance: Readonly<Record<string, string>>;
}

const money = (value: string | null | undefined): string =>
  value === null || value === undefined ? '' : formatMoney(BigInt(value));

/** What the entry was about, in a few words: the expenditure, the reason, the voucher. */
function note(entry: Entry, cli: CliContext): string {
  const vi = cli.language === 'vi';
  // The Treasury's answer says its payment order and reason itself.
  const treasury = entry.treasury ? describeTreasuryStep(entry.treasury, cli.language) : null;
  return [
    entry.description,
    entry.payee ? (vi ? `người nhận: ${entry.payee}` : `payee: ${entry.payee}`) : null,
    entry.voucher && !treasury
      ? vi
        ? `chứng từ ${entry.voucher}`
        : `voucher ${entry.voucher}`
      : null,
    entry.reason && !treasury ? (vi ? `lý do: ${entry.reason}` : `reason: ${entry.reason}`) : null,
    treasury,
    entry.correction?.corrects
      ? vi
        ? `điều chỉnh ${entry.correction.corrects}${entry.correction.approvedBy ? `, duyệt: ${entry.correction.approvedBy}` : ''}`
        : `corrects ${entry.correction.corrects}${entry.correction.approvedBy ? `, approved by ${entry.correction.approvedBy}` : ''}`
      : null,
    entry.signatures && entry.type === 'ExpenditureApproved'
      ? `${vi ? 'chữ ký' : 'signed by'} ${describeSignatures(entry.signatures, cli.language)}`
      : null,
    describeBudgetCode(entry, cli.language),
    entry.plan
      ? `${vi ? 'hoạt động' : 'activity'} ${describePlanActivity(entry.plan, cli.language)}`
      : null,
    entry.norms ? describeNormsApplied(entry.norms, cli.language) : null,
    entry.until ? (vi ? `giữ lại đến ${entry.until}` : `kept until ${entry.until}`) : null,
    entry.toLevel
      ? vi
        ? `hoàn trả về ${fundSourceLabel(entry.toLevel, 'vi')}`
        : `returned to ${entry.toLevel}`
      : null,
  ]
    .filter((part): part is string => Boolean(part))
    .join('; ');
}

function title(lineId: string, key: BudgetLineKey | undefined, cli: CliContext): string {
  if (!key) return lineId;
  return cli.language === 'vi'
    ? `Lịch sử dòng ngân sách ${lineId} (dự án ${key.programPart}, nguồn ${fundSourceLabel(key.fundSource, 'vi')} năm ${key.sourceYear}, đơn vị ${key.unit}, năm ngân sách ${key.fiscalYear})`
    : `History of budget line ${lineId} (${key.programPart}, ${key.fundSource} funds of ${key.sourceYear}, unit ${key.unit}, fiscal year ${key.fiscalYear})`;
}

/**
 * A budget line's entries in effective-date order: when each took effect and was
 * recorded, who acted in what capacity, on what legal basis, the amount, and the
 * balance it left.
 */
@Command({
  name: 'history',
  arguments: '<budget-line-id>',
  argsDescription: {
    'budget-line-id': 'mã dòng ngân sách / budget line id, e.g. 2024.DA7.TDA1.central.2024.LDTBXH',
  },
  description:
    'các bút toán của một dòng ngân sách theo thứ tự / the events of a budget line, in order',
})
export class HistoryCommand extends TimeTravelCommand {
  protected async execute(
    [lineId = '']: string[],
    options: TimeTravelOptions,
    cli: CliContext,
  ): Promise<void> {
    const problems = new Problems();
    const key = problems.check('<budget-line-id>', () => parseBudgetLineId(lineId));
    const window = this.timeWindow(options, problems);
    const mode = this.outputMode(options, cli, problems);
    problems.throwIfAny();

    await withReadModels(cli, { reads: ['history', 'balances'] }, async ({ lib, models }) => {
      // A line never opened is a typo far more often than an empty line: say so.
      if (!(await models.get('balances', lib.LINES, lineId))) {
        throw new CliError('BUDGET_LINE.NOT_FOUND', {
          vi: `không có dòng ngân sách ${lineId} (xem: budget balances)`,
          en: `no budget line ${lineId} (see: budget balances)`,
        });
      }
      const answer = await lib.queryHistory(models, lineId, window);
      const entries = answer.entries as unknown as readonly Entry[];
      switch (mode) {
        case 'json':
          cli.printJson(answer);
          return;
        case 'csv':
          cli.print(toCsv(entries, cli));
          return;
        case 'table':
          cli.print(toTable(entries, window, title(lineId, key, cli), cli));
          return;
      }
    });
  }
}

function toTable(
  entries: readonly Entry[],
  window: TimeWindow,
  title: string,
  cli: CliContext,
): string {
  const vi = cli.language === 'vi';
  const header = [title, ...describeWindow(window, cli)];
  if (entries.length === 0) {
    return [...header, '', vi ? 'Chưa có bút toán nào.' : 'No entries.'].join('\n');
  }
  const table = renderTable(
    [
      { header: vi ? 'Ngày hiệu lực' : 'Effective' },
      { header: vi ? 'Ghi sổ lúc' : 'Recorded at' },
      { header: vi ? 'Nghiệp vụ' : 'Event' },
      { header: vi ? 'Người thực hiện' : 'Actor' },
      { header: vi ? 'Tư cách' : 'Capacity' },
      { header: vi ? 'Căn cứ' : 'Legal basis' },
      { header: vi ? 'Số tiền' : 'Amount', align: 'right' },
      { header: vi ? 'Đã cam kết' : 'Committed', align: 'right' },
      { header: vi ? 'Đã giải ngân' : 'Disbursed', align: 'right' },
      { header: vi ? 'Còn lại' : 'Available', align: 'right' },
      { header: vi ? 'Nội dung' : 'Note' },
    ],
    entries.map((e) => [
      formatVietnameseDate(e.effectiveDate),
      formatVietnamTime(e.recordedAt),
      eventLabel(e.type, cli.language),
      actorLabel(e.actor, cli.language),
      capacityLabel(e.authority?.capacity, e.authority?.title),
      e.legalBasis.join(', '),
      money(e.amount),
      money(e.balance.committed),
      money(e.balance.disbursed),
      money(e.balance.available),
      note(e, cli),
    ]),
  );
  const footer = vi
    ? `Đơn vị tính: đồng. ${entries.length} bút toán; giờ ghi sổ là giờ Việt Nam (UTC+7); số dư tính lũy kế theo ngày hiệu lực.`
    : `Amounts in đồng. ${entries.length} entries; recorded times in Vietnam time (UTC+7); balances accumulate in effective-date order.`;
  return [...header, '', table, '', footer].join('\n');
}

function toCsv(entries: readonly Entry[], cli: CliContext): string {
  const vi = cli.language === 'vi';
  const after = (label: string): string => (vi ? `${label} sau bút toán` : `${label} after`);
  const headers = [
    vi ? 'Ngày hiệu lực' : 'Effective date',
    vi ? 'Ghi sổ lúc (giờ Việt Nam)' : 'Recorded at (Vietnam time)',
    vi ? 'Nghiệp vụ' : 'Event',
    vi ? 'Mã nghiệp vụ' : 'Event type',
    vi ? 'Người thực hiện' : 'Actor',
    vi ? 'Mã người thực hiện' : 'Actor id',
    vi ? 'Tư cách' : 'Capacity',
    vi ? 'Căn cứ' : 'Legal basis',
    vi ? 'Số tiền' : 'Amount',
    vi ? 'Nội dung' : 'Note',
    ...AMOUNT_COLUMNS.map((c) => after(AMOUNT_LABELS[c][cli.language])),
  ];
  return renderCsv(
    headers,
    entries.map((e): CsvCell[] => [
      e.effectiveDate,
      formatVietnamTimeForSheet(e.recordedAt),
      eventLabel(e.type, cli.language),
      e.type,
      actorLabel(e.actor, cli.language),
      e.actor?.id ?? null,
      capacityLabel(e.authority?.capacity, e.authority?.title),
      e.legalBasis.join('; '),
      e.amount === null ? null : BigInt(e.amount),
      note(e, cli),
      ...AMOUNT_COLUMNS.map((c) => {
        const value = e.balance[c];
        return value === undefined ? null : BigInt(value);
      }),
    ]),
  );
}
