import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { BudgetConfig } from '@app/config';

/** How a projector runs, from its environment (see docs/deployment.md). */
export interface ProjectorSettings {
  /** Compete for the projections' leases (BUDGET_PROJECTIONS=off: not in this process). */
  readonly projections: boolean;
  /** Compete for the process managers' lease (BUDGET_FOLLOW_UPS=off: not in this process). */
  readonly followUps: boolean;
  /** This process as a lease holder: BUDGET_PROJECTOR_ID (default the host name), pid, a random part. */
  readonly holder: string;
  readonly leaseTtlMs: number;
  readonly renewEveryMs: number;
  /** How often a projection looks for events other processes appended. */
  readonly pollIntervalMs: number;
}

export function projectorSettings(config: BudgetConfig): ProjectorSettings {
  // The random part makes a restarted process a new holder: it never inherits the token
  // of its previous life, which may still be running somewhere (a paused container).
  const name = config.projector.id ?? hostname();
  return {
    projections: config.projections,
    followUps: config.followUps,
    holder: `${name}#${process.pid}#${randomUUID().slice(0, 8)}`,
    leaseTtlMs: config.projector.leaseTtlMs,
    renewEveryMs: config.projector.renewEveryMs,
    pollIntervalMs: config.projector.pollIntervalMs,
  };
}

/** The pid inside a holder written by projectorSettings (for operators and tests). */
export function holderPid(holder: string): number | null {
  const pid = Number(holder.split('#').at(-2));
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}
