import { Command, Option } from 'nest-commander';
import type { Difference, Projection, RebuildReport } from '@app/read-models';
import { formatMoney } from '@app/budgeting';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext, CommonOptions } from '../shared/cli-context';
import { EXIT_FAILURE, UsageError } from '../shared/cli-errors';
import { withReadModels } from '../shared/read-session';
import { renderTable } from '../shared/table';
import { RebuildProgressBar } from './rebuild-progress';

interface RebuildOptions extends CommonOptions {
  readonly projection?: string;
}

/**
 * The log's page cache for a rebuild, in KiB. The replay reads the log once, in order, a
 * page of events at a time, so SQLite's default (~16 MB, filled by the end of a large
 * log) would only hold pages never read again: 2 MiB is 16 MB less of the command's peak
 * memory (BENCHMARKS.md, rebuild RSS).
 */
export const REBUILD_LOG_CACHE_KIB = 2048;

/** How many differences of each projection people are shown (--json carries all that were kept). */
const SHOWN_DIFFERENCES = 5;

/** The same document as POST /api/v1/admin/projections/rebuild. */
function reportToWire(r: RebuildReport): object {
  return { ...r, position: r.position?.toString() ?? null };
}

function seconds(ms: number, cli: CliContext): string {
  const text = (ms / 1000).toFixed(2);
  return cli.language === 'vi' ? `${text.replace('.', ',')} giây` : `${text} s`;
}

function clip(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** One difference in a line: which document, and which of its fields differ. */
function describeDifference(d: Difference, cli: CliContext): string {
  const vi = cli.language === 'vi';
  const where = `${d.collection}/${d.id}`;
  if (d.kind === 'missing_in_rebuild')
    return vi ? `${where}: thiếu trong bản dựng lại` : `${where}: missing from the rebuild`;
  if (d.kind === 'only_in_rebuild')
    return vi ? `${where}: chỉ có trong bản dựng lại` : `${where}: only in the rebuild`;
  const current: Record<string, unknown> = d.current ?? {};
  const rebuilt: Record<string, unknown> = d.rebuilt ?? {};
  const fields = [...new Set([...Object.keys(current), ...Object.keys(rebuilt)])]
    .filter((k) => JSON.stringify(current[k]) !== JSON.stringify(rebuilt[k]))
    .slice(0, 3)
    .map((k) =>
      vi
        ? `${k} (đang dùng ${clip(current[k])}, dựng lại ${clip(rebuilt[k])})`
        : `${k} (serving ${clip(current[k])}, rebuilt ${clip(rebuilt[k])})`,
    );
  return `${where}: ${vi ? 'khác ở' : 'differs in'} ${fields.join('; ')}`;
}

function describeReports(reports: readonly RebuildReport[], cli: CliContext): string {
  const vi = cli.language === 'vi';
  const table = renderTable(
    [
      { header: vi ? 'Dữ liệu đọc' : 'Projection' },
      { header: vi ? 'Sự kiện phát lại' : 'Events replayed', align: 'right' },
      { header: vi ? 'Thời gian' : 'Time', align: 'right' },
      { header: vi ? 'Thế hệ' : 'Generation' },
      { header: vi ? 'So với bản được thay thế' : 'Against the one replaced' },
    ],
    reports.map((r) => [
      r.projection,
      formatMoney(BigInt(r.eventsReplayed)),
      seconds(r.durationMs, cli),
      `${r.fromGeneration} → ${r.toGeneration}${r.resumed ? (vi ? ' (tiếp tục)' : ' (resumed)') : ''}`,
      r.equal
        ? vi
          ? 'khớp'
          : 'equal'
        : vi
          ? `KHÁC: ${r.differenceCount} tài liệu`
          : `DIFFERENT: ${r.differenceCount} document(s)`,
    ]),
  );
  const details = reports
    .filter((r) => !r.equal)
    .flatMap((r) => [
      '',
      vi
        ? `${r.projection}: những khác biệt đầu tiên${r.versionChanged ? ' (bản đang dùng do mã phiên bản khác dựng nên, nên khác biệt là dự kiến)' : ''}:`
        : `${r.projection}: first differences${r.versionChanged ? ' (the serving one was built by another code version, so differences are expected)' : ''}:`,
      ...r.differences.slice(0, SHOWN_DIFFERENCES).map((d) => `  - ${describeDifference(d, cli)}`),
      ...(r.differenceCount > SHOWN_DIFFERENCES
        ? [
            vi
              ? `  … và ${r.differenceCount - SHOWN_DIFFERENCES} khác biệt nữa (xem --json)`
              : `  … and ${r.differenceCount - SHOWN_DIFFERENCES} more (see --json)`,
          ]
        : []),
    ]);
  return [table, ...details].join('\n');
}

/**
 * Rebuilds read models from the log into a new generation beside the serving one,
 * compares the two document by document, and switches to the new one. Exit 0 when every
 * rebuilt projection equals the one it replaces, 1 when one differs, 2 on a bad name.
 */
@Command({
  name: 'rebuild',
  description:
    'dựng lại dữ liệu đọc từ sổ sự kiện và so với bản đang dùng / rebuild read models from the log and compare them with the serving ones',
})
export class RebuildCommand extends BudgetCommand<RebuildOptions> {
  @Option({
    flags: '--projection <name>',
    description:
      'chỉ dựng lại dữ liệu đọc này (mặc định: tất cả) / rebuild only this projection (default: all)',
  })
  parseProjection(value: string): string {
    return value;
  }

  protected async execute(
    _params: string[],
    options: RebuildOptions,
    cli: CliContext,
  ): Promise<void> {
    const { ALL_PROJECTIONS } = await import('@app/read-models');
    const names = ALL_PROJECTIONS.map((p) => p.name);
    const chosen: readonly Projection[] =
      options.projection === undefined
        ? ALL_PROJECTIONS
        : ALL_PROJECTIONS.filter((p) => p.name === options.projection);
    if (chosen.length === 0) {
      throw UsageError.of('--projection', {
        vi: `--projection: không có dữ liệu đọc "${options.projection}" (một trong: ${names.join(', ')})`,
        en: `--projection: no projection "${options.projection}" (one of: ${names.join(', ')})`,
      });
    }

    const progress = await RebuildProgressBar.create(cli.language);
    // Catching up first leaves the serving generations at the head, so the rebuild need
    // not wait for a live runner that may not exist before it compares; one that never
    // applied an event is left alone (nothing to compare: the rebuild replaces it).
    // One pass over the log for every chosen projection: one bar.
    const session = { reads: [], skipUnstarted: true, logCacheKib: REBUILD_LOG_CACHE_KIB };
    const reports = await withReadModels(cli, session, async ({ lib, events, docs }) => {
      progress.start(chosen.map((p) => p.name).join(', '), await events.headPosition());
      let finished = false;
      try {
        const done: RebuildReport[] = await lib.rebuildProjections(events, docs, chosen, (p) =>
          progress.update(p),
        );
        finished = true;
        return done;
      } finally {
        progress.stop(finished);
      }
    });

    const different = reports.filter((r) => !r.equal).map((r) => r.projection);
    if (cli.json) cli.printJson({ reports: reports.map(reportToWire) });
    else cli.print(describeReports(reports, cli));
    if (different.length > 0) {
      cli.warn({
        vi: `Dữ liệu đọc dựng lại KHÁC bản được thay thế: ${different.join(', ')}. Bản dựng lại từ sổ sự kiện nay được dùng; bản cũ còn giữ đến lần dựng lại sau để đối chiếu.`,
        en: `The rebuilt read models DIFFER from the ones replaced: ${different.join(', ')}. The ones rebuilt from the log now serve; the old ones are kept until the next rebuild, for comparison.`,
      });
      process.exitCode = EXIT_FAILURE;
      return;
    }
    cli.say({
      vi: `Mọi dữ liệu đọc dựng lại đều khớp với bản được thay thế (${reports.length} dữ liệu đọc).`,
      en: `Every rebuilt read model equals the one it replaces (${reports.length} projection(s)).`,
    });
  }
}
