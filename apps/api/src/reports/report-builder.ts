import { Injectable } from '@nestjs/common';
import { LineCommands, ProgramSettings } from '@app/application';
import { DomainError, type Actor, type LineClassification } from '@app/budgeting';
import { ILLUSTRATIVE, ILLUSTRATIVE_ALL, ReadConsistency, ReadModels } from '@app/read-models';
import {
  outputsFileStem,
  outputsTable,
  progressFileStem,
  progressTable,
  queryOutputs,
  queryProgress,
  queryProgressByCode,
  todayInVietnam,
  type FormContext,
  type OutputsReport,
  type ProgressReport,
  type ReportBasis,
  type ReportParams,
  type ReportTable,
  type SignerNames,
} from '@app/reporting';
import { visibleUnit } from '../auth/visibility';
import { reportPeriod } from './report-files';

export type ReportKind = 'disbursement' | 'outputs';

export interface ReportAsk {
  readonly fiscalYear: number;
  readonly period?: string;
  readonly unit?: string;
  readonly asOf?: string;
  readonly knownAt?: string;
  readonly minPosition?: bigint;
  /** Disbursement report only: by budget code instead of by program part. */
  readonly groupBy?: 'program' | 'classification';
}

export interface FormAsk {
  readonly lang: 'vi' | 'en';
  readonly signedOn?: string;
  readonly signers?: SignerNames;
}

export type Built =
  | { readonly kind: 'disbursement'; readonly report: ProgressReport }
  | { readonly kind: 'outputs'; readonly report: OutputsReport };

/**
 * One way to a report for every door (the API, the dashboard): who may see which unit,
 * read-your-writes, the period, and the form's header and signatures.
 */
@Injectable()
export class ReportBuilder {
  constructor(
    private readonly models: ReadModels,
    private readonly consistency: ReadConsistency,
    private readonly settings: ProgramSettings,
    private readonly lines: LineCommands,
  ) {}

  /** Whether the log holds events marked illustrative (every page and report says so). */
  async illustrative(): Promise<boolean> {
    return (await this.models.get('reporting', ILLUSTRATIVE, ILLUSTRATIVE_ALL)) !== null;
  }

  async build(kind: ReportKind, ask: ReportAsk, actor: Actor): Promise<Built> {
    const params = await this.params(ask, actor);
    if (kind === 'outputs' && ask.groupBy === 'classification') {
      throw new DomainError(
        'REPORT.GROUPING_UNSUPPORTED',
        'validation',
        {
          vi: 'groupBy: báo cáo sản phẩm không nhóm theo mục lục ngân sách (chỉ báo cáo giải ngân)',
          en: 'groupBy: the outputs report is not grouped by budget code (the disbursement report is)',
        },
        { field: 'groupBy' },
      );
    }
    if (kind === 'outputs') return { kind, report: await queryOutputs(this.models, params) };
    if (ask.groupBy === 'classification') {
      const report = await queryProgressByCode(this.models, params, (ids) =>
        this.classifications(ids),
      );
      return { kind, report };
    }
    return { kind, report: await queryProgress(this.models, params) };
  }

  /**
   * Each line's classification, from its own stream (cached: only what was appended
   * since is read). It is recorded once and never changes, so the current one is the one
   * of any date; a line classified after `knownAt` still shows under its code.
   */
  private async classifications(
    ids: readonly string[],
  ): Promise<ReadonlyMap<string, LineClassification>> {
    const out = new Map<string, LineClassification>();
    for (const id of ids) {
      const { classification } = await this.lines.state(id);
      if (classification) out.set(id, classification);
    }
    return out;
  }

  /** The printable form: the table, its file name, and the facts its CSV mark needs. */
  table(
    built: Built,
    ask: FormAsk,
    actor: Actor,
  ): { table: ReportTable; stem: string; basis: ReportBasis } {
    const form: FormContext = {
      lang: ask.lang,
      reportingUnit: this.settings.reportingUnit,
      place: this.settings.reportPlace,
      signedOn: ask.signedOn ?? todayInVietnam(),
      signers: { preparedBy: actor.name, ...(ask.signers ?? {}) },
    };
    return built.kind === 'outputs'
      ? {
          table: outputsTable(built.report, form),
          stem: outputsFileStem(built.report),
          basis: built.report,
        }
      : {
          table: progressTable(built.report, form),
          stem: progressFileStem(built.report),
          basis: built.report,
        };
  }

  /** A unit's officers and accountants see their unit only; asking for another is refused. */
  private async params(ask: ReportAsk, actor: Actor): Promise<ReportParams> {
    const own = visibleUnit(actor);
    if (own !== null && ask.unit !== undefined && ask.unit !== own) {
      throw new DomainError(
        'AUTH.UNIT_FORBIDDEN',
        'forbidden',
        {
          vi: `Người dùng thuộc đơn vị ${own} không được xem báo cáo của đơn vị ${ask.unit}`,
          en: `A user of unit ${own} may not see the reports of unit ${ask.unit}`,
        },
        { field: 'unit' },
      );
    }
    const unit = own ?? ask.unit;
    const period = reportPeriod(ask.fiscalYear, ask.period);
    await this.consistency.ensure(ask.minPosition);
    return {
      fiscalYear: ask.fiscalYear,
      period,
      ...(unit ? { unit } : {}),
      ...(ask.asOf ? { asOf: ask.asOf } : {}),
      ...(ask.knownAt ? { knownAt: ask.knownAt } : {}),
    };
  }
}
