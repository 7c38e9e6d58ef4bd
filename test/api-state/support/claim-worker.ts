/**
 * A replica of the API's state in a process of its own, for the idempotency store's
 * claim race: opens the stores from the config it is given, and on the parent's order
 * claims a list of keys, starting at an agreed instant (busy-waiting for it, so that the
 * replicas start within microseconds of each other) and noting each claim's span.
 * Run with `node -r @swc-node/register`. argv: <ApiStateConfig as JSON>
 */
import { openApiState, type ApiStateConfig } from '@app/api-state';
import { clockMs } from '@app/testing/faults';

export type ClaimOrder =
  | {
      readonly cmd: 'claim';
      readonly userId: string;
      readonly keys: readonly string[];
      readonly hash: string;
      /** clockMs() at which to start. */
      readonly at: number;
    }
  | { readonly cmd: 'exit' };

export interface Claim {
  readonly key: string;
  readonly kind: string;
  /** The attempt that holds the key, when this claim won it. */
  readonly attempt: string | null;
  readonly start: number;
  readonly end: number;
}

export type ClaimReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'claimed'; readonly claims: Claim[] }
  | { readonly kind: 'error'; readonly message: string };

const config = JSON.parse(process.argv[2] ?? '') as ApiStateConfig;
const reply = (message: ClaimReply): void => void process.send?.(message);

async function main(): Promise<void> {
  const state = await openApiState(config);
  process.on('message', (order: ClaimOrder) => {
    const run = async (): Promise<void> => {
      if (order.cmd === 'exit') {
        await state.close();
        process.disconnect();
        return;
      }
      while (clockMs() < order.at) {
        // Busy-wait: a timer would wake each replica a millisecond or more apart.
      }
      const claims: Claim[] = [];
      for (const key of order.keys) {
        const start = clockMs();
        const outcome = await state.idempotency.begin(order.userId, key, order.hash);
        const end = clockMs();
        const attempt = outcome.kind === 'started' ? outcome.attempt : null;
        claims.push({ key, kind: outcome.kind, attempt, start, end });
      }
      reply({ kind: 'claimed', claims });
    };
    run().catch((error: unknown) => reply({ kind: 'error', message: String(error) }));
  });
  reply({ kind: 'ready' });
}

process.on('disconnect', () => process.exit(0));
main().catch((error: unknown) => {
  reply({ kind: 'error', message: String(error) });
  process.exitCode = 1;
});
