import { Option } from 'nest-commander';
import {
  DomainError,
  formatVietnameseDate,
  parseBusinessDate,
  formatVietnamTime,
} from '@app/budgeting';
import { BudgetCommand } from './budget-command';
import type { CliContext, CommonOptions } from './cli-context';
import { UsageError, type UsageProblem } from './cli-errors';
import { parseKnownAtOption } from './vietnam-time';

export interface ReadOptions extends CommonOptions {
  readonly format?: string;
}

export interface TimeTravelOptions extends ReadOptions {
  readonly asOf?: string;
  readonly knownAt?: string;
}

/** How a read answers: the API's JSON document, a table for people, or CSV for Excel. */
export type OutputMode = 'json' | 'table' | 'csv';

/** The two time axes, validated: what had taken effect by `asOf`, as the books showed at `knownAt`. */
export interface TimeWindow {
  readonly asOf?: string;
  readonly knownAt?: string;
}

/** Every problem of a read's command line, listed together (exit 2), as the API lists them (400). */
export class Problems {
  private readonly list: UsageProblem[] = [];

  add(problem: UsageProblem): void {
    this.list.push(problem);
  }

  /** Runs a validator of the domain, keeping its bilingual message as a usage problem. */
  check<T>(field: string, validate: () => T): T | undefined {
    try {
      return validate();
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.add({ field, message: error.messages });
      return undefined;
    }
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new UsageError(this.list);
  }
}

/** A read of the ledger (`balances`, `history`, `approvals`): `--format csv` besides `--json`. */
export abstract class ReadCommand<O extends ReadOptions = ReadOptions> extends BudgetCommand<O> {
  @Option({
    flags: '--format <format>',
    description:
      'table (mặc định) | csv: UTF-8 có BOM, số tiền là số nguyên, mở bằng Excel / table (default) | csv: UTF-8 with BOM, plain integer amounts, for Excel',
  })
  parseFormat(value: string): string {
    return value;
  }

  protected outputMode(options: O, cli: CliContext, problems: Problems): OutputMode {
    const format = options.format?.toLowerCase();
    if (format !== undefined && format !== 'table' && format !== 'csv') {
      problems.add({
        field: '--format',
        message: {
          vi: `--format: định dạng không hợp lệ "${options.format}" (table hoặc csv)`,
          en: `--format: unknown format "${options.format}" (table or csv)`,
        },
      });
    }
    if (cli.json && format === 'csv') {
      problems.add({
        field: '--format',
        message: {
          vi: '--format csv và --json không dùng cùng nhau: chọn một',
          en: '--format csv and --json cannot be combined: choose one',
        },
      });
    }
    if (cli.json) return 'json';
    return format === 'csv' ? 'csv' : 'table';
  }
}

/** A read that travels in time: `--as-of` (business date) and `--known-at` (recorded instant). */
export abstract class TimeTravelCommand<
  O extends TimeTravelOptions = TimeTravelOptions,
> extends ReadCommand<O> {
  @Option({
    flags: '--as-of <date>',
    description:
      'tính đến ngày hiệu lực YYYY-MM-DD / what had taken effect by this date, YYYY-MM-DD',
  })
  parseAsOf(value: string): string {
    return value;
  }

  @Option({
    flags: '--known-at <instant>',
    description:
      'theo sổ sách tại thời điểm (ISO 8601; không ghi múi giờ là giờ Việt Nam) / as the books showed at this instant (ISO 8601; without a zone, Vietnam time)',
  })
  parseKnownAt(value: string): string {
    return value;
  }

  protected timeWindow(options: O, problems: Problems): TimeWindow {
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
    return { ...(asOf ? { asOf } : {}), ...(knownAt ? { knownAt } : {}) };
  }
}

/** The header lines naming the point in time a read shows: `Tính đến ngày 30/6/2024`… */
export function describeWindow(window: TimeWindow, cli: CliContext): string[] {
  const vi = cli.language === 'vi';
  const lines = [
    window.asOf
      ? vi
        ? `Tính đến ngày ${formatVietnameseDate(window.asOf)}`
        : `As of ${window.asOf}`
      : vi
        ? 'Tính đến hiện tại (mọi bút toán đã ghi sổ)'
        : 'As of now (every entry recorded)',
  ];
  if (window.knownAt) {
    const when = formatVietnamTime(window.knownAt);
    lines.push(
      vi
        ? `Theo sổ sách lúc ${when} (giờ Việt Nam, UTC+7)`
        : `As the books showed at ${when} (Vietnam time, UTC+7)`,
    );
  }
  return lines;
}
