import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

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

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${name} must be a positive whole number of milliseconds, got "${raw}"`);
  }
  return value;
}

export function projectorSettings(env: NodeJS.ProcessEnv = process.env): ProjectorSettings {
  const leaseTtlMs = positive(env, 'BUDGET_LEASE_TTL_MS', 15_000);
  const renewEveryMs = positive(
    env,
    'BUDGET_LEASE_RENEW_MS',
    Math.max(1, Math.floor(leaseTtlMs / 3)),
  );
  if (renewEveryMs >= leaseTtlMs) {
    throw new Error('BUDGET_LEASE_RENEW_MS must be well below BUDGET_LEASE_TTL_MS (a third, say)');
  }
  // The random part makes a restarted process a new holder: it never inherits the token
  // of its previous life, which may still be running somewhere (a paused container).
  const name = env.BUDGET_PROJECTOR_ID || hostname();
  return {
    projections: env.BUDGET_PROJECTIONS !== 'off',
    followUps: env.BUDGET_FOLLOW_UPS !== 'off',
    holder: `${name}#${process.pid}#${randomUUID().slice(0, 8)}`,
    leaseTtlMs,
    renewEveryMs,
    pollIntervalMs: positive(env, 'BUDGET_PROJECTOR_POLL_MS', 100),
  };
}

/** The pid inside a holder written by projectorSettings (for operators and tests). */
export function holderPid(holder: string): number | null {
  const pid = Number(holder.split('#').at(-2));
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}
