import { Command } from 'nest-commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrokenEvent, EventStoreConfig, VerifyResult } from '@app/event-store';
import type { Messages } from '../../../../libs/budgeting/src/shared/domain-error';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext } from '../shared/cli-context';
import { CliError, EXIT_FAILURE } from '../shared/cli-errors';

/** verifyLog's reasons (libs/event-store/src/verify.ts) in Vietnamese; English as given. */
function reasonInVietnamese(reason: string): string {
  const revision = /^revision (\d+) where (\d+) was expected/.exec(reason);
  if (revision) {
    return `phiên bản ${revision[1]} trong khi phải là ${revision[2]} (sự kiện bị thiếu, chèn thêm hoặc đảo thứ tự)`;
  }
  const order = /^position (\d+) does not follow (\d+)/.exec(reason);
  if (order) return `vị trí ${order[1]} không đứng sau vị trí ${order[2]}`;
  if (reason.startsWith('does not link to the previous event')) {
    return 'không nối với sự kiện trước đó của luồng (mã băm trước không khớp)';
  }
  if (reason.startsWith('content does not match its hash')) {
    return 'nội dung không khớp mã băm (đã bị sửa sau khi ghi)';
  }
  return `không đọc được sự kiện (dữ liệu bị hỏng): ${reason}`;
}

function brokenMessage(broken: BrokenEvent): Messages {
  const where = broken.streamId
    ? {
        vi: `, luồng ${broken.streamId}${broken.revision === undefined ? '' : `, phiên bản ${broken.revision}`}`,
        en: `, stream ${broken.streamId}${broken.revision === undefined ? '' : `, revision ${broken.revision}`}`,
      }
    : { vi: '', en: '' };
  return {
    vi: `Sổ sự kiện KHÔNG toàn vẹn: sự kiện hỏng đầu tiên ở vị trí ${broken.position}${where.vi}: ${reasonInVietnamese(broken.reason)}`,
    en: `The event log is NOT intact: first broken event at position ${broken.position}${where.en}: ${broken.reason}`,
  };
}

/** The same document as GET /api/v1/audit/verify. */
function toJson(result: VerifyResult): object {
  return {
    ok: result.ok,
    eventsChecked: result.eventsChecked,
    lastPosition: result.lastPosition?.toString() ?? null,
    ...(result.firstBroken
      ? {
          firstBroken: {
            ...result.firstBroken,
            position: result.firstBroken.position.toString(),
            revision: result.firstBroken.revision?.toString(),
          },
        }
      : {}),
  };
}

const EMPTY_LOG: VerifyResult = { ok: true, eventsChecked: 0, lastPosition: null };

/**
 * Walks the whole log (hash chain, revisions, order) on the configured store: exit 0
 * when intact, 1 naming the first broken event. The event-store library, and with it the
 * EventStoreDB client, is loaded only here, so other commands start without it.
 */
@Command({
  name: 'verify',
  description:
    'kiểm tra tính toàn vẹn của toàn bộ sổ sự kiện / check the integrity of the whole event log',
})
export class VerifyCommand extends BudgetCommand {
  protected async execute(_params: string[], _options: object, cli: CliContext): Promise<void> {
    const eventStore = await import('@app/event-store');
    let config: EventStoreConfig;
    try {
      config = eventStore.eventStoreConfigFromEnv({ ...process.env, BUDGET_DATA_DIR: cli.dataDir });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new CliError('CONFIG.INVALID', {
        vi: `cấu hình sổ sự kiện không hợp lệ: ${detail}`,
        en: `invalid event store configuration: ${detail}`,
      });
    }

    let result: VerifyResult;
    if (config.kind === 'sqlite' && !existsSync(join(config.dataDir, 'events.sqlite'))) {
      if (!existsSync(config.dataDir)) {
        throw new CliError('DATA.NOT_FOUND', {
          vi: `không có thư mục dữ liệu ${config.dataDir} (xem --data, BUDGET_DATA_DIR)`,
          en: `no data folder ${config.dataDir} (see --data, BUDGET_DATA_DIR)`,
        });
      }
      // Nothing recorded yet: an empty log is intact, and checking it must not create it.
      result = EMPTY_LOG;
    } else {
      const store = eventStore.createEventStore(config);
      try {
        result = await eventStore.verifyLog(store);
      } finally {
        await store.close();
      }
    }

    if (cli.json) cli.printJson(toJson(result));
    if (result.firstBroken) {
      cli.warn(brokenMessage(result.firstBroken));
      process.exitCode = EXIT_FAILURE;
      return;
    }
    cli.say({
      vi: `Sổ sự kiện toàn vẹn: đã kiểm tra ${result.eventsChecked} sự kiện${result.lastPosition === null ? '' : ` (đến vị trí ${result.lastPosition})`}.`,
      en: `The event log is intact: ${result.eventsChecked} event(s) checked${result.lastPosition === null ? '' : ` (up to position ${result.lastPosition})`}.`,
    });
  }
}
