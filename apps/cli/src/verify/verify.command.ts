import { Command, Option } from 'nest-commander';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type {
  AuditSigningKey,
  EventStore,
  EventStoreConfig,
  ExportedCheckpoint,
  LedgerVerification,
  SignedCheckpoint,
} from '@app/event-store';
import { writeOutputFile } from '../shared/output-file';
import { BudgetCommand } from '../shared/budget-command';
import type { CliContext, CommonOptions } from '../shared/cli-context';
import { CliError, EXIT_FAILURE, UsageError } from '../shared/cli-errors';

interface VerifyOptions extends CommonOptions {
  readonly against?: string;
  readonly checkpoint?: boolean;
  readonly out?: string;
}

type EventStoreLib = typeof import('@app/event-store');

/** A log with no events, for a data folder where nothing was recorded (never created by verifying). */
const EMPTY_LOG = {
  readAll: () => Promise.resolve([]),
  readStream: () => Promise.resolve([]),
  headPosition: () => Promise.resolve(null),
} as unknown as EventStore;

function short(hash: string): string {
  return `${hash.slice(0, 16)}…`;
}

/**
 * Checks the whole log: the per-stream hash chain, and the signed Merkle checkpoints
 * stored in it and (with --against) the one an auditor exported and kept. Exit 0 when
 * intact, 1 naming the first bad position or refusing a forged file. --checkpoint then
 * signs a new checkpoint of the (intact) log; --out exports the latest one to a file.
 * The event-store library, and with it the EventStoreDB client, is loaded only here.
 */
@Command({
  name: 'verify',
  description:
    'kiểm tra tính toàn vẹn của toàn bộ sổ sự kiện và các điểm kiểm tra Merkle / check the integrity of the whole event log and its Merkle checkpoints',
})
export class VerifyCommand extends BudgetCommand<VerifyOptions> {
  @Option({
    flags: '--against <file>',
    description:
      'đối chiếu với tệp điểm kiểm tra đã xuất (do kiểm toán viên giữ) / check against an exported checkpoint file (kept by the auditor)',
  })
  parseAgainst(value: string): string {
    return value;
  }

  @Option({
    flags: '--checkpoint',
    description:
      'sau khi kiểm tra, ký một điểm kiểm tra mới đến cuối sổ / after checking, sign a new checkpoint up to the end of the log',
  })
  parseCheckpoint(): boolean {
    return true;
  }

  @Option({
    flags: '--out <file>',
    description:
      'xuất điểm kiểm tra mới nhất ra tệp JSON (không ghi đè) / export the latest checkpoint to a JSON file (never overwrites)',
  })
  parseOut(value: string): string {
    return value;
  }

  protected async execute(
    _params: string[],
    options: VerifyOptions,
    cli: CliContext,
  ): Promise<void> {
    const lib = await import('@app/event-store');
    try {
      await this.verify(lib, options, cli);
    } catch (error) {
      if (error instanceof lib.AuditError) throw new CliError(error.code, error.messages);
      throw error;
    }
  }

  private async verify(lib: EventStoreLib, options: VerifyOptions, cli: CliContext): Promise<void> {
    if (options.out !== undefined && options.out.trim() === '') {
      throw UsageError.of('--out', {
        vi: '--out: tên tệp không được để trống',
        en: '--out: the file name must not be empty',
      });
    }
    const out = options.out === undefined ? undefined : resolve(options.out);
    if (out !== undefined && lstatSync(out, { throwIfNoEntry: false }) !== undefined) {
      throw new CliError('FILE.EXISTS', {
        vi: `tệp ${out} đã có: không ghi đè một tệp điểm kiểm tra (có thể là bản kiểm toán viên đang giữ)`,
        en: `${out} already exists: a checkpoint file is never overwritten (it may be the copy an auditor keeps)`,
      });
    }
    const config: EventStoreConfig = cli.config.eventStore;
    const trusted = lib.trustedFingerprints(config.dataDir, cli.config.audit);
    const against = options.against === undefined ? undefined : readCheckpointFile(options.against);

    const nothingRecorded =
      config.kind === 'sqlite' && !existsSync(join(config.dataDir, 'events.sqlite'));
    if (nothingRecorded && !existsSync(config.dataDir)) {
      throw new CliError('DATA.NOT_FOUND', {
        vi: `không có thư mục dữ liệu ${config.dataDir} (xem --data, BUDGET_DATA_DIR)`,
        en: `no data folder ${config.dataDir} (see --data, BUDGET_DATA_DIR)`,
      });
    }
    if (nothingRecorded && (options.checkpoint || out !== undefined)) {
      throw new CliError('AUDIT.LOG_EMPTY', {
        vi: 'sổ sự kiện chưa có sự kiện nào: chưa có gì để ký điểm kiểm tra',
        en: 'the event log holds no event yet: there is nothing to checkpoint',
      });
    }
    // Nothing recorded yet: checking it must not create it.
    const store = nothingRecorded ? EMPTY_LOG : lib.createEventStore(config);
    try {
      const verification = await lib.verifyLedger(store, {
        trusted,
        ...(against === undefined ? {} : { against }),
      });
      let exported: ExportedCheckpoint | undefined;
      if (verification.ok && (options.checkpoint || out !== undefined)) {
        exported = lib.exportCheckpoint(
          options.checkpoint
            ? await this.sign(
                lib,
                store,
                lib.loadAuditKey(config.dataDir, { ...cli.config.audit, create: true }),
                cli.config.audit.checkpointEvery,
                trusted,
              )
            : await latestStored(lib, store),
        );
        // Never replaced, never through a link: it may be the copy an auditor keeps.
        if (out !== undefined) writeOutputFile(out, `${JSON.stringify(exported, null, 2)}\n`);
      }
      this.report(lib, verification, exported, out, options, cli);
    } finally {
      if (!nothingRecorded) await store.close();
    }
  }

  private async sign(
    lib: EventStoreLib,
    store: EventStore,
    key: AuditSigningKey | null,
    checkpointEvery: number,
    trusted: readonly string[],
  ): Promise<SignedCheckpoint> {
    if (!key) throw new Error('unreachable: the key is created when missing');
    const every = checkpointEvery || lib.DEFAULT_CHECKPOINT_EVERY;
    const written = await lib.writeCheckpoints(store, {
      key,
      segmentSize: every,
      trusted: [...new Set([...trusted, key.fingerprint])],
    });
    return written.at(-1) ?? latestStored(lib, store);
  }

  private report(
    lib: EventStoreLib,
    v: LedgerVerification,
    exported: ExportedCheckpoint | undefined,
    out: string | undefined,
    options: VerifyOptions,
    cli: CliContext,
  ): void {
    if (cli.json) {
      cli.printJson(lib.ledgerVerificationJson(v, exported ? { checkpoint: exported } : {}));
    }
    if (v.rejection) cli.warn(v.rejection.messages);
    if (v.firstBroken) {
      cli.warn(v.firstBroken.messages);
      if (options.checkpoint || out !== undefined) {
        cli.warn({
          vi: 'Không ký và không xuất điểm kiểm tra cho một sổ không toàn vẹn.',
          en: 'No checkpoint is signed or exported for a log that is not intact.',
        });
      }
    }
    if (!v.ok) {
      process.exitCode = EXIT_FAILURE;
      return;
    }
    const c = v.chain;
    cli.say({
      vi: `Sổ sự kiện toàn vẹn: đã kiểm tra ${c.eventsChecked} sự kiện${c.lastPosition === null ? '' : ` (đến vị trí ${c.lastPosition})`}.`,
      en: `The event log is intact: ${c.eventsChecked} event(s) checked${c.lastPosition === null ? '' : ` (up to position ${c.lastPosition})`}.`,
    });
    const a = v.audit;
    if (a?.latest) {
      cli.say({
        vi: `Điểm kiểm tra Merkle: ${a.validCheckpoints} điểm hợp lệ; mọi sự kiện đến vị trí ${a.coveredUpTo} khớp với điểm kiểm tra đã ký (mới nhất: vị trí ${a.latest.position}, gốc ${short(a.latest.root)}, khóa ${short(a.latest.keyFingerprint)}).`,
        en: `Merkle checkpoints: ${a.validCheckpoints} valid; every event up to position ${a.coveredUpTo} matches a signed checkpoint (latest: position ${a.latest.position}, root ${short(a.latest.root)}, key ${short(a.latest.keyFingerprint)}).`,
      });
    }
    if (a?.against) {
      cli.say({
        vi: `Khớp với tệp điểm kiểm tra ${options.against}: ${a.against.eventCount} sự kiện đến vị trí ${a.against.position}, ký ngày ${a.against.createdAt} bằng khóa ${a.against.keyFingerprint}.`,
        en: `Matches the checkpoint file ${options.against}: ${a.against.eventCount} events up to position ${a.against.position}, signed ${a.against.createdAt} with key ${a.against.keyFingerprint}.`,
      });
    }
    if (exported) {
      cli.say({
        vi: `${options.checkpoint ? 'Đã ký điểm kiểm tra' : 'Điểm kiểm tra mới nhất'}: ${exported.eventCount} sự kiện đến vị trí ${exported.position}, gốc ${exported.root}, dấu vân tay khóa ${exported.keyFingerprint}${out ? `; đã xuất ra ${out} — hãy lưu tệp này và dấu vân tay ở nơi khác` : ''}.`,
        en: `${options.checkpoint ? 'Checkpoint signed' : 'Latest checkpoint'}: ${exported.eventCount} events up to position ${exported.position}, root ${exported.root}, key fingerprint ${exported.keyFingerprint}${out ? `; exported to ${out} — keep this file and the fingerprint somewhere else` : ''}.`,
      });
    }
  }
}

function readCheckpointFile(path: string): unknown {
  const file = resolve(path);
  if (!existsSync(file)) {
    throw new CliError('FILE.NOT_FOUND', {
      vi: `không có tệp điểm kiểm tra ${file}`,
      en: `no checkpoint file ${file}`,
    });
  }
  const content = readFileSync(file, 'utf8');
  try {
    return JSON.parse(content) as unknown;
  } catch {
    // Not JSON at all: verification refuses it as "not a checkpoint file", with the rest.
    return content;
  }
}

async function latestStored(lib: EventStoreLib, store: EventStore): Promise<SignedCheckpoint> {
  const event = await lib.latestCheckpointEvent(store);
  const stored = event ? lib.readStoredCheckpoint(event) : null;
  if (!stored || typeof stored === 'string') {
    throw new CliError('AUDIT.NO_CHECKPOINT', {
      vi: 'sổ chưa có điểm kiểm tra nào: dùng --checkpoint để ký một điểm',
      en: 'the log has no checkpoint yet: use --checkpoint to sign one',
    });
  }
  return stored;
}
