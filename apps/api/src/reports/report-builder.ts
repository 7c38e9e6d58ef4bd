import { Injectable } from '@nestjs/common';
import { ProgramSettings } from '@app/application';
import { DomainError, type Actor } from '@app/budgeting';
import { ILLUSTRATIVE, ILLUSTRATIVE_ALL, ReadConsistency, ReadModels } from '@app/read-models';
import {
  outputsFileStem,
  outputsTable,
  progressFileStem,
  progressTable,
  queryOutputs,
  queryProgress,
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
  ) {}

  /** Whether the log holds events marked illustrative (every page and report says so). */
  async illustrative(): Promise<boolean> {
    return (await this.models.get('reporting', ILLUSTRATIVE, ILLUSTRATIVE_ALL)) !== null;
  }

  async build(kind: ReportKind, ask: ReportAsk, actor: Actor): Promise<Built> {
    const params = await this.params(ask, actor);
    return kind === 'outputs'
      ? { kind, report: await queryOutputs(this.models, params) }
      : { kind, report: await queryProgress(this.models, params) };
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
