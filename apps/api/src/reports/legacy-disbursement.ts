import {
  amountsToWire,
  formatRate,
  type DisbursementReport,
  type DisbursementRow,
} from '@app/read-models';

function rowToWire(r: DisbursementRow): object {
  const { amounts, estimate, rateBasisPoints, ...rest } = r;
  return {
    ...rest,
    ...amountsToWire(amounts),
    estimate: estimate.toString(),
    rateBasisPoints: rateBasisPoints?.toString() ?? null,
    rate: formatRate(rateBasisPoints),
  };
}

/**
 * The JSON of 0.3.0 (by program part × fund source × source year, carried-over money
 * apart), kept beside the progress report's rows for clients written against it.
 */
export function legacyDisbursementToWire(report: DisbursementReport): object {
  return {
    current: report.current.map(rowToWire),
    carriedOver: report.carriedOver.map(rowToWire),
    totals: {
      current: rowToWire(report.totals.current),
      carriedOver: rowToWire(report.totals.carriedOver),
      all: rowToWire(report.totals.all),
    },
  };
}
