export { CommandKey, scopedCommandId } from './idempotency-key.decorator';
export {
  IDEMPOTENCY_HEADER,
  IdempotencyInterceptor,
  REPLAYED_HEADER,
} from './idempotency.interceptor';
export { IdempotencyStore, type BeginOutcome } from './idempotency-store';
export { SqliteIdempotencyStore } from './sqlite-idempotency-store';
export { MongoIdempotencyStore } from './mongo-idempotency-store';
export { canonicalJson, requestHash } from './request-hash';
