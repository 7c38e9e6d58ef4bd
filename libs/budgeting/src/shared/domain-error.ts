/**
 * How a refusal should be read by an edge (HTTP maps these to 400, 403, 404, 409, 422).
 * The domain says what went wrong, not which status code to send.
 */
export type DomainErrorKind = 'validation' | 'forbidden' | 'not_found' | 'conflict' | 'rule';

export interface Messages {
  readonly vi: string;
  readonly en: string;
}

/**
 * Every refusal of the domain: a stable code (`BUDGET.LINE_OVERDRAWN`) that clients
 * and tests rely on, and a message in Vietnamese first and English.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    readonly messages: Messages,
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(`${code}: ${messages.en}`);
    this.name = 'DomainError';
  }
}
