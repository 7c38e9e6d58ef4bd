import { EventStoreError } from '../errors';

/** A message in Vietnamese and English, as every edge shows them. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** A refusal of the audit checkpoints (bad key, a log not fit to sign…), with a stable code. */
export class AuditError extends EventStoreError {
  constructor(
    readonly code: string,
    readonly messages: Bilingual,
    options?: { cause?: unknown },
  ) {
    super(messages.en, options);
    this.name = 'AuditError';
  }
}
