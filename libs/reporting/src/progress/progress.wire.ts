import type { OutputsReport } from '../outputs/outputs.query';
import { formatPercent, type ProgressReport, type ReportBasis } from './progress.model';

function money(values: Readonly<Record<string, bigint | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined) out[key] = value.toString();
  }
  return out;
}

function rate(basisPoints: bigint | null): { rateBasisPoints: string | null; rate: string | null } {
  return {
    rateBasisPoints: basisPoints?.toString() ?? null,
    rate: basisPoints === null ? null : formatPercent(basisPoints),
  };
}

export function basisToWire(basis: ReportBasis): object {
  return {
    fiscalYear: basis.fiscalYear,
    period: basis.period,
    asOf: basis.end,
    knownAt: basis.knownAt,
    unit: basis.unit,
    unitName: basis.unitName,
    illustrative: basis.illustrative,
    plans: basis.plans.map((p) => ({
      leadUnit: p.leadUnit,
      title: p.title,
      status: p.status,
      draft: p.draft,
      number: p.number,
      issuedOn: p.issuedOn,
    })),
  };
}

/** The JSON answer: amounts as decimal strings, the rate as "8,16" and in basis points. */
export function progressToWire(report: ProgressReport): object {
  return {
    ...basisToWire(report),
    groupedBy: report.groupedBy ?? 'program',
    rows: report.rows.map((r) => ({
      level: r.level,
      code: r.code,
      no: r.no,
      label: r.label,
      ...money(r.values),
      deadlines: r.deadlines,
      deadlineSources: r.deadlineSources,
      ...rate(r.rateBasisPoints),
    })),
  };
}

export function outputsToWire(report: OutputsReport): object {
  return {
    ...basisToWire(report),
    rows: report.rows.map((r) => ({
      level: r.level,
      code: r.code,
      no: r.no,
      label: r.label,
      ...money(r.money),
      output: r.output && {
        unit: r.output.unit,
        target: r.output.target,
        inPeriod: r.output.inPeriod,
        toDate: r.output.toDate,
        ...rate(r.output.rateBasisPoints),
      },
    })),
  };
}
