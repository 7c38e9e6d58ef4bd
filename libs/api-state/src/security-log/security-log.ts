export interface Refusal {
  readonly at: string;
  readonly userId: string | null;
  readonly role: string | null;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code: string;
  readonly reason: string;
  readonly ip: string | null;
  /** How many more identical refusals this entry stands for (AggregatingSecurityLog). */
  readonly repeated?: number;
}

/** How much of a path and a reason is kept: enough to see what was tried, bounded. */
export function boundedRefusal(r: Refusal): Refusal {
  return { ...r, path: r.path.slice(0, 500), reason: r.reason.slice(0, 1000) };
}

/**
 * Every refused request — who, what, why — append-only, for the people who watch access.
 * Kept apart from the event log: a refusal changed nothing in the books. In
 * `<data>/security.sqlite` on one machine (SqliteSecurityLog), in MongoDB's
 * `api_security_log` when API replicas run on several (MongoSecurityLog), so that one
 * place shows the refusals of every replica.
 */
export abstract class SecurityLog {
  abstract record(refusal: Refusal): Promise<void>;
  /** The latest refusals, newest first. */
  abstract recent(limit?: number): Promise<Refusal[]>;
  abstract close(): Promise<void>;
}
