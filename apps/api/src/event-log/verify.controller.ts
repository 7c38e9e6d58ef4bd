import {
  Body,
  Controller,
  Get,
  Inject,
  Logger,
  Post,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  AuditCheckpointer,
  AuditError,
  EVENT_STORE,
  exportCheckpoint,
  latestCheckpointEvent,
  ledgerVerificationJson,
  loadAuditKey,
  readStoredCheckpoint,
  trustedFingerprints,
  verifyLedger,
  writeCheckpoints,
  type AuditSigningKey,
  type EventStore,
  type ExportedCheckpoint,
  type StoredCheckpoint,
} from '@app/event-store';
import { InjectConfig, type BudgetConfig } from '@app/config';
import { DomainError, OPERATION_POLICIES, READ_POLICIES, type Actor } from '@app/budgeting';
import { Allow, CurrentActor } from '../auth';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiRead } from '../openapi/api-docs';
import { CheckpointRequestDto } from './checkpoint-request.dto';
import { ExportedCheckpointDto, LedgerVerificationDto } from '../openapi/answers.dto';

/**
 * The integrity of the whole log, for auditors and administrators: the per-stream hash
 * chain and the signed Merkle checkpoints (see libs/event-store/src/audit). This
 * controller also runs the periodic checkpointer (every BUDGET_AUDIT_CHECKPOINT_EVERY
 * events, default 1000, 0 = off): it lives with the routes that read and write the same
 * checkpoints, and needs no module of its own.
 */
@ApiTags('audit')
@Controller('api/v1/audit')
export class VerifyController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoints');
  private checkpointer: AuditCheckpointer | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @InjectConfig() private readonly config: BudgetConfig,
  ) {}

  private trusted(): string[] {
    return trustedFingerprints(this.config.dataDir, this.config.audit);
  }

  onApplicationBootstrap(): void {
    const { checkpointEvery, checkpointPollMs } = this.config.audit;
    if (checkpointEvery === 0) return;
    this.checkpointer = new AuditCheckpointer(this.store, {
      every: checkpointEvery,
      pollMs: checkpointPollMs,
      key: () => this.signingKey(),
      onError: (error) => this.logger.error(`Periodic checkpoint not written: ${errorText(error)}`),
    });
    this.checkpointer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.checkpointer?.stop();
  }

  @Get('verify')
  @Allow(READ_POLICIES.VerifyLog)
  @ApiRead(
    'Kiểm tra toàn vẹn cả sổ / Verify the whole log',
    LedgerVerificationDto,
    'Every stream’s hash chain and the signed Merkle checkpoints; the first broken event is named.',
  )
  async verify(): Promise<object> {
    const result = await this.audit(() => verifyLedger(this.store, { trusted: this.trusted() }));
    return ledgerVerificationJson(result);
  }

  /**
   * Signs a checkpoint of the whole log now and answers the document to export: the
   * file an auditor keeps. A log that does not verify is not signed (409).
   */
  @Post('checkpoints')
  @Allow(OPERATION_POLICIES.WriteCheckpoint)
  @ApiOperation({
    summary: 'Ký điểm kiểm tra cả sổ / Sign a checkpoint of the whole log',
    description: 'The file an auditor keeps. A log that does not verify is not signed (409).',
  })
  @ApiResponse({ status: 201, description: 'signed', type: ExportedCheckpointDto })
  async checkpoint(
    @Body() body: CheckpointRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<ExportedCheckpoint> {
    return this.audit(async () => {
      const verification = await verifyLedger(this.store, {
        trusted: this.trusted(),
      });
      if (!verification.ok) {
        const broken = verification.firstBroken;
        throw new DomainError(
          'AUDIT.LOG_NOT_INTACT',
          'conflict',
          {
            vi: `Không ký điểm kiểm tra cho một sổ không toàn vẹn. ${broken?.messages.vi ?? ''}`.trim(),
            en: `No checkpoint is signed for a log that is not intact. ${broken?.messages.en ?? ''}`.trim(),
          },
          broken ? { position: broken.position.toString(), reason: broken.code } : {},
        );
      }
      const key = this.signingKey();
      const written = await writeCheckpoints(this.store, {
        key,
        segmentSize: this.config.audit.checkpointEvery || undefined,
        trusted: [...new Set([...this.trusted(), key.fingerprint])],
        actor: actor.userId,
        extra: { requestedBy: actor.name, ...(body.reason ? { reason: body.reason } : {}) },
      });
      const latest = written.at(-1) ?? (await this.latestStored());
      if (!latest) {
        throw new DomainError('AUDIT.LOG_EMPTY', 'conflict', {
          vi: 'Sổ sự kiện chưa có sự kiện nào: chưa có gì để ký điểm kiểm tra',
          en: 'The event log holds no event yet: there is nothing to checkpoint',
        });
      }
      return exportCheckpoint(latest);
    });
  }

  private signingKey(): AuditSigningKey {
    const key = loadAuditKey(this.config.dataDir, { ...this.config.audit, create: true });
    if (!key) throw new Error('unreachable: the key is created when missing');
    return key;
  }

  private async latestStored(): Promise<StoredCheckpoint | null> {
    const event = await latestCheckpointEvent(this.store);
    const stored = event ? readStoredCheckpoint(event) : null;
    return stored && typeof stored !== 'string' ? stored : null;
  }

  /** Audit refusals (a bad key setting…) as problems with their code, not as 500s. */
  private async audit<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof AuditError) {
        throw new DomainError(error.code, 'conflict', error.messages);
      }
      throw error;
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
